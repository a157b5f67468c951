package io.jansuite.common.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.client.NeighbourErrors;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The auth-service's internal routes that every other service relies on. */
@InternalApi("auth-service")
@RegisterRestClient(configKey = "auth")
@Path("/internal")
public interface AuthInternalApi {

    @POST
    @Path("/api-keys/verify")
    Uni<DataEnvelope<VerifiedKey>> verify(KeyToVerify request);

    @GET
    @Path("/revocations")
    Uni<RevocationFeed> revocations(@QueryParam("after") long after);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return NeighbourErrors.from("auth-service", response);
    }

    record KeyToVerify(String key) {
    }

    /** Revocations after a sequence number: {@code kind} is {@code session} or {@code api_key}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RevocationFeed(List<Revocation> data, long lastSeq) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Revocation(long seq, String kind, String id) {
    }
}
