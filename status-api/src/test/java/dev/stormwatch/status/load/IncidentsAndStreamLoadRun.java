package dev.stormwatch.status.load;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.incident.IncidentState;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import dev.stormwatch.status.TopicWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (tag {@code load}, excluded from the default run): GET /api/v1/incidents under wrk, and the
 * SSE stream fanned out to many connections of a separate JVM while incidents are produced to Kafka. Prints requests/s,
 * latencies and p99. Run: {@code ./mvnw -o -pl status-api test -Dtest=IncidentsAndStreamLoadRun
 * -Dstatus-api.excluded-groups=none}.
 */
@QuarkusTest
@Tag("load")
class IncidentsAndStreamLoadRun {

    static final String P = "load-platform";
    static final Path WRK = Path.of("/usr/bin/wrk");

    @TestHTTPResource("/")
    URL root;

    @Test
    void measure() throws Exception {
        MutableClock.INSTANCE.set(MutableClock.START);
        for (int i = 0; i < 100; i++) {
            Severity severity = Severity.values()[i % 4];
            Samples.writeIncident(Samples.incident(
                    "load-" + i,
                    P,
                    i % 3 == 0 ? IncidentState.RESOLVED : IncidentState.OPEN,
                    severity,
                    MutableClock.START.minusSeconds(60L * i),
                    1,
                    List.of("storage", "databricks"),
                    false));
        }
        Eventually.until(
                Duration.ofSeconds(30),
                "100 incidents",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/incidents?platform=" + P)
                                .jsonPath()
                                .getInt("count")
                        == 100);

        if (Files.isExecutable(WRK)) {
            wrk("/api/v1/incidents?platform=" + P, "all 100 incidents of a platform");
            wrk("/api/v1/incidents?platform=" + P + "&state=open&severity=sev1", "open sev1 incidents (17 of 100)");
        } else {
            System.out.println("LOAD wrk not installed (apt-get install -y wrk): HTTP part skipped");
        }
        sse(200, 500);
    }

    private void wrk(String path, String what) throws Exception {
        // Warm-up, then the measured run.
        run(List.of(WRK.toString(), "-t2", "-c16", "-d5s", "-H", "X-API-Key: " + Keys.VIEWER, url(path)));
        List<String> out = run(List.of(
                WRK.toString(), "-t2", "-c32", "-d20s", "--latency", "-H", "X-API-Key: " + Keys.VIEWER, url(path)));
        System.out.println("LOAD GET " + path + " (" + what + "), wrk -t2 -c32 -d20s:");
        out.stream()
                .filter(l -> l.contains("Requests/sec")
                        || l.contains("Latency")
                        || l.contains("99%")
                        || l.contains("50%")
                        || l.contains("requests in")
                        || l.contains("Non-2xx")
                        || l.contains("errors"))
                .forEach(l -> System.out.println("LOAD   " + l.strip()));
    }

    private void sse(int connections, int events) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process client = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SseLoadClient.class.getName(),
                        url("/api/v1/stream"),
                        Integer.toString(connections),
                        Integer.toString(events),
                        "load-sse-",
                        "120",
                        Keys.VIEWER)
                .redirectErrorStream(true)
                .start();
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("READY")) {
            System.out.println("LOAD client: " + line);
        }
        Assumptions.assumeTrue(line != null, "the SSE client process ended before connecting");
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            Instant now = Instant.now();
            Incident incident = Samples.incident(
                    "load-sse-" + i,
                    P + "-sse",
                    IncidentState.OPEN,
                    Severity.SEV3,
                    MutableClock.START,
                    1,
                    List.of("storage"),
                    false);
            TopicWriter.get()
                    .send(
                            Topics.INCIDENTS,
                            incident.id(),
                            JsonCodec.toBytes(JsonCodec.envelope(
                                    "load-sse:" + i,
                                    EventTypes.INCIDENT,
                                    Samples.CORRELATOR,
                                    incident.id(),
                                    now,
                                    false,
                                    incident)));
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        List<String> rest = new ArrayList<>();
        while ((line = lines.readLine()) != null) {
            rest.add(line);
        }
        client.waitFor(30, TimeUnit.SECONDS);
        System.out.printf(
                "LOAD SSE: %d events produced (one at a time, acks=all) in %.2f s = %.0f events/s, fanned out to %d "
                        + "connections%n",
                events, produceSeconds, events / produceSeconds, connections);
        rest.forEach(l -> System.out.println("LOAD SSE client: " + l));
    }

    private String url(String path) {
        String base = root.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .lines()
                .toList();
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
