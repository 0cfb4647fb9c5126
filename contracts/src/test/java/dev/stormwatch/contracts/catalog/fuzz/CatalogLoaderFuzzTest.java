package dev.stormwatch.contracts.catalog.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogException;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.catalog.CatalogProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Bad input for the catalog loader: thousands of seeded mutants of the example DR plan and of small hand-written
 * catalogs. Each must load into a {@link Catalog} or be refused with a {@link CatalogException} whose every problem
 * names the file, a line (0 or more) and says what is wrong; any other exception, or a load that does not finish within
 * {@link #PER_LOAD}, fails the test. About one mutant in six goes through {@link CatalogLoader#load(Path)} as raw
 * bytes, so that bytes that are not UTF-8 reach the file reader.
 *
 * <p>Replay: {@code -Dstormwatch.fuzz.seed=<seed>} reruns a whole run, {@code -Dstormwatch.fuzz.iteration=<n>} only one
 * mutant (printed in full); {@code -Dstormwatch.fuzz.catalog.iterations=<n>} changes the count. Failing mutants are
 * written to {@code target/catalog-fuzz-failures/}.
 */
class CatalogLoaderFuzzTest {

    static final long DEFAULT_SEED = 20261122L;
    static final int DEFAULT_ITERATIONS = 3_000;
    static final Duration PER_LOAD = Duration.ofSeconds(10);

    private enum Outcome {
        LOADED,
        REJECTED,
        CRASHED
    }

    private record Result(
            Outcome outcome, Catalog catalog, CatalogException rejection, Throwable crash, long cpuNanos) {}

    @TempDir
    Path files;

    @Test
    void everyMutantLoadsOrIsRefusedWithLocatedProblemsWithinTheTimeLimit() {
        long seed = Long.getLong("stormwatch.fuzz.seed", DEFAULT_SEED);
        Integer only = Integer.getInteger("stormwatch.fuzz.iteration");
        int iterations = Integer.getInteger("stormwatch.fuzz.catalog.iterations", DEFAULT_ITERATIONS);
        Map<String, String> seeds = CatalogSeeds.all();
        List<String> names = new ArrayList<>(seeds.keySet());
        CatalogMutations mutations = new CatalogMutations(new ArrayList<>(seeds.values()));

        int loaded = 0;
        int problems = 0;
        int viaFile = 0;
        List<String> internalNames = new ArrayList<>();
        List<long[]> slow = new ArrayList<>();
        Map<Integer, String> described = new TreeMap<>();
        Map<String, Integer> rejectedBy = new TreeMap<>();
        Map<String, List<String>> failures = new TreeMap<>();
        long cpuNanos = 0;
        long started = System.nanoTime();
        int from = only == null ? 0 : only;
        int to = only == null ? iterations : only + 1;

        for (int i = from; i < to; i++) {
            SplittableRandom rnd = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
            String seedName = names.get(rnd.nextInt(names.size()));
            CatalogMutations.Mutant mutant = mutations.mutate(seeds.get(seedName), rnd);
            boolean fromFile = rnd.nextInt(6) == 0;
            String file = fromFile ? files.resolve("mutant-" + i + ".yaml").toString() : "mutant-" + i + ".yaml";
            String replay = "iteration " + i + " (seed " + seed + ", from " + seedName + ", "
                    + (fromFile ? "load(Path)" : "parse") + "): " + String.join("; ", mutant.applied());
            if (only != null) {
                System.out.println("catalog fuzz replay " + replay + "\n----\n"
                        + CatalogMutations.printable(mutant.text()) + "\n----");
            }
            if (fromFile) {
                write(Path.of(file), mutant.bytes());
                viaFile++;
            }

            long t0 = System.nanoTime();
            Result result;
            try {
                result = assertTimeoutPreemptively(PER_LOAD, () -> load(fromFile, file, mutant));
            } catch (AssertionFailedError timeout) {
                failure(failures, "HANG longer than " + PER_LOAD.toSeconds() + " s", replay);
                keep(i, mutant);
                continue;
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            cpuNanos += result.cpuNanos();
            slow.add(new long[] {millis, i});
            described.put(i, replay);
            slow.sort((a, b) -> Long.compare(b[0], a[0]));
            if (slow.size() > 3) {
                described.remove((int) slow.remove(3)[1]);
            }

            switch (result.outcome()) {
                case LOADED -> {
                    loaded++;
                    if (result.catalog() == null || result.catalog().platform() == null) {
                        failure(
                                failures,
                                "LOADED " + (result.catalog() == null ? "null" : "a catalog without a platform"),
                                replay);
                        keep(i, mutant);
                    }
                }
                case REJECTED -> {
                    CatalogException e = result.rejection();
                    problems += e.problems().size();
                    rejectedBy.merge(kind(e), 1, Integer::sum);
                    String wrong = problemsWrong(e, file, lineCount(mutant.text()));
                    if (wrong != null) {
                        failure(
                                failures,
                                "BAD PROBLEM: " + wrong.substring(0, wrong.indexOf(':')),
                                replay + ": " + wrong.substring(wrong.indexOf(':') + 2) + "\n  " + e.getMessage());
                        keep(i, mutant);
                    }
                    e.problems().stream()
                            .filter(p -> p.message() != null
                                    && p.message()
                                            .matches("(?s).*(java\\.|com\\.fasterxml|org\\.yaml|dev\\."
                                                    + "stormwatch|Exception).*"))
                            .findFirst()
                            .ifPresent(p -> internalNames.add(replay + ": " + p));
                }
                case CRASHED -> {
                    failure(failures, "CRASH " + signature(result.crash()), replay + ":\n" + stackTop(result.crash()));
                    keep(i, mutant);
                }
            }
        }

        long elapsed = (System.nanoTime() - started) / 1_000_000;
        int rejected = rejectedBy.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "FUZZ catalog-loader: iterations=%d seed=%d loaded=%d rejected=%d %s problems=%d via-file=%d "
                        + "messages-naming-java-internals=%d failures=%d slowest=%s ms elapsed=%d ms (loader cpu %d "
                        + "ms)%n",
                to - from,
                seed,
                loaded,
                rejected,
                rejectedBy,
                problems,
                viaFile,
                internalNames.size(),
                failures.values().stream().mapToInt(List::size).sum(),
                slow.stream().map(s -> String.valueOf(s[0])).toList(),
                elapsed,
                cpuNanos / 1_000_000);
        slow.forEach(s -> System.out.println("  slow: " + s[0] + " ms, " + described.get((int) s[1])));
        // Not a contract failure (each names file, line and what is wrong), but worth a person's look.
        internalNames.stream().limit(3).forEach(m -> System.out.println("  message naming Java internals: " + m));
        if (!failures.isEmpty()) {
            StringBuilder report = new StringBuilder();
            failures.forEach((kind, cases) -> report.append("\n\n")
                    .append(cases.size())
                    .append(" × ")
                    .append(kind)
                    .append("\n  first: ")
                    .append(cases.get(0)));
            fail("mutants broke the loader's contract (replay one with -Dstormwatch.fuzz.seed=" + seed
                    + " -Dstormwatch.fuzz.iteration=<n>):" + report);
        }
        assertTrue(only != null || loaded > 0, "no mutant loaded: the seeds themselves must be valid catalogs");
        assertTrue(only != null || rejected > 0, "no mutant rejected: the mutations did nothing");
    }

    @Test
    void everySeedIsAValidCatalog() {
        // Mutants are only interesting against valid starting points: a broken seed would hide the loader's behaviour.
        CatalogSeeds.all()
                .forEach((name, yaml) ->
                        assertNotNull(CatalogLoader.parse(name, yaml).platformId(), name));
    }

    private static Result load(boolean fromFile, String file, CatalogMutations.Mutant mutant) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        try {
            Catalog c = fromFile ? CatalogLoader.load(Path.of(file)) : CatalogLoader.parse(file, mutant.text());
            return new Result(Outcome.LOADED, c, null, null, threads.getCurrentThreadCpuTime() - cpu);
        } catch (CatalogException e) {
            return new Result(Outcome.REJECTED, null, e, null, threads.getCurrentThreadCpuTime() - cpu);
        } catch (Throwable t) {
            // Anything else, StackOverflowError included, is what this test looks for; it is reported, not rethrown.
            return new Result(Outcome.CRASHED, null, null, t, threads.getCurrentThreadCpuTime() - cpu);
        }
    }

    /** What is wrong with a rejection, or null when every problem names the file and a line and has a message. */
    private static String problemsWrong(CatalogException e, String file, int lines) {
        if (e.problems().isEmpty()) {
            return "no problems listed";
        }
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            return "no exception message";
        }
        for (CatalogProblem p : e.problems()) {
            if (p.message() == null || p.message().isBlank()) {
                return "problem without a message: " + p;
            }
            if (p.file() == null || !p.file().equals(file)) {
                return "wrong file: '" + p.file() + "', not '" + file + "': " + p;
            }
            if (p.line() < 0 || p.line() > lines + 1) {
                return (p.line() < 0 ? "negative line" : "line beyond the end") + ": " + p.line() + " outside 0.."
                        + (lines + 1) + ": " + p;
            }
        }
        return null;
    }

    private static String kind(CatalogException e) {
        String first = e.problems().isEmpty() ? "" : e.problems().get(0).message();
        if (first == null) {
            return "none";
        }
        if (first.startsWith("not valid YAML")) {
            return "yaml";
        }
        if (first.startsWith("cannot read")) {
            return "unreadable";
        }
        if (first.startsWith("the file is empty")) {
            return "empty";
        }
        if (first.startsWith("wrong type") || first.startsWith("unknown field")) {
            return "binding";
        }
        return "validation";
    }

    private static int lineCount(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // YAML also breaks lines at CR, NEL and the unicode line and paragraph separators.
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                n++;
            }
        }
        return n;
    }

    private static void failure(Map<String, List<String>> failures, String kind, String detail) {
        failures.computeIfAbsent(kind, k -> new ArrayList<>()).add(detail);
    }

    /** The exception and the first frame of ours it went through: one line per distinct bug. */
    private static String signature(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.stormwatch.contracts")
                    && !frame.getClassName().contains(".fuzz.")) {
                return t.getClass().getName() + " at " + frame;
            }
        }
        return t.getClass().getName();
    }

    private static String stackTop(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String[] lines = out.toString().split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 14)));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps a failing mutant's exact bytes for a person to open. */
    private static void keep(int iteration, CatalogMutations.Mutant mutant) {
        Path dir = Path.of("target", "catalog-fuzz-failures");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("mutant-" + iteration + ".yaml"), mutant.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
