package dev.stormwatch.local.launch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.catalog.DurationText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a {@link Scenario} against the running system: payloads go through the real ingest endpoints with the local
 * ingest token, decisions are taken through status-api with the local dr-lead key, as a person would. Time is
 * compressed by {@code speed}, payload times included ({@code {{t:OFFSET}}}), so that the services' clocks and the
 * provider's timestamps agree.
 */
public final class ScenarioReplay {

    private static final Pattern TIME = Pattern.compile("\\{\\{t:([^}]+)}}");
    /** How long no decision of the kind must be open after the last one taken before a take-all step ends. */
    private static final Duration NOTHING_NEXT = Duration.ofSeconds(1);

    private final Scenario scenario;
    private final String ingestUrl;
    private final String statusUrl;
    private final String ingestToken;
    private final String drLeadKey;
    private final double speed;
    private final String platformId;
    private final Duration decisionWait;
    private final Consumer<String> out;
    private final Set<String> automated;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Instant start;

    /**
     * The launcher's replay: {@code automated} ({@code component/step}) are the steps the catalog automates, which
     * their actions complete; the replay takes only the others.
     */
    ScenarioReplay(
            Scenario scenario,
            String ingestUrl,
            String statusUrl,
            String ingestToken,
            String drLeadKey,
            double speed,
            Set<String> automated,
            Consumer<String> out) {
        this(
                scenario,
                null,
                ingestUrl,
                statusUrl,
                ingestToken,
                drLeadKey,
                speed,
                Duration.ofSeconds(60),
                automated,
                out);
    }

    /**
     * {@code platformId}: the platform whose decisions the steps take (null: any platform's, as on a machine that runs
     * one); {@code decisionWait}: how long a decide step waits for its decision to be raised, and, for {@code all}, for
     * the next one after the last taken.
     */
    public ScenarioReplay(
            Scenario scenario,
            String platformId,
            String ingestUrl,
            String statusUrl,
            String ingestToken,
            String drLeadKey,
            double speed,
            Duration decisionWait,
            Consumer<String> out) {
        this(scenario, platformId, ingestUrl, statusUrl, ingestToken, drLeadKey, speed, decisionWait, Set.of(), out);
    }

    private ScenarioReplay(
            Scenario scenario,
            String platformId,
            String ingestUrl,
            String statusUrl,
            String ingestToken,
            String drLeadKey,
            double speed,
            Duration decisionWait,
            Set<String> automated,
            Consumer<String> out) {
        this.automated = Set.copyOf(automated);
        this.scenario = scenario;
        this.platformId = platformId;
        this.decisionWait = decisionWait;
        this.ingestUrl = ingestUrl;
        this.statusUrl = statusUrl;
        this.ingestToken = ingestToken;
        this.drLeadKey = drLeadKey;
        this.speed = speed;
        this.out = out;
    }

    void play() {
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        out.accept("");
        out.accept("Replaying scenario '" + scenario.name() + "' at " + (speed == 1 ? "real time" : speed + "× speed")
                + " (" + scenario.steps().size() + " steps)");
        for (Scenario.Step step : scenario.steps()) {
            waitUntil(scaled(step.offset()));
            run(step);
        }
        out.accept("Scenario '" + scenario.name() + "' played. The dashboard shows the outcome.");
    }

    /**
     * Plays one step now, without waiting for its time: a test drives the steps one by one and checks the system after
     * each. Payload times are {@code start} plus the scaled offset, as in {@link #play()}.
     */
    public int step(Instant start, Scenario.Step step) {
        this.start = start;
        return run(step);
    }

    /** The HTTP status of the post, or of the last decision taken (0: none appeared). */
    private int run(Scenario.Step step) {
        out.accept("[scenario +" + step.at() + "] " + (step.say() == null ? "" : step.say()));
        return step.post() != null ? post(step) : decide(step.decide());
    }

    private int post(Scenario.Step step) {
        String body;
        try {
            body = Files.readString(scenario.dir().resolve(step.payload()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = TIME.matcher(body);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(filled, scaled(DurationText.parse(m.group(1))).toString());
        }
        m.appendTail(filled);
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/ingest/" + step.post()))
                        .header("Content-Type", "application/json")
                        .header("X-Stormwatch-Token", ingestToken)
                        .POST(HttpRequest.BodyPublishers.ofString(filled.toString())));
        out.accept("  POST /api/v1/ingest/" + step.post() + " → " + response.statusCode() + " "
                + oneLine(response.body()));
        return response.statusCode();
    }

    /** Takes the open decision(s) of a kind; waits for them to be raised, since the correlator raises them. */
    private int decide(Scenario.Decide decide) {
        Set<String> taken = new HashSet<>();
        int status = 0;
        Instant quietSince = null;
        Instant giveUp = Instant.now().plus(decisionWait);
        while (Instant.now().isBefore(giveUp)) {
            JsonNode open = openDecisions(decide.kind());
            // Recovery steps are taken in run order, as the runbook says; other kinds have one open decision.
            JsonNode next = null;
            for (JsonNode item : open) {
                JsonNode d = item.path("decision");
                String step = d.path("step").path("componentId").asText() + "/"
                        + d.path("step").path("step").asText();
                if (!taken.contains(d.path("id").asText())
                        && !item.path("pendingConfirmation").asBoolean()
                        && !automated.contains(step)
                        && (next == null
                                || d.path("step").path("runOrder").asInt()
                                        < next.path("step").path("runOrder").asInt())) {
                    next = d;
                }
            }
            if (next == null) {
                if (!taken.isEmpty() && !decide.all()) {
                    return status;
                }
                // The correlator raises the next one in the transaction that closes the one taken: once none of the
                // kind is open (automated and unconfirmed ones count) for a moment, there is no next one.
                if (!taken.isEmpty() && open.isEmpty()) {
                    quietSince = quietSince == null ? Instant.now() : quietSince;
                    if (!Instant.now().isBefore(quietSince.plus(NOTHING_NEXT))) {
                        return status;
                    }
                } else {
                    quietSince = null;
                }
                sleep(Duration.ofMillis(200));
                continue;
            }
            quietSince = null;
            String id = next.path("id").asText();
            JsonNode body = JsonCodec.mapper()
                    .createObjectNode()
                    .put("reason", decide.reason())
                    .put("evidence", decide.evidence());
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(statusUrl + "/api/v1/decisions/"
                            + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/" + decide.action()))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", drLeadKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
            out.accept("  " + decide.action() + " " + decide.kind() + " \""
                    + next.path("title").asText() + "\" → " + response.statusCode());
            taken.add(id);
            status = response.statusCode();
            if (!decide.all()) {
                return status;
            }
            giveUp = Instant.now().plus(decisionWait);
            sleep(scaledLength(decide.everyDuration()));
        }
        if (taken.isEmpty()) {
            out.accept("  no open " + decide.kind() + " decision appeared within " + decisionWait.toSeconds() + " s");
        }
        return status;
    }

    private JsonNode openDecisions(String kind) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(statusUrl + "/api/v1/decisions?state=open"
                                + (platformId == null
                                        ? ""
                                        : "&platform=" + URLEncoder.encode(platformId, StandardCharsets.UTF_8))))
                        .header("X-API-Key", drLeadKey)
                        .GET());
        try {
            JsonNode all = JsonCodec.mapper().readTree(response.body()).path("decisions");
            var matching = JsonCodec.mapper().createArrayNode();
            all.forEach(item -> {
                if (kind.equals(item.path("decision").path("kind").asText())) {
                    matching.add(item);
                }
            });
            return matching;
        } catch (IOException e) {
            return JsonCodec.mapper().createArrayNode();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("scenario request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Instant scaled(Duration offset) {
        return start.plus(scaledLength(offset));
    }

    private Duration scaledLength(Duration d) {
        return Duration.ofMillis((long) (d.toMillis() / speed));
    }

    private static void waitUntil(Instant at) {
        Duration left = Duration.between(Instant.now(), at);
        if (!left.isNegative()) {
            sleep(left);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String oneLine(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 157) + "…" : one;
    }
}
