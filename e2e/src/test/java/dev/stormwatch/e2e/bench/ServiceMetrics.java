package dev.stormwatch.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * One reading of a service's {@code /q/metrics} (Prometheus text): what a stage reads before and after a run to say
 * where its time went inside a service (messages per page, channel answer time, Kafka commit latency).
 */
final class ServiceMetrics {

    /** Each sample by its full name with labels, e.g. {@code x_total{result="delivered"}}. */
    private final Map<String, Double> samples;

    private ServiceMetrics(Map<String, Double> samples) {
        this.samples = samples;
    }

    static ServiceMetrics read(HttpClient http, String serviceUrl) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.isEmpty() || line.startsWith("#") || space < 0) {
                continue;
            }
            try {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException e) {
                // a value this reading does not need (NaN is parsed; anything else is skipped)
            }
        }
        return new ServiceMetrics(samples);
    }

    /** The sum of the samples of metric {@code name} whose labels pass {@code labels}. */
    double sum(String name, Predicate<String> labels) {
        return samples.entrySet().stream()
                .filter(e -> nameOf(e.getKey()).equals(name) && labels.test(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .filter(v -> !Double.isNaN(v))
                .sum();
    }

    /** The largest sample of metric {@code name} (a gauge kept per thread or client), if any is a number. */
    OptionalDouble max(String name) {
        return samples.entrySet().stream()
                .filter(e -> nameOf(e.getKey()).equals(name))
                .mapToDouble(Map.Entry::getValue)
                .filter(v -> !Double.isNaN(v) && !Double.isInfinite(v))
                .max();
    }

    private static String nameOf(String sample) {
        int brace = sample.indexOf('{');
        return brace < 0 ? sample : sample.substring(0, brace);
    }
}
