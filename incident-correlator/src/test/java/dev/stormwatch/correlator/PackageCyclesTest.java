package dev.stormwatch.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The correlator's packages form a tree: the root composes the stages, the stages use the shared state in
 * {@code platform} and the configuration in {@code config}, and no package reaches back up. The edges are read by jdeps
 * from the compiled classes, so a fully qualified name or a nested type counts as much as an import.
 */
class PackageCyclesTest {

    private static final String BASE = "dev.stormwatch.correlator";
    private static final Pattern EDGE =
            Pattern.compile("^\\s+(" + Pattern.quote(BASE) + "\\S*)\\s+->\\s+(" + Pattern.quote(BASE) + "\\S*)\\s");

    @Test
    void noPackageOfTheCorrelatorDependsOnItselfThroughAnother() {
        Map<String, Set<String>> edges = edges(Path.of("target", "classes"));
        assertTrue(edges.size() > 5, "jdeps found the correlator's packages: " + edges.keySet());

        List<String> cycle = findCycle(edges);
        assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle) + "\nall edges: " + edges);
    }

    @Test
    void aCycleIsFoundWhereThereIsOne() {
        Map<String, Set<String>> edges = new TreeMap<>();
        edges.put("a", Set.of("b"));
        edges.put("b", Set.of("c"));
        edges.put("c", Set.of("a", "d"));
        edges.put("d", Set.of());

        assertEquals(List.of("a", "b", "c", "a"), findCycle(edges));
        assertEquals(List.of(), findCycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of())));
    }

    /** Package → the other packages of the correlator it uses, from {@code jdeps -verbose:package}. */
    static Map<String, Set<String>> edges(Path classes) {
        assertTrue(Files.isDirectory(classes), "compiled classes at " + classes.toAbsolutePath());
        ToolProvider jdeps =
                ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in the JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(
                new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
        assertEquals(0, code, "jdeps failed: " + err);
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                Set<String> targets = edges.computeIfAbsent(m.group(1), p -> new TreeSet<>());
                if (!m.group(1).equals(m.group(2))) {
                    targets.add(m.group(2));
                }
                edges.computeIfAbsent(m.group(2), p -> new TreeSet<>());
            }
        }
        return edges;
    }

    /** The first cycle found by a depth-first walk, as the packages on it with the first repeated; empty if none. */
    static List<String> findCycle(Map<String, Set<String>> edges) {
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(edges.keySet())) {
            List<String> cycle = walk(start, edges, new ArrayList<>(), done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> walk(String node, Map<String, Set<String>> edges, List<String> path, Set<String> done) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : new TreeSet<>(edges.getOrDefault(node, Set.of()))) {
            List<String> cycle = walk(next, edges, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }
}
