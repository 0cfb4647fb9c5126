package dev.stormwatch.status.error;

import java.util.List;

/** A request that cannot be served, with the status and body the caller gets. */
public class ApiError extends RuntimeException {

    private final ErrorBody body;

    public ApiError(ErrorBody body) {
        super(body.error(), null, false, false);
        this.body = body;
    }

    public ErrorBody body() {
        return body;
    }

    public static ApiError badRequest(String error) {
        return new ApiError(ErrorBody.of(400, error));
    }

    public static ApiError badRequest(String error, List<Problem> problems) {
        return new ApiError(new ErrorBody(400, error, problems, null, null));
    }

    public static ApiError notFound(String error) {
        return new ApiError(ErrorBody.of(404, error));
    }

    public static ApiError conflict(String error) {
        return new ApiError(ErrorBody.of(409, error));
    }

    public static ApiError unavailable(String error) {
        return new ApiError(ErrorBody.of(503, error));
    }

    public static ApiError badGateway(String error) {
        return new ApiError(ErrorBody.of(502, error));
    }
}
