package io.jansuite.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.jansuite.common.json.NulFreeJson;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * One mapper per failure kind, so that every service answers every failure in the error envelope, and none
 * leaks a class name, stack trace or SQL.
 */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return ErrorResponses.of(e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min((a, b) -> fieldName(a.getPropertyPath()).compareTo(fieldName(b.getPropertyPath())))
                .orElse(null);
        String param = first == null ? null : fieldName(first.getPropertyPath());
        String message = e.getConstraintViolations().stream()
                .map(v -> fieldName(v.getPropertyPath()) + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(400, "invalid_value", message, param == null || param.isEmpty() ? null : param);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return ErrorResponses.of(400, "invalid_json", "The request body is not valid JSON.", null);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        String param = jsonPath(e);
        return ErrorResponses.of(400, "invalid_value",
                param == null ? "The request body has the wrong shape." : param + " has the wrong type.", param);
    }

    @ServerExceptionMapper
    public Response nulCharacter(NulFreeJson.NulCharacterException e) {
        String param = jsonPath(e);
        return ErrorResponses.of(400, "invalid_value", (param == null ? "A string" : param) + " "
                + "must not contain the NUL character (\\u0000).", param);
    }

    @ServerExceptionMapper
    public Response badJsonValue(JsonMappingException e) {
        if (e.getCause() instanceof ApiException api) {
            return ErrorResponses.of(api);
        }
        String param = jsonPath(e);
        return ErrorResponses.of(400, "invalid_value",
                param == null ? "The request body could not be read." : param + " is not valid.", param);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ErrorResponses.of(404, "not_found", "No such route or resource.", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        Response r = ErrorResponses.of(405, "method_not_allowed", "This method is not allowed on this route.", null);
        return Response.fromResponse(r).allow(e.getResponse().getAllowedMethods()).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return ErrorResponses.of(415, "unsupported_media_type", "Send the body as application/json.", null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (status == 400 && e.getCause() instanceof NulFreeJson.NulCharacterException nul) {
            return nulCharacter(nul);
        }
        if (status == 400 && e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatchedJson(mismatch);
        }
        if (status == 400 && e.getCause() instanceof JsonMappingException mapping) {
            return badJsonValue(mapping);
        }
        if (e.getCause() instanceof ApiException api) {
            return ErrorResponses.of(api);
        }
        if (status == 413) {
            return ErrorResponses.of(413, "body_too_large", "The request body is too large.", null);
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 406 -> "not_acceptable";
            default -> status >= 500 ? "internal_error" : "request_failed";
        };
        return ErrorResponses.of(status, code, Response.Status.fromStatusCode(status) == null
                ? "Request failed." : Response.Status.fromStatusCode(status).getReasonPhrase() + ".", null);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return ErrorResponses.of(401, "invalid_credentials", "The credentials are missing, invalid, expired or revoked.",
                null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return ErrorResponses.of(401, "missing_credentials", "Authentication is required.", null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorResponses.of(403, "forbidden", "You are not allowed to do this.", null);
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
            // Class 22, data exception: a value the client sent that the column cannot hold (NUL, too long, out of range)
            LOG.warnf("value refused by the database: sqlstate %s", e.getSqlState());
            return ErrorResponses.of(400, "invalid_value", "A value in the request cannot be stored.", null);
        }
        LOG.errorf("database error: %s (sqlstate %s)", e.getErrorMessage(), e.getSqlState());
        return ErrorResponses.of(500, "internal_error", "An unexpected error occurred.", null);
    }

    @ServerExceptionMapper({ ConnectException.class, ClosedConnectionException.class })
    public Response databaseDown(Exception e) {
        LOG.errorf("dependency unreachable: %s", e.getMessage());
        return ErrorResponses.of(503, "service_unavailable", "A dependency is unavailable; try again shortly.", null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                || (cause instanceof VertxException && String.valueOf(cause.getMessage()).contains("closed"))) {
            return databaseDown((Exception) cause);
        }
        if (cause instanceof ApiException api) {
            return ErrorResponses.of(api);
        }
        if (cause instanceof PgException pg) {
            return database(pg);
        }
        if (cause instanceof ConstraintViolationException cve) {
            return validation(cve);
        }
        LOG.error("unexpected error", e);
        return ErrorResponses.of(500, "internal_error", "An unexpected error occurred.", null);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The violated field as the client wrote it: method and parameter nodes dropped, snake_case. */
    static String fieldName(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE || node.getName() == null) {
                continue;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(snake(node.getName()));
        }
        return out.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? null : path;
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
