package dev.stormwatch.correlator.intake;

import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogException;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.catalog.CatalogProblem;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.StepStarted;
import dev.stormwatch.contracts.drill.DrillRequest;
import dev.stormwatch.contracts.event.Envelope;
import dev.stormwatch.contracts.event.EventReader;
import dev.stormwatch.contracts.event.EventType;
import dev.stormwatch.contracts.event.InvalidEventException;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.contracts.health.RejectedInput;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns the raw bytes of an input topic into an envelope whose data is the record its type promises (read once), or a
 * dead-letter record that says what was wrong: a record nobody can read is reported, never dropped, and never stops the
 * stream. Types the correlator does not consume on a topic (its own decision snapshots on dr-decisions.v1) pass no
 * further.
 */
public final class InputDecoder implements Processor<String, byte[], String, Intake> {

    /** The raw payload kept in the dead-letter record, at most. */
    static final int MAX_RAW = 64 * 1024;

    private final String topic;
    /** Decodes the data of the types this topic carries for the correlator; others are read without their data. */
    private final EventReader reader;
    /** Types on the topic that are not the correlator's input (its own records); they pass no further. */
    private final Set<String> skipped;

    private final Clock clock;
    private ProcessorContext<String, Intake> context;

    public InputDecoder(String topic, EventReader reader, Set<EventType<?>> skipped, Clock clock) {
        this.topic = topic;
        this.reader = reader;
        this.skipped = skipped.stream().map(EventType::name).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Intake> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        byte[] raw = record.value();
        if (raw == null) {
            // A tombstone: on catalog.v1 it removes a platform; elsewhere there is nothing to correlate.
            context.forward(record.withValue(Intake.accepted(null)));
            return;
        }
        Envelope<?> event;
        try {
            event = reader.read(raw);
        } catch (InvalidEventException e) {
            reject(record, e.getMessage());
            return;
        }
        if (skipped.contains(event.type())) {
            return;
        }
        if (!reader.reads(event.type())) {
            reject(
                    record,
                    "CloudEvent " + event.id() + " has type '" + event.type() + "', which " + topic
                            + " does not carry; expected one of " + reader.typeNames());
            return;
        }
        if (event.data() == null) {
            reject(record, "CloudEvent " + event.id() + " of type " + event.type() + " has no data");
            return;
        }
        String problem = check(event.data(), raw);
        if (problem != null) {
            reject(
                    record,
                    "CloudEvent " + event.id() + ": "
                            + (problem.startsWith("the catalog")
                                    ? problem
                                    : "data is not a valid "
                                            + event.data().getClass().getSimpleName() + ": " + problem));
            return;
        }
        context.forward(record.withValue(Intake.accepted(event)));
    }

    private static String check(Object data, byte[] raw) {
        if (data instanceof HealthEvent h && h.kind() == null) {
            return "kind is missing";
        }
        if (data instanceof Catalog c && (c.platform() == null || c.platform().id() == null)) {
            return "platform.id is missing";
        }
        if (data instanceof Catalog) {
            return unappliable(raw);
        }
        if (data instanceof Decision d && (d.id() == null || d.platformId() == null || d.state() == null)) {
            return "id, platformId and state are required";
        }
        if (data instanceof StepStarted s && (s.decisionId() == null || s.platformId() == null || s.by() == null)) {
            return "decisionId, platformId and by are required";
        }
        if (data instanceof DrillRequest r
                && (r.drillId() == null
                        || r.drillId().isBlank()
                        || r.platformId() == null
                        || r.action() == null
                        || r.requestedBy() == null)) {
            return "drillId, platformId, action and requestedBy are required";
        }
        return null;
    }

    /**
     * A catalog may reach catalog.v1 without the loader (any producer with access can write it): the same rules the
     * loader applies to a file are applied to the record, so that every catalog the correlator runs with is one the
     * loader would accept; the problems name the path (and line) in the record's data as written, pretty-printed (read
     * again as a tree for that: catalogs are rare and off the page path).
     */
    private static String unappliable(byte[] raw) {
        String text;
        try {
            text = JsonCodec.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(JsonCodec.mapper().readTree(raw).get("data"));
        } catch (java.io.IOException e) {
            return rootMessage(e);
        }
        try {
            CatalogLoader.parse("data", text);
            return null;
        } catch (CatalogException e) {
            return "the catalog cannot be applied: "
                    + e.problems().stream()
                            .map(CatalogProblem::toString)
                            .collect(java.util.stream.Collectors.joining("; "));
        }
    }

    private void reject(Record<String, byte[]> record, String reason) {
        byte[] raw = record.value();
        boolean truncated = raw.length > MAX_RAW;
        String text = new String(raw, 0, Math.min(raw.length, MAX_RAW), StandardCharsets.UTF_8);
        String where = context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse(topic);
        RejectedInput rejected = new RejectedInput(
                "incident-correlator",
                where,
                reason,
                "application/cloudevents+json",
                raw.length,
                truncated,
                text,
                clock.instant());
        context.forward(record.withValue(Intake.rejected(rejected)));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
