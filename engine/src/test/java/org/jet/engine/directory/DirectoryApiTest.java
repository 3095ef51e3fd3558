package org.jet.engine.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jet.engine.http.ApiServer.assertError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jet.engine.http.ApiServer;
import org.jet.engine.store.AuditEntry;
import org.jet.engine.store.AuditLog;
import org.jet.engine.store.JetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory's routes on a real HTTP server (port 0) over a real store.
 */
class DirectoryApiTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private JetStore store;
    private AuditLog audit;
    private Directory directory;
    private ApiServer api;
    private String token;

    @BeforeEach
    void start() throws Exception
    {
        store = JetStore.open(dataDir);
        audit = AuditLog.open(store);
        directory = Directory.open(store, audit);
        api = ApiServer.start(dataDir, new DirectoryApi(directory));
        token = api.token();
    }

    @AfterEach
    void stop()
    {
        api.close();
        store.close();
    }

    @Test
    void shouldRefuseEveryRouteWithoutTheToken() throws Exception
    {
        for (final String path : List.of("/api/v1/users", "/api/v1/costcentres", "/api/v1/users/ann"))
        {
            final HttpResponse<String> response = call("GET", path, null, null, null);
            assertEquals(401, response.statusCode(), path);
            assertTrue(response.body().startsWith("{\"error\":\"missing or wrong admin token"), response.body());
        }
        assertEquals(401, call("POST", "/api/v1/costcentres", "wrong", "application/json",
            "{\"id\":\"eng\",\"name\":\"Engineering\"}").statusCode());
        assertTrue(directory.costCentres().isEmpty(), "nothing written without the token");
    }

    @Test
    void shouldAddShowMoveAndListUsersInSnakeCase() throws Exception
    {
        assertEquals(201, post("/api/v1/costcentres", "{\"id\":\"eng\",\"name\":\"Engineering\"}").statusCode());
        assertEquals(201, post("/api/v1/costcentres",
            "{\"id\":\"eng.cs\",\"name\":\"Computer Science\",\"parent\":\"eng\"}").statusCode());
        final HttpResponse<String> added = call("POST", "/api/v1/users", token, "application/json",
            "{\"login\":\"ann@uni\",\"name\":\"Ann\",\"email\":\"ann@uni.example\",\"cost_centre\":\"eng.cs\"}",
            "cli:ops");
        assertEquals(201, added.statusCode(), added.body());
        final JsonNode user = JSON.readTree(added.body());
        assertEquals("eng.cs", user.get("cost_centre").asText());
        assertTrue(user.get("numeric_id").asLong() > 0);

        final JsonNode shown = JSON.readTree(get("/api/v1/users/ann%40uni").body());
        assertEquals("ann@uni", shown.get("login").asText());
        assertEquals("[\"eng.cs\",\"eng\"]", shown.get("cost_centre_chain").toString());

        final HttpResponse<String> moved = call("PATCH", "/api/v1/users/ann%40uni", token, "application/json",
            "{\"cost_centre\":\"eng\",\"email\":null}", null);
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("eng", JSON.readTree(moved.body()).get("cost_centre").asText());
        assertTrue(JSON.readTree(moved.body()).get("email").isNull(), "null clears the e-mail address");

        final JsonNode list = JSON.readTree(get("/api/v1/users?cost_centre=eng").body());
        assertEquals(1, list.get("users").size());
        final JsonNode costCentres = JSON.readTree(get("/api/v1/costcentres").body()).get("cost_centres");
        assertEquals("eng", costCentres.get(0).get("id").asText());
        assertEquals(1, costCentres.get(0).get("users").asInt());
        assertEquals("eng", costCentres.get(1).get("parent").asText());

        final List<AuditEntry> entries = audit.read(0, 100);
        assertEquals("cli:ops", entries.get(2).actor(), "the actor the CLI names");
        assertEquals("api", entries.get(3).actor(), "api without a header");
    }

    @Test
    void shouldAnswerMistakesWithAStatusAndAOneLineError() throws Exception
    {
        post("/api/v1/costcentres", "{\"id\":\"law\",\"name\":\"Law\"}");

        assertError(404, "no user 'nobody'", get("/api/v1/users/nobody"));
        assertError(404, "no cost centre 'med'", get("/api/v1/users?cost_centre=med"));
        assertError(409, "cost centre 'law' already exists", post("/api/v1/costcentres",
            "{\"id\":\"law\",\"name\":\"Law\"}"));
        assertError(400, "unknown field 'costcentre' (known: login, name, email, cost_centre)",
            post("/api/v1/users", "{\"login\":\"bob\",\"costcentre\":\"law\"}"));
        assertError(400, "a cost centre id is needed", post("/api/v1/users", "{\"login\":\"bob\"}"));
        assertError(400, "field 'name' must be a string",
            post("/api/v1/users", "{\"login\":\"bob\",\"cost_centre\":\"law\",\"name\":7}"));
        final HttpResponse<String> notJson = post("/api/v1/users", "{login:");
        assertEquals(400, notJson.statusCode());
        assertTrue(JSON.readTree(notJson.body()).get("error").asText().startsWith("the request body is not valid JSON"));
        assertTrue(directory.users(null).isEmpty());
    }

    @Test
    void shouldImportAllOrNothingWithEveryProblemListed() throws Exception
    {
        post("/api/v1/costcentres", "{\"id\":\"law\",\"name\":\"Law\"}");

        final HttpResponse<String> bad = call("POST", "/api/v1/users/import?file=staff.csv", token, "text/csv",
            "login,cost_centre\nann,law\nbob,med\n,law\n", null);

        assertEquals(400, bad.statusCode());
        final JsonNode error = JSON.readTree(bad.body());
        assertEquals("2 bad row(s) in staff.csv, nothing imported", error.get("error").asText());
        assertEquals("[\"staff.csv:3: cost centre 'med' does not exist (add it first: jet costcentres add med " +
            "--name ...)\",\"staff.csv:4: a login is needed\"]", error.get("problems").toString());
        assertTrue(directory.users(null).isEmpty());

        final HttpResponse<String> good = call("POST", "/api/v1/users/import?file=staff.csv", token, "text/csv",
            "login,cost_centre\nann,law\nbob,law\n", null);
        assertEquals(200, good.statusCode(), good.body());
        assertEquals("{\"added\":2,\"updated\":0,\"unchanged\":0}", good.body());
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return call("GET", path, token, null, null, null);
    }

    private HttpResponse<String> post(final String path, final String json) throws Exception
    {
        return call("POST", path, token, "application/json", json, null);
    }

    private HttpResponse<String> call(final String method, final String path, final String bearer,
        final String contentType, final String body) throws Exception
    {
        return call(method, path, bearer, contentType, body, null);
    }

    private HttpResponse<String> call(final String method, final String path, final String bearer,
        final String contentType, final String body, final String actor) throws Exception
    {
        return api.call(method, path, bearer, contentType, body, actor);
    }
}
