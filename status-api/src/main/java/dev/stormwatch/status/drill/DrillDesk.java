package dev.stormwatch.status.drill;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.drill.DrillAction;
import dev.stormwatch.contracts.drill.DrillReport;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.drill.DrillState;
import dev.stormwatch.status.audit.AuditWriter;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.Problem;
import dev.stormwatch.status.kafka.EventPublisher;
import dev.stormwatch.status.platform.PlatformView;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.MDC;

/**
 * Starts and abandons drills for DR leads: writes DRILL_REQUESTED to {@code drills.v1} (key: drill id) for the
 * correlator, which opens the drill incident {@code drill-<drillId>} and runs the rehearsal, and an audit record marked
 * as a drill.
 */
@Singleton
public class DrillDesk {

    /** The correlator names a drill's incident {@code drill-<drillId>}. */
    public static final String INCIDENT_PREFIX = "drill-";

    static final int MAX_NOTE = 4000;
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

    private final PlatformView platforms;
    private final DrillView drills;
    private final EventPublisher publisher;
    private final AuditWriter audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DrillDesk(
            PlatformView platforms, DrillView drills, EventPublisher publisher, AuditWriter audit, Clock clock) {
        this.platforms = platforms;
        this.drills = drills;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Serialised here so that two clicks cannot both pass the "none running" check. */
    public synchronized DrillAccepted start(String platformId, DrillBody body, String actor) {
        String note = note(body);
        Catalog catalog =
                platforms.catalog(platformId).orElseThrow(() -> ApiError.notFound("no platform '" + platformId + "'"));
        drills.running(platformId).ifPresent(d -> {
            throw ApiError.conflict("drill '" + d.drillId() + "' of platform '" + platformId + "' is still running ("
                    + d.state() + ", started by " + d.requestedBy() + "); complete or abandon it first");
        });
        Instant now = clock.instant();
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        String drillId =
                platformId + "-" + MINUTE.format(now) + "-" + HexFormat.of().formatHex(suffix);
        DrillRequest request = new DrillRequest(drillId, platformId, DrillAction.START, actor, now, note);
        write(
                request,
                "drill-start-requested",
                "drill of " + catalog.platform().name() + " requested" + (note == null ? "" : "; note: " + note));
        return new DrillAccepted(drillId, platformId, DrillAction.START.wire(), DrillItem.links(drillId));
    }

    public synchronized DrillAccepted abandon(String drillId, DrillBody body, String actor) {
        String note = note(body);
        DrillItem drill = drills.drill(drillId).orElseThrow(() -> ApiError.notFound("no drill '" + drillId + "'"));
        if (!drill.running()) {
            throw ApiError.conflict("drill '" + drillId + "' is "
                    + (drill.abandonRequestedBy() != null
                            ? "already being abandoned (asked by " + drill.abandonRequestedBy() + ")"
                            : "already " + drill.state()));
        }
        DrillRequest request =
                new DrillRequest(drillId, drill.platformId(), DrillAction.ABANDON, actor, clock.instant(), note);
        write(request, "drill-abandon-requested", "abandon requested" + (note == null ? "" : "; note: " + note));
        return new DrillAccepted(drillId, drill.platformId(), DrillAction.ABANDON.wire(), DrillItem.links(drillId));
    }

    /**
     * A DR lead accepts the flagged measurements of a completed drill or DR run, so that they may become the
     * feasibility basis; the correlator records the acceptance on the report and in the audit trail.
     */
    public synchronized DrillAccepted accept(String drillId, DrillBody body, String actor) {
        String note = note(body);
        DrillItem drill =
                drills.drill(drillId).orElseThrow(() -> ApiError.notFound("no drill or DR run '" + drillId + "'"));
        DrillReport report = drill.report();
        String refusal = report == null || report.state() != DrillState.COMPLETED
                ? "is " + drill.state() + ", not completed"
                : report.flaggedSteps().isEmpty()
                        ? "has no flagged measurement to accept"
                        : report.acceptedAt() != null
                                ? "was already accepted by " + report.acceptedBy() + " at " + report.acceptedAt()
                                : drills.acceptRequested(drillId) ? "is already being accepted" : null;
        if (refusal != null) {
            throw ApiError.conflict("'" + drillId + "' " + refusal);
        }
        DrillRequest request =
                new DrillRequest(drillId, drill.platformId(), DrillAction.ACCEPT, actor, clock.instant(), note);
        write(
                request,
                "measurements-accept-requested",
                "acceptance of the flagged measurements (" + report.flagSummary() + ") requested"
                        + (note == null ? "" : "; note: " + note));
        return new DrillAccepted(drillId, drill.platformId(), DrillAction.ACCEPT.wire(), DrillItem.links(drillId));
    }

    private void write(DrillRequest request, String action, String detail) {
        String eventId =
                "drill-requested:" + request.drillId() + ":" + request.action().wire();
        MDC.put("incidentId", INCIDENT_PREFIX + request.drillId());
        MDC.put("eventId", eventId);
        try {
            publisher.publish(
                    Topics.DRILLS,
                    request.drillId(),
                    JsonCodec.envelope(
                            eventId,
                            EventTypes.DRILL_REQUESTED,
                            AuditWriter.SOURCE,
                            request.drillId(),
                            request.requestedAt(),
                            true,
                            request));
            drills.recordRequested(request);
            audit.write(
                    "audit:" + eventId,
                    new AuditRecord(
                            request.platformId(),
                            request.requestedAt(),
                            request.requestedBy(),
                            action,
                            request.drillId(),
                            detail,
                            true));
        } finally {
            MDC.remove("incidentId");
            MDC.remove("eventId");
        }
    }

    private static String note(DrillBody body) {
        if (body == null || body.note() == null || body.note().isBlank()) {
            return null;
        }
        if (body.note().length() > MAX_NOTE) {
            throw ApiError.badRequest(
                    "the drill request is invalid",
                    List.of(new Problem(null, "note", "at most " + MAX_NOTE + " characters")));
        }
        return body.note().strip();
    }
}
