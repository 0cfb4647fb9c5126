package dev.stormwatch.ingest.intake;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stormwatch.ingest.publish.HealthEventPublisher;
import java.util.List;

/**
 * The answer to one ingest request. {@code status} 202 with what was accepted, duplicate or stale and, for a valid
 * payload that is not a health signal, the reasons it was not ingested (and the DLQ record that keeps it); 4xx/503 with
 * a message that says what was wrong.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IngestResult(
        @JsonIgnore int status,
        String message,
        Integer accepted,
        Integer duplicate,
        Integer stale,
        List<String> unsupported,
        List<EventOutcome> events,
        String deadLetterId) {

    /**
     * One event's id (the CloudEvent id on health-events.v1), key and outcome ({@code accepted}, {@code duplicate},
     * {@code stale}).
     */
    public record EventOutcome(String id, String key, String outcome) {}

    static IngestResult failed(int status, String message, String deadLetterId) {
        return new IngestResult(status, message, null, null, null, List.of(), List.of(), deadLetterId);
    }

    static IngestResult published(
            List<HealthEventPublisher.Outcome> outcomes, List<String> unsupported, String deadLetterId) {
        int accepted = 0;
        int duplicate = 0;
        int stale = 0;
        List<EventOutcome> events = new java.util.ArrayList<>();
        for (HealthEventPublisher.Outcome o : outcomes) {
            String outcome = switch (o.verdict()) {
                case NEW -> {
                    accepted++;
                    yield "accepted";
                }
                case DUPLICATE -> {
                    duplicate++;
                    yield "duplicate";
                }
                case STALE -> {
                    stale++;
                    yield "stale";
                }
            };
            events.add(new EventOutcome(o.id(), o.key(), outcome));
        }
        String message = unsupported.isEmpty() ? null : "not ingested: " + String.join("; ", unsupported);
        return new IngestResult(202, message, accepted, duplicate, stale, unsupported, events, deadLetterId);
    }
}
