package dev.stormwatch.e2e.bench;

import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.local.launch.ServiceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CPU every process of the system used between two readings (utime + stime from {@code /proc}), so that a missed
 * latency target under load says whether the cores ran out and who used them: the four services, and this JVM, which
 * holds the broker and the load generator.
 */
final class CpuUse {

    /** Clock ticks per second of {@code /proc/<pid>/stat} on Linux. */
    static final double TICKS_PER_SECOND = 100.0;

    static final String BROKER_AND_LOAD = "broker and load generator";

    private final Map<String, Long> ticks;
    private final long nanos;

    private CpuUse(Map<String, Long> ticks, long nanos) {
        this.ticks = ticks;
        this.nanos = nanos;
    }

    static CpuUse read(RunningSystem system) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (ServiceLayout s : ServiceLayout.ALL) {
            ticks.put(s.module(), ticks(system.service(s).process().pid()));
        }
        ticks.put(BROKER_AND_LOAD, ticks(ProcessHandle.current().pid()));
        return new CpuUse(ticks, System.nanoTime());
    }

    /**
     * Adds, for the work done since {@code before}: the CPU time of all processes per unit of work (e.g. per alert),
     * each process's share in the note, and how many cores the system kept busy over the wall time.
     * {@code budgetMillis} is the CPU time per unit the machine has at the rate offered (cores / rate).
     */
    void addTo(FigureTable table, CpuUse before, String suffix, String per, double units, double budgetMillis) {
        double wall = (nanos - before.nanos) / 1e9;
        if (units <= 0 || wall <= 0) {
            return;
        }
        double total = 0;
        StringJoiner split = new StringJoiner(", ");
        for (Map.Entry<String, Long> e : ticks.entrySet()) {
            double s = (e.getValue() - before.ticks.getOrDefault(e.getKey(), e.getValue())) / TICKS_PER_SECOND;
            split.add(String.format(Locale.ROOT, "%s %.2f", e.getKey(), 1000 * s / units));
            total += s;
        }
        String name = "CPU per " + per + ", every process" + suffix;
        table.add(name, "ms", 1000 * total / units);
        table.note(
                name,
                String.format(
                        Locale.ROOT,
                        "utime + stime of each process (/proc), from the first send until the last page; the cores at "
                                + "the rate offered leave %.2f ms per %s; last run, ms per %s: %s",
                        budgetMillis,
                        per,
                        per,
                        split));
        table.add("cores busy, every process" + suffix, "cores", total / wall);
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }
}
