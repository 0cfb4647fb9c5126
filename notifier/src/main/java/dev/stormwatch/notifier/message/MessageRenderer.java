package dev.stormwatch.notifier.message;

import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.notifier.page.Brief;
import dev.stormwatch.notifier.page.MessageItem;
import dev.stormwatch.notifier.page.MessageKind;
import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders messages from the Qute templates in {@code messages/}, one per {@link MessageKind}, plus {@code digest} for
 * several items folded into one message. A drill message's title starts with {@code [DRILL]} and its text with
 * {@link #DRILL_LINE}; drill and real items are never folded into one message (see the outbox). Times are shown in the
 * recipient's zone and in UTC; the RTO clock and a decision's time left are computed at the moment of sending, not when
 * the item was queued.
 *
 * <p>A standalone Qute engine rather than the injected one, so the escalation topology renders the same way inside
 * Quarkus, in a plain-Java test and in a benchmark.
 */
public final class MessageRenderer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z");

    /** The first line of every drill message, in every channel; real messages never mention drills at all. */
    public static final String DRILL_LINE = "DR drill \u2014 a rehearsal, not an outage. No customer impact.";

    public static final String DRILL_TITLE = "[DRILL] ";

    private final Map<MessageKind, Template> templates = new EnumMap<>(MessageKind.class);
    private final Template digest;

    public MessageRenderer() {
        Engine engine = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .build();
        for (MessageKind kind : MessageKind.values()) {
            templates.put(kind, engine.parse(read("messages/" + kind.wire() + ".txt")));
        }
        digest = engine.parse(read("messages/digest.txt"));
    }

    /** @param ackUrl the acknowledge link of an item (called only for acknowledgeable items) */
    public RenderedMessage render(
            List<MessageItem> items, Contact contact, Instant now, Function<MessageItem, String> ackUrl) {
        ZoneId zone = zone(contact);
        List<RenderedMessage.RenderedItem> rendered = new ArrayList<>();
        boolean drill = false;
        for (MessageItem item : items) {
            drill |= item.drill();
            String link = item.ackable() ? ackUrl.apply(item) : null;
            Brief b = item.brief();
            Map<String, Object> data = new HashMap<>();
            data.put("drillNote", item.drill() ? DRILL_LINE + "\n" : "");
            data.put("level", Integer.toString(item.level()));
            data.put("platform", text(b.platformName(), item.platformId()));
            data.put("subjectTitle", text(b.title(), item.subjectId()));
            data.put("severity", text(b.severity(), "unknown"));
            data.put("state", text(b.state(), "unknown"));
            data.put("components", b.components().isEmpty() ? "none named" : String.join(", ", b.components()));
            data.put("regions", b.regions().isEmpty() ? "none named" : String.join(", ", b.regions()));
            data.put("rtoClock", rtoClock(b, now, zone));
            data.put("deadlineClock", deadlineClock(b, now, zone));
            data.put("rtoAtRisk", b.rtoAtRisk());
            data.put("recommendation", text(b.recommendation(), ""));
            data.put("options", String.join("; ", b.options()));
            data.put("changes", String.join("; ", b.changes()));
            data.put("detail", text(b.detail(), ""));
            data.put("why", text(item.why(), ""));
            data.put("ackUrl", link == null ? "" : link);
            String text = templates.get(item.kind()).render(data).strip();
            rendered.add(new RenderedMessage.RenderedItem(
                    item.kind().wire(),
                    item.pageId(),
                    item.subjectId(),
                    item.level(),
                    title(item),
                    text,
                    facts(item, now, zone),
                    link));
        }
        if (rendered.size() == 1) {
            RenderedMessage.RenderedItem only = rendered.get(0);
            return new RenderedMessage(only.title(), only.text(), rendered, drill);
        }
        String platform = items.isEmpty()
                ? ""
                : text(items.get(0).brief().platformName(), items.get(0).platformId());
        String title = (drill ? DRILL_TITLE : "") + rendered.size() + " notifications from " + platform;
        Map<String, Object> data = new HashMap<>();
        data.put("count", Integer.toString(rendered.size()));
        data.put("contactName", text(contact.name(), contact.id()));
        data.put("items", rendered);
        return new RenderedMessage(
                title, (drill ? DRILL_LINE + "\n" : "") + digest.render(data).strip(), rendered, drill);
    }

    static String title(MessageItem item) {
        Brief b = item.brief();
        String t = text(b.title(), item.subjectId());
        String title = switch (item.kind()) {
            case INCIDENT_OPENED -> "Incident (" + text(b.severity(), "?") + "), level " + item.level() + ": " + t;
            case INCIDENT_UPDATED -> "Updated: " + t;
            case INCIDENT_RESOLVED -> "Resolved: " + t;
            case DECISION_NEEDED -> "Decision needed, level " + item.level() + ": " + t;
            case DECISION_REMINDER -> "Reminder, decision open: " + t;
            case DECISION_CLOSED -> "Decision closed: " + t;
            case HANDOVER -> "Handover: " + t;
            case READINESS_DROPPED -> "DR readiness dropped, level " + item.level() + ": " + t;
        };
        return (item.drill() ? DRILL_TITLE : "") + title;
    }

    private static List<RenderedMessage.Fact> facts(MessageItem item, Instant now, ZoneId zone) {
        Brief b = item.brief();
        List<RenderedMessage.Fact> facts = new ArrayList<>();
        facts.add(new RenderedMessage.Fact("Platform", text(b.platformName(), item.platformId())));
        facts.add(new RenderedMessage.Fact(
                item.kind() == MessageKind.READINESS_DROPPED
                        ? "Readiness"
                        : item.kind().name().startsWith("DECISION") ? "Decision" : "Incident",
                item.subjectId()));
        if (b.severity() != null && item.kind() != MessageKind.READINESS_DROPPED) {
            facts.add(new RenderedMessage.Fact(
                    item.kind().name().startsWith("DECISION") ? "Kind" : "Severity", b.severity()));
        }
        if (b.state() != null) {
            facts.add(new RenderedMessage.Fact("State", b.state()));
        }
        facts.add(new RenderedMessage.Fact(
                "Impacted components", b.components().isEmpty() ? "none named" : String.join(", ", b.components())));
        facts.add(new RenderedMessage.Fact(
                "Region", b.regions().isEmpty() ? "none named" : String.join(", ", b.regions())));
        if (b.deadline() != null) {
            facts.add(new RenderedMessage.Fact("Decide by", deadlineClock(b, now, zone)));
        }
        if (b.rto() != null && b.rtoStart() != null) {
            facts.add(new RenderedMessage.Fact("RTO clock", rtoClock(b, now, zone)));
        }
        if (item.level() > 0) {
            facts.add(new RenderedMessage.Fact("Escalation level", Integer.toString(item.level())));
        }
        facts.add(new RenderedMessage.Fact("Page", item.pageId()));
        return facts;
    }

    /** "1h20m of the 8h RTO gone, 6h40m left (until Tue 22 Dec 18:00 AEDT, 07:00 UTC)", or how far past it is. */
    static String rtoClock(Brief b, Instant now, ZoneId zone) {
        if (b.rto() == null || b.rtoStart() == null) {
            return "not running (no impact start or RTO known)";
        }
        Instant end = b.rtoStart().plus(b.rto());
        Duration gone = Duration.between(b.rtoStart(), now);
        Duration left = Duration.between(now, end);
        String until = at(end, zone);
        if (left.isNegative() || left.isZero()) {
            return "RTO of " + DurationText.format(b.rto()) + " exceeded by "
                    + DurationText.format(round(left.negated())) + " (it ended " + until + ")";
        }
        return DurationText.format(round(gone.isNegative() ? Duration.ZERO : gone)) + " of the "
                + DurationText.format(b.rto()) + " RTO gone, " + DurationText.format(round(left)) + " left (until "
                + until + ")";
    }

    static String deadlineClock(Brief b, Instant now, ZoneId zone) {
        if (b.deadline() == null) {
            return "no deadline";
        }
        Duration left = Duration.between(now, b.deadline());
        String when = at(b.deadline(), zone);
        if (left.isNegative() || left.isZero()) {
            return when + ", passed " + DurationText.format(round(left.negated())) + " ago";
        }
        return when + ", " + DurationText.format(round(left)) + " left";
    }

    private static String at(Instant instant, ZoneId zone) {
        String local = TIME.format(instant.atZone(zone));
        if (zone.equals(ZoneOffset.UTC)) {
            return local;
        }
        return local + ", " + DateTimeFormatter.ofPattern("HH:mm").format(instant.atZone(ZoneOffset.UTC)) + " UTC";
    }

    /** Whole minutes: a page says "1h20m left", not "1h19m59s". */
    private static Duration round(Duration d) {
        long minutes = (d.getSeconds() + 30) / 60;
        return minutes == 0 && !d.isZero() ? Duration.ofSeconds(d.getSeconds()) : Duration.ofMinutes(minutes);
    }

    private static ZoneId zone(Contact contact) {
        try {
            return contact.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(contact.timeZone());
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String read(String resource) {
        try (InputStream in = MessageRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("message template " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
