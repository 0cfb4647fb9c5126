package dev.stormwatch.local.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use once the collector has run, for the soak tests that show an index flat over time: several full
 * collections in a row, the smallest reading kept, so that garbage a concurrent thread made in between does not count.
 */
public final class HeapAfterGc {

    private HeapAfterGc() {}

    /** Bytes of heap in use after collecting garbage. */
    public static long measure() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** CPU time of the calling thread so far, in nanoseconds: what a soak costs whatever else the machine runs. */
    public static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** {@code bytes} in MiB, one decimal, for the printed figures. */
    public static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
