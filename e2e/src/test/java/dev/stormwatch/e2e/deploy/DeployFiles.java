package dev.stormwatch.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository the deploy files live in and the four services they deploy, with small accessors over parsed YAML.
 * YAML is read with SnakeYAML (it comes with Jackson's YAML module through contracts) because Compose files use anchors
 * and merge keys ({@code <<: *defaults}), which SnakeYAML resolves and Jackson's tree model does not.
 */
final class DeployFiles {

    /** The services and their modules; the keys are the names Compose and Kubernetes use too. */
    static final List<String> SERVICES = List.of("health-ingest", "incident-correlator", "notifier", "status-api");

    private static Map<String, ServiceConfiguration> services;

    private DeployFiles() {}

    /**
     * The repository root: the {@code stormwatch.repo.dir} system property (set by the parent POM), else {@code ..}.
     */
    static Path repo() {
        String dir = System.getProperty("stormwatch.repo.dir");
        Path root = dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("contracts/src/main/java/dev/stormwatch/contracts/Topics.java"))) {
            throw new IllegalStateException(
                    "not the Stormwatch repository: " + root + " (set -Dstormwatch.repo.dir to the repository root)");
        }
        return root.toAbsolutePath().normalize();
    }

    /** Each service's configuration, read from its sources once per test JVM. */
    static synchronized Map<String, ServiceConfiguration> services() {
        if (services == null) {
            Map<String, ServiceConfiguration> read = new LinkedHashMap<>();
            for (String service : SERVICES) {
                read.put(service, ServiceConfiguration.of(repo(), service));
            }
            services = read;
        }
        return services;
    }

    static Map<String, Object> yaml(Path file) {
        List<Object> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + ": expected one YAML document, found " + documents.size());
        }
        return map(documents.get(0), file.toString());
    }

    static List<Object> documents(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> out = new ArrayList<>();
        try {
            for (Object document : yaml.loadAll(Files.readString(file))) {
                if (document != null) {
                    out.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map)) {
            throw new AssertionError(where + ": expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }

    /** The mapping at {@code path} below {@code node}, or an empty one. */
    static Map<String, Object> child(Map<String, Object> node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
                return Map.of();
            }
            current = m.get(key);
        }
        return current instanceof Map ? map(current, String.join(".", path)) : Map.of();
    }

    /** The list at {@code path} below {@code node}, or an empty one. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
                return List.of();
            }
            current = m.get(key);
        }
        return current instanceof List ? (List<Object>) current : List.of();
    }

    /** The scalar at {@code path} as a string, or null. */
    static String scalar(Map<String, Object> node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
                return null;
            }
            current = m.get(key);
        }
        return current == null || current instanceof Map || current instanceof List ? null : String.valueOf(current);
    }
}
