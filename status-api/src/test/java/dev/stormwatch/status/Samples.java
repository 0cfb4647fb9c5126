package dev.stormwatch.status;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.handover.Handover;
import dev.stormwatch.contracts.handover.HandoverReason;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.contracts.incident.TimelineEntry;
import dev.stormwatch.contracts.page.Ack;
import dev.stormwatch.contracts.page.DeliveryResult;
import dev.stormwatch.contracts.page.Notification;
import dev.stormwatch.contracts.status.ComponentState;
import dev.stormwatch.contracts.status.ComponentStatus;
import dev.stormwatch.testsupport.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The records other services write, built from the contracts and written to the real broker as they would write them.
 * Every test uses its own platform id so that tests sharing the broker do not see each other's data.
 */
public final class Samples {

    public static final String CORRELATOR = "/stormwatch/incident-correlator";
    public static final String NOTIFIER = "/stormwatch/notifier";

    private Samples() {}

    /** The small test catalog (src/test/resources/catalog/small-platform.yaml) under {@code platformId}. */
    public static String catalogYaml(String platformId) {
        try (InputStream in = Samples.class.getResourceAsStream("/catalog/small-platform.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("small-platform", platformId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog catalog(String platformId) {
        return CatalogLoader.parse("small-platform.yaml", catalogYaml(platformId));
    }

    /** Publishes the catalog as the launcher would. */
    public static Catalog publishCatalog(String platformId) {
        Catalog catalog = catalog(platformId);
        TopicWriter.get()
                .write(
                        Topics.CATALOG,
                        platformId,
                        EventTypes.CATALOG,
                        "catalog:" + platformId + ":test",
                        "/stormwatch/launcher",
                        MutableClock.START,
                        false,
                        catalog);
        return catalog;
    }

    public static Incident incident(
            String id,
            String platformId,
            IncidentState state,
            Severity severity,
            Instant openedAt,
            long version,
            List<String> components,
            boolean drill) {
        return new Incident(
                id,
                platformId,
                "Storage outage in Australia East",
                state,
                severity,
                components,
                List.of("australiaeast"),
                List.of("TRK-" + id),
                true,
                false,
                "Primary region storage unavailable",
                openedAt.minusSeconds(300),
                openedAt,
                null,
                null,
                null,
                openedAt,
                version,
                drill,
                List.of(new TimelineEntry(openedAt, "opened", "TRK-" + id)));
    }

    public static void writeIncident(Incident incident) {
        TopicWriter.get()
                .write(
                        Topics.INCIDENTS,
                        incident.id(),
                        EventTypes.INCIDENT,
                        "incident:" + incident.id() + ":" + incident.version(),
                        CORRELATOR,
                        incident.updatedAt(),
                        incident.drill(),
                        incident);
    }

    public static Decision decision(
            String id,
            String platformId,
            String incidentId,
            DecisionState state,
            Instant raisedAt,
            Instant deadline,
            boolean rtoAtRisk,
            long version) {
        return new Decision(
                id,
                platformId,
                incidentId,
                DecisionKind.INVOKE_DR,
                state,
                "Invoke DR: fail over to Australia Southeast?",
                "Warm spare: start the recovery runbook in the secondary region; components are already procured.",
                List.of("approve: fail over", "decline: wait for Microsoft"),
                raisedAt,
                deadline,
                rtoAtRisk,
                null,
                0,
                null,
                null,
                null,
                null,
                false,
                version);
    }

    public static void writeDecision(Decision d) {
        TopicWriter.get()
                .write(
                        Topics.DR_DECISIONS,
                        d.id(),
                        EventTypes.DECISION,
                        "decision:" + d.id() + ":" + d.version(),
                        CORRELATOR,
                        d.raisedAt(),
                        d.drill(),
                        d);
    }

    public static void writeStatus(
            String platformId,
            String componentId,
            String layer,
            ComponentState state,
            Map<String, ComponentState> regions,
            String incidentId,
            Instant at) {
        ComponentStatus s = new ComponentStatus(
                platformId,
                componentId,
                componentId,
                layer,
                state,
                regions,
                incidentId == null ? List.of() : List.of("TRK-" + incidentId),
                false,
                List.of(),
                incidentId,
                at,
                at);
        TopicWriter.get()
                .write(
                        Topics.COMPONENT_STATUS,
                        s.key(),
                        EventTypes.COMPONENT_STATUS,
                        "status:" + s.key() + ":" + at.toEpochMilli(),
                        CORRELATOR,
                        at,
                        false,
                        s);
    }

    public static Notification notification(
            String pageId,
            String platformId,
            String subjectId,
            String contactId,
            String channel,
            int attempt,
            DeliveryResult result,
            String error,
            Instant at) {
        return new Notification(
                pageId,
                platformId,
                subjectId,
                "incident",
                1,
                contactId,
                channel,
                "redacted:" + contactId,
                attempt,
                result,
                error,
                at,
                false);
    }

    public static void writeNotification(Notification n) {
        TopicWriter.get()
                .write(
                        Topics.NOTIFICATIONS,
                        n.pageId(),
                        EventTypes.NOTIFICATION,
                        "notification:" + n.pageId() + ":" + n.contactId() + ":" + n.channel() + ":" + n.attempt(),
                        NOTIFIER,
                        n.at(),
                        false,
                        n);
    }

    public static void writeAck(String pageId, String subjectId, String contactId, String by, String via, Instant at) {
        Ack ack = new Ack(pageId, subjectId, contactId, by, via, at);
        TopicWriter.get().write(Topics.ACKS, pageId, EventTypes.ACK, "ack:" + pageId, NOTIFIER, at, false, ack);
    }

    public static void writeAudit(String eventId, String source, AuditRecord record) {
        TopicWriter.get()
                .write(
                        Topics.AUDIT,
                        record.platformId(),
                        EventTypes.AUDIT,
                        eventId,
                        source,
                        record.at(),
                        record.drill(),
                        record);
    }

    public static Handover handover(
            String id, String platformId, String componentId, String incidentId, Instant at, boolean drill) {
        return new Handover(
                id,
                platformId,
                componentId,
                componentId + " name",
                "australiasoutheast",
                at.minusSeconds(3600),
                List.of("finance-reporting"),
                1,
                HandoverReason.FAILED_OVER,
                incidentId,
                at,
                drill);
    }

    public static void writeHandover(Handover h) {
        TopicWriter.get()
                .write(
                        Topics.HANDOVERS,
                        h.platformId() + "/" + h.componentId(),
                        EventTypes.HANDOVER,
                        h.id(),
                        CORRELATOR,
                        h.at(),
                        h.drill(),
                        h);
    }
}
