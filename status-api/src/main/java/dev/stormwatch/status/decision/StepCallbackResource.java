package dev.stormwatch.status.decision;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.action.StepActionEntry;
import dev.stormwatch.contracts.action.StepCallback;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.webhook.WebhookSignature;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.audit.AuditWriter;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.ErrorBody;
import dev.stormwatch.status.error.Problem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The door for automated recovery steps' outcomes: the target the notifier called reports success or failure, signed
 * with the callback key it received with the call. A valid callback completes or fails the step exactly as a person
 * approving or declining it would (same event, same audit); a forged, unsigned or stale one is refused with 401 and
 * recorded in the audit trail.
 */
@Path("/api/v1/step-callbacks/{decisionId}")
@Tag(name = "decisions", description = "DR decision points and taking them")
public class StepCallbackResource {

    private final DecisionDesk desk;
    private final DecisionView decisions;
    private final AuditWriter audit;
    private final StatusApiConfig config;
    private final Clock clock;

    public StepCallbackResource(
            DecisionDesk desk, DecisionView decisions, AuditWriter audit, StatusApiConfig config, Clock clock) {
        this.desk = desk;
        this.decisions = decisions;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "An automated step's outcome, signed by its target",
            description = "Body {\"status\": \"succeeded\" | \"failed\", \"evidence\": …, \"detail\": …},"
                    + " headers X-Stormwatch-Timestamp (unix seconds) and X-Stormwatch-Signature "
                    + "(sha256=HMAC-SHA256 of timestamp + '.' + body under the callback key sent with the "
                    + "call). Succeeded approves the recovery-step decision with the evidence; failed "
                    + "declines it.")
    @APIResponse(
            responseCode = "202",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = DecisionItem.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad body",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "401",
            description = "Unsigned, forged or stale",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown decision",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "409",
            description = "The step is no longer open",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "503",
            description = "Callbacks not configured",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response callback(
            @PathParam("decisionId") String decisionId,
            @HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature,
            @Context HttpServerRequest request,
            byte[] body) {
        String secret = config.actions()
                .callbackSecret()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> ApiError.unavailable("automated-step callbacks are not configured here "
                        + "(stormwatch.status-api.actions.callback-secret)"));
        Instant now = clock.instant();
        String refusal = refusal(secret, decisionId, timestamp, signature, body == null ? new byte[0] : body, now);
        if (refusal != null) {
            String platform = decisions
                    .current(decisionId)
                    .map(c -> c.decision().platformId())
                    .orElse("unknown");
            String from = request == null || request.remoteAddress() == null
                    ? "unknown"
                    : request.remoteAddress().hostAddress();
            audit.write(
                    "audit:step-callback-refused:" + decisionId + ":" + now.toEpochMilli(),
                    new AuditRecord(
                            platform,
                            now,
                            "unauthenticated caller at " + from,
                            "step-callback-refused",
                            decisionId,
                            refusal,
                            false));
            throw new ApiError(ErrorBody.of(401, refusal));
        }
        StepCallback.Body outcome;
        try {
            outcome = JsonCodec.mapper().readValue(body, StepCallback.Body.class);
        } catch (IOException e) {
            throw ApiError.badRequest(
                    "the callback body is not JSON like {\"status\": \"succeeded\", \"evidence\": \"…\"}");
        }
        boolean succeeded = StepActionEntry.SUCCEEDED.equals(outcome.status());
        if (!succeeded && !StepActionEntry.FAILED.equals(outcome.status())) {
            throw ApiError.badRequest(
                    "the callback is invalid",
                    List.of(new Problem(null, "status", "'" + outcome.status() + "' is not one of succeeded, failed")));
        }
        Decision d = decisions
                .current(decisionId)
                .orElseThrow(() -> ApiError.notFound("no decision '" + decisionId + "'"))
                .decision();
        if (d.kind() != DecisionKind.RECOVERY_STEP) {
            throw ApiError.conflict("decision '" + decisionId + "' is not a recovery step: only steps take callbacks");
        }
        String reason = succeeded
                ? "the automated step reported success" + (outcome.detail() == null ? "" : ": " + outcome.detail())
                : "the automated step reported failure" + (outcome.detail() == null ? "" : ": " + outcome.detail());
        String evidence = outcome.evidence() == null || outcome.evidence().isBlank() ? null : outcome.evidence();
        DecisionItem item = desk.take(
                d.id(),
                succeeded ? DecisionState.APPROVED : DecisionState.DECLINED,
                new DecisionBody(clip(reason), evidence == null ? null : clip(evidence)),
                "automation:callback",
                false);
        return Response.accepted(item).build();
    }

    /** Why the callback is not the target's, or null when it is. */
    private String refusal(
            String secret, String decisionId, String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null) {
            return "unsigned callback: " + WebhookSignature.TIMESTAMP_HEADER + " and "
                    + WebhookSignature.SIGNATURE_HEADER + " are required";
        }
        if (!timestamp.strip().matches("\\d{1,12}")) {
            return WebhookSignature.TIMESTAMP_HEADER + " is not unix seconds";
        }
        Duration age = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp.strip())), now)
                .abs();
        if (age.compareTo(config.actions().callbackMaxAge()) > 0) {
            return "stale callback: signed " + age.toSeconds() + " s from now, more than "
                    + config.actions().callbackMaxAge().toSeconds() + " s";
        }
        if (!StepCallback.verify(secret, decisionId, timestamp, body, signature)) {
            return "the signature does not match: sign timestamp + '.' + body with the callback key sent with the call";
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() > DecisionDesk.MAX_TEXT ? s.substring(0, DecisionDesk.MAX_TEXT) : s;
    }
}
