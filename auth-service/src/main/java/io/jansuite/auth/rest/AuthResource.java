package io.jansuite.auth.rest;

import io.jansuite.auth.rest.AuthApi.Credentials;
import io.jansuite.auth.rest.AuthApi.Me;
import io.jansuite.auth.rest.AuthApi.RefreshRequest;
import io.jansuite.auth.rest.AuthApi.RevokeRequest;
import io.jansuite.auth.rest.AuthApi.Revoked;
import io.jansuite.auth.rest.AuthApi.TokenResponse;
import io.jansuite.auth.service.AccountService;
import io.jansuite.auth.service.RevocationService;
import io.jansuite.auth.service.SessionService;
import io.jansuite.auth.service.SignInLimit;
import io.jansuite.common.api.DataEnvelope;
import io.jansuite.common.auth.Caller;
import io.jansuite.common.auth.CurrentCaller;
import io.jansuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Sign-in, tokens and the caller's account. */
@Path("/llm/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    AccountService accounts;

    @Inject
    SessionService sessions;

    @Inject
    RevocationService revoker;

    @Inject
    CurrentCaller caller;

    @Inject
    ClientAddress clientAddress;

    @Inject
    SignInLimit signInLimit;

    @POST
    @Path("/guest-login")
    @Operation(summary = "Create a guest account and sign it in")
    public Uni<TokenResponse> guestLogin(RoutingContext ctx) {
        return signInLimit.admit(clientAddress.of(ctx)).chain(accounts::guest).map(TokenResponse::of);
    }

    @POST
    @Path("/register")
    @Operation(summary = "Register an account (a guest calling with its token is upgraded in place)")
    public Uni<TokenResponse> register(Credentials body, RoutingContext ctx) {
        Credentials c = body == null ? new Credentials(null, null) : body;
        Caller who = caller.get();
        return signInLimit.admit(clientAddress.of(ctx))
                .chain(() -> accounts.register(c.email(), c.password(), who)).map(TokenResponse::of);
    }

    @POST
    @Path("/login")
    @Operation(summary = "Sign in with e-mail and password")
    public Uni<TokenResponse> login(Credentials body, RoutingContext ctx) {
        Credentials c = body == null ? new Credentials(null, null) : body;
        String client = clientAddress.of(ctx);
        return signInLimit.admit(client).chain(() -> accounts.login(c.email(), c.password(), client))
                .map(TokenResponse::of);
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Trade a refresh token for a new token pair (the refresh token rotates)")
    public Uni<TokenResponse> refresh(RefreshRequest body) {
        if (body == null || body.refreshToken() == null || body.refreshToken().isBlank()) {
            throw ApiException.badRequest("missing_refresh_token", "refresh_token is required.", "refresh_token");
        }
        return sessions.refresh(body.refreshToken().trim()).map(TokenResponse::of);
    }

    @POST
    @Path("/refresh-token")
    @Operation(summary = "Alias of /llm/auth/refresh")
    public Uni<TokenResponse> refreshAlias(RefreshRequest body) {
        return refresh(body);
    }

    @POST
    @Path("/revoke")
    @Operation(summary = "Revoke the session of an access or refresh token (or an API key)")
    public Uni<DataEnvelope<Revoked>> revoke(RevokeRequest body, RoutingContext ctx) {
        String token = body == null ? null : body.token() != null ? body.token() : body.refreshToken();
        if (token == null || token.isBlank()) {
            token = ctx.get(CredentialRouting.REVOKE_BEARER);
        }
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("missing_token", "token is required.", "token");
        }
        return revoker.revoke(token.trim()).map(x -> DataEnvelope.of(new Revoked(true)));
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Revoke the caller's session")
    public Uni<DataEnvelope<Revoked>> logout() {
        Caller c = caller.get();
        if (c.sessionId() == null) {
            throw ApiException.badRequest("no_session", "Sign out applies to access tokens; delete an API key instead.", null);
        }
        return sessions.revokeSession(c.sessionId()).map(x -> DataEnvelope.of(new Revoked(true)));
    }

    @GET
    @Path("/me")
    @Operation(summary = "The caller's account")
    public Uni<DataEnvelope<Me>> me() {
        return accounts.find(caller.get().userId()).map(user -> {
            if (user == null) {
                throw ApiException.notFound("user_not_found", "This account no longer exists.");
            }
            return DataEnvelope.of(Me.of(user));
        });
    }
}
