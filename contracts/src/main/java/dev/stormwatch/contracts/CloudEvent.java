package dev.stormwatch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode: every record on every topic is one of these. {@code drill} is a
 * CloudEvents extension attribute: true on every record a DR drill produces, so that no consumer mistakes a rehearsal
 * for an outage. Consumers de-duplicate on {@link #id()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        Boolean drill,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        if (specversion == null) {
            specversion = SPEC_VERSION;
        }
        if (datacontenttype == null && data != null) {
            datacontenttype = JSON;
        }
        if (Boolean.FALSE.equals(drill)) {
            drill = null;
        }
    }

    @JsonIgnore
    public boolean isDrill() {
        return Boolean.TRUE.equals(drill);
    }
}
