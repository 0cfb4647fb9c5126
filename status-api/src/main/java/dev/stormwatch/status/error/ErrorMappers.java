package dev.stormwatch.status.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an {@link ErrorBody}: a clear message, never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response apiError(ApiError e) {
        return json(e.body());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String where = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            where = path.toString();
        }
        String message = e.getOriginalMessage();
        int nl = message.indexOf('\n');
        message = nl < 0 ? message : message.substring(0, nl);
        Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
        return json(new ErrorBody(
                400,
                "the request body is not valid JSON for this endpoint",
                List.of(new Problem(line, where.isEmpty() ? null : where, message)),
                null,
                null));
    }

    /**
     * A value of the wrong type (a list where text belongs): mapped here, as a 400 naming the field, rather than by
     * Quarkus's built-in mapper, whose body is not the ErrorBody.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return json(ErrorBody.of(401, "authentication required: send X-API-Key or Authorization: Bearer <token>"));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return json(ErrorBody.of(401, "the credentials were not accepted"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(ErrorBody.of(403, "your role does not allow this"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(ErrorBody.of(404, "no such resource"));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return json(ErrorBody.of(405, "method not allowed here"));
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return json(ErrorBody.of(415, "unsupported content type"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        int status = e.getResponse().getStatus();
        return json(ErrorBody.of(status, status >= 500 ? "server error" : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, reference %s", reference);
        return json(ErrorBody.of(
                500, "unexpected server error; the service log has the details under reference " + reference));
    }

    static Response json(ErrorBody body) {
        return Response.status(body.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }
}
