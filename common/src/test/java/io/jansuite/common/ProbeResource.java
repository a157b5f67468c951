package io.jansuite.common;

import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.api.ListEnvelope;
import io.jansuite.common.api.Page;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.auth.CurrentCaller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** A resource that exists only in common's tests, to exercise the shared filters and mappers. */
@Path("/")
public class ProbeResource {

    @Inject
    CurrentCaller caller;

    public record Probe(@NotBlank String title, @Size(max = 5) String nickName) {
    }

    @GET
    @Path("v1/probe")
    public DataEnvelope<Map<String, Object>> whoAmI() {
        Caller c = caller.get();
        return DataEnvelope.of(Map.of("user_id", c.userId(), "scopes", c.scopes()));
    }

    @POST
    @Path("v1/probe")
    @Consumes(MediaType.APPLICATION_JSON)
    public DataEnvelope<Probe> create(@Valid @NotNull Probe probe) {
        return DataEnvelope.of(probe);
    }

    @GET
    @Path("v1/probe/page")
    public ListEnvelope<Integer> page(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Page page = Page.of(limit, offset);
        return ListEnvelope.of(List.of(1, 2), 10, page);
    }

    @GET
    @Path("v1/probe/boom")
    public String boom() {
        throw new IllegalStateException("SELECT password_hash FROM auth.users failed in org.example.Secret");
    }

    @GET
    @Path("v1/public/probe")
    public DataEnvelope<String> open() {
        return DataEnvelope.of(caller.get() == null ? "anonymous" : caller.get().userId());
    }

    @GET
    @Path("v1/admin/probe")
    public DataEnvelope<String> admin() {
        return DataEnvelope.of("admin ok");
    }

    @GET
    @Path("internal/probe")
    public DataEnvelope<String> internal() {
        return DataEnvelope.of("internal ok");
    }

    @POST
    @Path("internal/probe/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public DataEnvelope<Probe> internalEcho(Probe probe) {
        return DataEnvelope.of(probe);
    }

    @GET
    @Path("internal/other/probe")
    public DataEnvelope<String> internalOther() {
        return DataEnvelope.of("other ok");
    }

    @POST
    @Path("v1/probe/store")
    @Consumes(MediaType.APPLICATION_JSON)
    public DataEnvelope<Map<String, Object>> store(Map<String, Object> body) {
        return DataEnvelope.of(body);
    }

    @POST
    @Path("v1/probe/tree")
    @Consumes(MediaType.APPLICATION_JSON)
    public DataEnvelope<com.fasterxml.jackson.databind.JsonNode> tree(com.fasterxml.jackson.databind.JsonNode body) {
        return DataEnvelope.of(body);
    }
}
