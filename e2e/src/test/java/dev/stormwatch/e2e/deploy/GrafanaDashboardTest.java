package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/stormwatch-dashboard.json names only metrics that exist: each {@code stormwatch_*} series is a meter a
 * service registers in its source (Micrometer name with dots as underscores, {@code _total} for counters,
 * {@code _seconds_count|_sum|_max} for timers), grouped and filtered only by that meter's own tags; the others come
 * from the binders Quarkus's Micrometer extension installs for what the services use (Kafka clients, HTTP server).
 */
class GrafanaDashboardTest {

    /** Labels Prometheus adds to every series it scrapes from a ServiceMonitor target. */
    private static final Set<String> TARGET_LABELS =
            Set.of("job", "instance", "namespace", "pod", "service", "container", "endpoint");

    /**
     * Series of Micrometer binders, with the labels they carry and the extensions a service needs for them: Kafka
     * client metrics (KafkaClientMetrics / KafkaStreamsMetrics, bound by quarkus-micrometer for Kafka clients) and the
     * Vert.x HTTP server binder.
     */
    private record Binder(Set<String> labels, List<String> needs) {}

    private static final Map<String, Binder> BINDERS = Map.of(
            "kafka_consumer_fetch_manager_records_lag_max",
                    new Binder(
                            Set.of("client_id", "topic", "partition", "kafka_version"),
                            List.of("quarkus-micrometer", "kafka")),
            "http_server_requests_seconds_count",
                    new Binder(
                            Set.of("method", "uri", "status", "outcome"),
                            List.of("quarkus-micrometer", "quarkus-rest")));

    private static final Set<String> PROMQL_WORDS = Set.of(
            "sum",
            "max",
            "min",
            "avg",
            "count",
            "rate",
            "irate",
            "increase",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "histogram_quantile",
            "topk",
            "bottomk",
            "abs",
            "clamp_min",
            "clamp_max",
            "delta",
            "deriv",
            "time",
            "vector",
            "scalar",
            "offset",
            "bool",
            "max_over_time",
            "min_over_time",
            "avg_over_time",
            "label_replace");

    private static final Pattern BUILDER =
            Pattern.compile("(Counter|Timer|Gauge|DistributionSummary|FunctionCounter|FunctionTimer|LongTaskTimer)\\."
                    + "builder\\(\\s*(\"[^\"]+\"|[A-Za-z_][\\w.]*)");
    private static final Pattern REGISTRY_CALL =
            Pattern.compile("\\.(counter|timer|gauge|summary)\\(\\s*(\"[^\"]+\"|[A-Z_][A-Z0-9_]*)");
    private static final Pattern ANNOTATION = Pattern.compile("@(Counted|Timed)\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern CONSTANT = Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern TAG = Pattern.compile("(?:\\.tag|Tag\\.of|Tags\\.of)\\(\\s*\"([^\"]+)\"");
    /** {@code .tags("k1", v1, "k2", v2)} on a meter builder: key/value pairs. */
    private static final Pattern TAG_PAIRS = Pattern.compile("\\.tags\\((?=\\s*\")");

    private static JsonNode dashboard;
    /** Prometheus series name → tag names its meter carries. */
    private static Map<String, Set<String>> meters;

    @BeforeAll
    static void read() throws Exception {
        Path repo = DeployFiles.repo();
        dashboard = new ObjectMapper()
                .readTree(
                        repo.resolve("deploy/grafana/stormwatch-dashboard.json").toFile());
        meters = new HashMap<>();
        for (String service : DeployFiles.SERVICES) {
            for (Path source :
                    ServiceConfiguration.javaSources(repo.resolve(service).resolve("src/main/java"))) {
                registerMeters(ServiceConfiguration.read(source));
            }
        }
    }

    @Test
    void namesOnlyMetricsTheServicesRegisterOrTheirBindersExport() {
        List<String> unknown = new ArrayList<>();
        for (String expr : expressions()) {
            for (String metric : metrics(expr)) {
                if (!meters.containsKey(metric) && !BINDERS.containsKey(metric)) {
                    unknown.add(metric + " in " + expr);
                }
            }
        }
        assertEquals(List.of(), unknown, "metrics no service registers; known: " + new TreeSet<>(meters.keySet()));
    }

    @Test
    void groupsAndFiltersOnlyByLabelsTheSeriesCarry() {
        List<String> wrong = new ArrayList<>();
        for (String expr : expressions()) {
            Set<String> allowed = new HashSet<>(TARGET_LABELS);
            for (String metric : metrics(expr)) {
                allowed.addAll(meters.getOrDefault(metric, Set.of()));
                if (BINDERS.containsKey(metric)) {
                    allowed.addAll(BINDERS.get(metric).labels());
                }
            }
            for (String label : labels(expr)) {
                if (!allowed.contains(label)) {
                    wrong.add(label + " in " + expr);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void bindsLibraryMetricsOnlyForServicesThatUseTheLibrary() {
        for (String expr : expressions()) {
            for (String metric : metrics(expr)) {
                Binder binder = BINDERS.get(metric);
                if (binder == null) {
                    continue;
                }
                boolean someService = DeployFiles.SERVICES.stream().anyMatch(s -> {
                    String pom = ServiceConfiguration.read(
                            DeployFiles.repo().resolve(s).resolve("pom.xml"));
                    return binder.needs().stream().allMatch(pom::contains);
                });
                assertTrue(someService, metric + " needs a service with " + binder.needs());
            }
        }
    }

    @Test
    void isAGrafanaDashboardWithPanelsOnAPrometheusDatasource() {
        assertEquals("stormwatch", dashboard.path("uid").asText());
        assertEquals(
                "datasource",
                dashboard.path("templating").path("list").path(0).path("type").asText());
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique");
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(),
                    y = grid.path("y").asInt(),
                    w = grid.path("w").asInt(),
                    h = grid.path("h").asInt();
            assertTrue(
                    x >= 0 && w > 0 && x + w <= 24 && h > 0, panel.path("title").asText() + " fits the 24-column grid");
            for (int[] other : boxes) {
                boolean overlap =
                        x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h;
                assertFalse(overlap, panel.path("title").asText() + " overlaps another panel");
            }
            boxes.add(new int[] {x, y, w, h});
            if (!"row".equals(panel.path("type").asText())) {
                assertEquals(
                        "${datasource}",
                        panel.path("datasource").path("uid").asText(),
                        panel.path("title").asText());
                assertTrue(panel.path("targets").size() > 0, panel.path("title").asText() + " has a query");
            }
        }
    }

    @Test
    void showsIntakeDeadLettersDeliveriesLatencyAndConsumerLag() {
        String all = String.join("\n", expressions());
        for (String series : List.of(
                "stormwatch_ingest_events_total",
                "stormwatch_notifier_deliveries_total",
                "stormwatch_notifier_delivery_seconds_sum",
                "kafka_consumer_fetch_manager_records_lag_max")) {
            assertTrue(all.contains(series), "the dashboard shows " + series);
        }
        assertTrue(
                all.contains("sum by (source, outcome) (rate(stormwatch_ingest_events_total"),
                "events per source/outcome");
        assertTrue(all.contains("stormwatch_ingest_events_total{outcome=~\"rejected|unsupported\"}"), "the DLQ panel");
    }

    // --- reading the dashboard and the sources -----------------------------------------------------------------------

    private static List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertFalse(expr.isBlank(), panel.path("title").asText() + ": empty query");
                out.add(expr);
            }
        }
        return out;
    }

    /** The series names of a PromQL expression: identifiers that are not functions, keywords, labels or durations. */
    static Set<String> metrics(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*\\}", " ")
                .replaceAll("\\[[^]]*\\]", " ")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?<![\\w$])[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** The label names an expression groups or filters by. */
    static Set<String> labels(String expr) {
        Set<String> out = new LinkedHashSet<>();
        Matcher groups = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\(([^)]*)\\)")
                .matcher(expr);
        while (groups.find()) {
            for (String label : groups.group(1).split(",")) {
                if (!label.isBlank()) {
                    out.add(label.trim());
                }
            }
        }
        Matcher matchers = Pattern.compile("\\{([^}]*)\\}").matcher(expr.replaceAll("\\{\\{[^}]*\\}\\}", ""));
        while (matchers.find()) {
            Matcher name =
                    Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)").matcher(matchers.group(1));
            while (name.find()) {
                out.add(name.group(1));
            }
        }
        return out;
    }

    private static void registerMeters(String source) {
        Map<String, String> constants = new HashMap<>();
        Matcher c = CONSTANT.matcher(source);
        while (c.find()) {
            constants.put(c.group(1), c.group(2));
        }
        Set<String> tags = new HashSet<>();
        Matcher t = TAG.matcher(source);
        while (t.find()) {
            tags.add(t.group(1).replace('.', '_'));
        }
        Matcher pairs = TAG_PAIRS.matcher(source);
        while (pairs.find()) {
            // varargTags reads the keys after a meter name; a leading comma stands in for the name.
            tags.addAll(varargTags("," + source.substring(pairs.end()), 0));
        }
        Matcher b = BUILDER.matcher(source);
        while (b.find()) {
            register(b.group(1), resolve(b.group(2), constants), tags);
        }
        Matcher r = REGISTRY_CALL.matcher(source);
        while (r.find()) {
            String kind = switch (r.group(1)) {
                case "counter" -> "Counter";
                case "timer" -> "Timer";
                case "summary" -> "DistributionSummary";
                default -> "Gauge";
            };
            Set<String> callTags = new HashSet<>(tags);
            callTags.addAll(varargTags(source, r.end()));
            register(kind, resolve(r.group(2), constants), callTags);
        }
        Matcher a = ANNOTATION.matcher(source);
        while (a.find()) {
            register(
                    a.group(1).equals("Counted") ? "Counter" : "Timer",
                    a.group(2),
                    Set.of("class", "method", "exception", "result"));
        }
    }

    /** registry.counter("name", "k1", v1, "k2", v2): the keys are every other argument after the name. */
    private static Set<String> varargTags(String source, int afterName) {
        int depth = 1;
        int end = afterName;
        while (end < source.length() && depth > 0) {
            char ch = source.charAt(end);
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            end++;
        }
        String[] args = source.substring(afterName, end - 1).split(",");
        Set<String> out = new HashSet<>();
        for (int i = 1; i < args.length; i += 2) {
            String arg = args[i].trim();
            if (arg.startsWith("\"") && arg.endsWith("\"")) {
                out.add(arg.substring(1, arg.length() - 1).replace('.', '_'));
            }
        }
        return out;
    }

    private static String resolve(String nameOrConstant, Map<String, String> constants) {
        if (nameOrConstant.startsWith("\"")) {
            return nameOrConstant.substring(1, nameOrConstant.length() - 1);
        }
        String simple = nameOrConstant.substring(nameOrConstant.lastIndexOf('.') + 1);
        return constants.getOrDefault(simple, nameOrConstant);
    }

    private static void register(String kind, String name, Set<String> tags) {
        String base = name.replaceAll("[.\\-]", "_");
        List<String> series = switch (kind) {
            case "Counter", "FunctionCounter" -> List.of(base + "_total");
            case "Timer", "FunctionTimer", "LongTaskTimer" ->
                List.of(
                        base + "_seconds_count",
                        base + "_seconds_sum",
                        base + "_seconds_max",
                        base + "_seconds_bucket");
            case "DistributionSummary" -> List.of(base + "_count", base + "_sum", base + "_max", base + "_bucket");
            default -> List.of(base);
        };
        for (String s : series) {
            meters.computeIfAbsent(s, k -> new HashSet<>()).addAll(tags);
        }
    }
}
