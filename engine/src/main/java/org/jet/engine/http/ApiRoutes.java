package org.jet.engine.http;

import io.javalin.config.RoutesConfig;

/**
 * A module of the HTTP API: adds its routes (and its exception mappings) when the server starts. Routes under
 * {@code /api/} need the admin token ({@link HttpApi} checks it before any of them); answer with {@link ApiJson}.
 * A feature adds its module to the list the daemon gives {@link HttpApi#start}, without changing HttpApi.
 */
@FunctionalInterface
public interface ApiRoutes
{
    void addTo(RoutesConfig routes);
}
