package io.jansuite.catalog.rest;

import io.jansuite.common.auth.InternalCallers;
import io.jansuite.common.error.ErrorResponses;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The storage behind the admin API is for the admin-service alone: the inference-service may read routes,
 * but not change the catalog. (Common's filter has already checked that the header is genuine.)
 */
public class AdminCallerFilter {

    static final String ADMIN_PREFIX = "/internal/admin/";
    static final String ADMIN_SERVICE = "admin-service";

    @Inject
    InternalCallers internalCallers;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Response onlyTheAdminService(HttpServerRequest request) {
        if (request.path().startsWith(ADMIN_PREFIX)
                && !ADMIN_SERVICE.equals(internalCallers.accept(request.getHeader(InternalCallers.HEADER)))) {
            return ErrorResponses.of(403, "internal_only", "This route serves the admin-service only.", null);
        }
        return null;
    }
}
