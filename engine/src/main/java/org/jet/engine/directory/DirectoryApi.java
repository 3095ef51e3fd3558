package org.jet.engine.directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.jet.engine.http.ApiJson;
import org.jet.engine.http.ApiRoutes;

/**
 * The directory's part of the admin API:
 * <pre>
 * GET   /api/v1/users[?cost_centre=ID]        {"users": [user...]}  (with the cost centre's sub-tree)
 * POST  /api/v1/users                         {"login", "cost_centre", "name"?, "email"?}  → 201 user
 * GET   /api/v1/users/{login}                 user + "cost_centre_chain": [own, parent, ..., top]
 * PATCH /api/v1/users/{login}                 {"name"?, "email"?, "cost_centre"?}; null clears name or email
 * POST  /api/v1/users/import[?file=NAME]      CSV body → {"added", "updated", "unchanged"}, or 400 with
 *                                             "problems": ["NAME:LINE: message", ...] and nothing written
 * GET   /api/v1/costcentres                   {"cost_centres": [cost centre + "users" (direct members)...]}
 * POST  /api/v1/costcentres                   {"id", "name", "parent"?}  → 201 cost centre
 * </pre>
 * Errors: 400 (bad request), 404 (no such user or cost centre), 409 (exists already), as {@code {"error": ...}}.
 * The audit log names the actor from the {@code X-Jet-Actor} header ({@code jet} sends {@code cli:USER}), else
 * {@code api}.
 */
public final class DirectoryApi implements ApiRoutes
{
    public static final String ACTOR_HEADER = "X-Jet-Actor";
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final List<String> USER_FIELDS = List.of("login", "name", "email", "cost_centre");
    private static final List<String> USER_CHANGES = List.of("name", "email", "cost_centre");
    private static final List<String> COST_CENTRE_FIELDS = List.of("id", "name", "parent");

    private final Directory directory;

    public DirectoryApi(final Directory directory)
    {
        this.directory = directory;
    }

    @Override
    public void addTo(final RoutesConfig routes)
    {
        routes.get("/api/v1/users", this::listUsers);
        routes.post("/api/v1/users", this::addUser);
        routes.post("/api/v1/users/import", this::importUsers);
        routes.get("/api/v1/users/{login}", this::showUser);
        routes.patch("/api/v1/users/{login}", this::updateUser);
        routes.get("/api/v1/costcentres", this::listCostCentres);
        routes.post("/api/v1/costcentres", this::addCostCentre);
        routes.exception(ImportRejected.class, (ex, ctx) -> ApiJson.error(ctx, 400, ex.getMessage(), ex.problems()));
        routes.exception(DirectoryException.class,
            (ex, ctx) -> ApiJson.error(ctx, status(ex.kind()), ex.getMessage(), null));
    }

    private static int status(final DirectoryException.Kind kind)
    {
        switch (kind)
        {
            case NOT_FOUND:
                return 404;
            case CONFLICT:
                return 409;
            default:
                return 400;
        }
    }

    private void listUsers(final Context ctx) throws IOException
    {
        ApiJson.send(ctx, Map.of("users", directory.users(ctx.queryParam("cost_centre"))));
    }

    private void addUser(final Context ctx) throws IOException
    {
        final JsonNode body = ApiJson.readObject(ctx, USER_FIELDS);
        final User user = directory.addUser(ApiJson.text(body, "login"), ApiJson.text(body, "name"),
            ApiJson.text(body, "email"), ApiJson.text(body, "cost_centre"), actor(ctx));
        ApiJson.send(ctx, 201, user);
    }

    private void showUser(final Context ctx) throws IOException
    {
        final String login = ctx.pathParam("login");
        final User user = directory.user(login);
        if (user == null)
        {
            throw new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no user '" + login + "'");
        }
        final ObjectNode document = ApiJson.MAPPER.valueToTree(user);
        final List<String> chain = new ArrayList<>();
        for (final CostCentre costCentre : directory.costCentreChain(user.numericId()))
        {
            chain.add(costCentre.id());
        }
        document.set("cost_centre_chain", ApiJson.MAPPER.valueToTree(chain));
        ApiJson.send(ctx, document);
    }

    private void updateUser(final Context ctx) throws IOException
    {
        final JsonNode body = ApiJson.readObject(ctx, USER_CHANGES);
        final String costCentre = ApiJson.text(body, "cost_centre");
        if ("".equals(costCentre))
        {
            throw new DirectoryException(DirectoryException.Kind.INVALID,
                "a user always has a cost centre: 'cost_centre' cannot be cleared");
        }
        ApiJson.send(ctx, directory.updateUser(ctx.pathParam("login"), ApiJson.text(body, "name"),
            ApiJson.text(body, "email"), costCentre, actor(ctx)));
    }

    private void importUsers(final Context ctx) throws IOException
    {
        final String file = ctx.queryParam("file") == null ? "import.csv" : ctx.queryParam("file");
        try (Reader csv = new InputStreamReader(new ByteArrayInputStream(ctx.bodyAsBytes()), StandardCharsets.UTF_8))
        {
            final ImportResult result = directory.importCsv(file, csv, actor(ctx));
            ApiJson.send(ctx, result);
        }
    }

    private void listCostCentres(final Context ctx) throws IOException
    {
        final Map<String, Integer> counts = directory.directUserCounts();
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final CostCentre costCentre : directory.costCentres())
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", costCentre.id());
            entry.put("numeric_id", costCentre.numericId());
            entry.put("name", costCentre.name());
            entry.put("parent", costCentre.parent());
            entry.put("users", counts.getOrDefault(costCentre.id(), 0));
            list.add(entry);
        }
        ApiJson.send(ctx, Map.of("cost_centres", list));
    }

    private void addCostCentre(final Context ctx) throws IOException
    {
        final JsonNode body = ApiJson.readObject(ctx, COST_CENTRE_FIELDS);
        ApiJson.send(ctx, 201, directory.addCostCentre(ApiJson.text(body, "id"), ApiJson.text(body, "name"),
            ApiJson.text(body, "parent"), actor(ctx)));
    }

    private static String actor(final Context ctx)
    {
        final String actor = ctx.header(ACTOR_HEADER);
        return actor != null && ACTOR.matcher(actor).matches() ? actor : "api";
    }
}
