package dev.stormwatch.notifier.ack;

import dev.stormwatch.notifier.NotifierConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Refused acknowledge links, kept cheap for whoever sends them, since the link is public: each refusal is counted on
 * {@code stormwatch_notifier_ack_refused_total{reason}}; each client (remote address) is answered a burst of refusals
 * and then a few per minute, 429 beyond; and the audit trail gets one record per client per report ("N refused
 * acknowledge links from X in the last 1m"), never one per request. At most {@code max-clients} clients are tracked,
 * the least recently refused one forgotten beyond that; refusals of clients that do not fit a report are summed in one
 * record, so a report is bounded too.
 */
@ApplicationScoped
public class AckLinkRefusals {

    /** Why a link was refused; the metric's {@code reason} tag. */
    public enum Reason {
        FORGED,
        EXPIRED,
        REPLAYED;

        String tag() {
            return name().toLowerCase();
        }
    }

    /** A client's refusals since the last report. */
    private static final class Tally {
        final Map<Reason, Integer> byReason = new TreeMap<>();
        int total;
        String last;
    }

    /** Token bucket: {@code burst} refusals at once, refilled at {@code perMinute}. */
    private static final class Bucket {
        double tokens;
        Instant at;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final MeterRegistry registry;
    private final Acknowledgements acknowledgements;
    private final Clock clock;
    private final int burst;
    private final double perNano;
    private final int maxClients;
    private final Duration reportEvery;
    private final LinkedHashMap<String, Bucket> buckets;
    private final LinkedHashMap<String, Tally> window = new LinkedHashMap<>();
    private final Tally others = new Tally();

    public AckLinkRefusals(
            MeterRegistry registry, Acknowledgements acknowledgements, Clock clock, NotifierConfig config) {
        this.registry = registry;
        this.acknowledgements = acknowledgements;
        this.clock = clock;
        NotifierConfig.Refusals r = config.ack().refusals();
        this.burst = r.burst();
        this.perNano = r.perMinute() / (double) Duration.ofMinutes(1).toNanos();
        this.maxClients = r.maxClients();
        this.reportEvery = r.reportEvery();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * Counts a refusal of {@code client}'s link and keeps it for the next report.
     *
     * @return false when the client is past its limit and is to be answered 429 instead of the refusal's page
     */
    public synchronized boolean refuse(String client, Reason reason, String detail) {
        registry.counter("stormwatch.notifier.ack.refused", "reason", reason.tag())
                .increment();
        Tally tally = window.get(client);
        if (tally == null) {
            tally = window.size() < maxClients ? new Tally() : others;
            if (tally != others) {
                window.put(client, tally);
            }
        }
        tally.byReason.merge(reason, 1, Integer::sum);
        tally.total++;
        tally.last = detail;
        Instant now = clock.instant();
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        long elapsed = Math.max(0, Duration.between(b.at, now).toNanos());
        b.tokens = Math.min(burst, b.tokens + elapsed * perNano);
        b.at = now;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    /** Seconds until {@code client} gets a refusal answered again, for {@code Retry-After}. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / (perNano * 1e9)));
    }

    @Scheduled(every = "${stormwatch.notifier.ack.refusals.report-every}", identity = "ack-link-refusals-report")
    void scheduledReport() {
        report();
    }

    /** Writes the refusals since the last report to the audit trail, one record per client; returns how many. */
    public int report() {
        List<String> details = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, Tally> e : window.entrySet()) {
                details.add(line(e.getValue(), "from " + e.getKey()));
            }
            if (others.total > 0) {
                details.add(line(others, "from clients beyond the " + maxClients + " tracked"));
            }
            window.clear();
            others.byReason.clear();
            others.total = 0;
            others.last = null;
        }
        for (String d : details) {
            acknowledgements.auditRefusal(null, null, d);
        }
        return details.size();
    }

    private String line(Tally t, String from) {
        StringBuilder s = new StringBuilder()
                .append(t.total)
                .append(" refused acknowledge link")
                .append(t.total == 1 ? "" : "s")
                .append(' ')
                .append(from)
                .append(" in the last ")
                .append(human(reportEvery))
                .append(" (");
        String sep = "";
        for (Map.Entry<Reason, Integer> r : t.byReason.entrySet()) {
            s.append(sep).append(r.getValue()).append(' ').append(r.getKey().tag());
            sep = ", ";
        }
        return s.append("); last: ").append(t.last).toString();
    }

    private static String human(Duration d) {
        return d.toSecondsPart() == 0 && d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
