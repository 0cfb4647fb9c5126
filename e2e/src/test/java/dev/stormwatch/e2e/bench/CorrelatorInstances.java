package dev.stormwatch.e2e.bench;

import dev.stormwatch.contracts.Topics;
import dev.stormwatch.e2e.support.PlatformFleet;
import dev.stormwatch.e2e.support.RunningSystem;
import dev.stormwatch.local.launch.ServiceLayout;
import dev.stormwatch.local.launch.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Scaling out the correlator: the pipeline rate (health events through the correlator's last stage, as the pipeline
 * stage measures it, on the same ten platforms) with one instance, then with a second instance of the same application
 * on its own port and state directory once the group has split the tasks between the two. The second instance is
 * stopped at the end, and the group waited for, so that later stages run on one.
 */
final class CorrelatorInstances {

    static final String ONE = "pipeline with 1 correlator instance";
    static final String TWO = "pipeline with 2 correlator instances";
    static final String RATIO = "2 correlator instances / 1";

    private final RunningSystem system;
    private final FigureTable table;
    private final KafkaProducer<String, byte[]> producer;
    private final SystemBenchmark.CatalogWait catalogs;

    CorrelatorInstances(
            RunningSystem system,
            FigureTable table,
            KafkaProducer<String, byte[]> producer,
            SystemBenchmark.CatalogWait catalogs) {
        this.system = system;
        this.table = table;
        this.producer = producer;
        this.catalogs = catalogs;
    }

    void measure() throws Exception {
        SystemBenchmark.stage("scale");
        PlatformFleet fleet = new PlatformFleet("pipe", 0, 10, system.inbox().url());
        fleet.catalogs().forEach(system::publish);
        catalogs.await(fleet.platformIds());
        long window = (long) (30_000 * SystemBenchmark.SCALE);
        long warmUp = Math.min(10_000, window / 4);
        String split;
        try (CorrelatorProgress progress = new CorrelatorProgress(system.bootstrapServers());
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
            SystemBenchmark.awaitDrained(progress, Duration.ofMinutes(5));
            awaitMembers(admin, 1, Duration.ofMinutes(2));
            ServiceProcess second = null;
            try (BacklogFeeder feeder = new BacklogFeeder(producer, progress, fleet, "scale")) {
                awaitFlowing(progress);
                Thread.sleep(warmUp);
                rates(progress, ONE, window);
                second = system.startInstance(ServiceLayout.CORRELATOR, "correlator-2");
                split = awaitMembers(admin, 2, Duration.ofMinutes(3));
                // The tasks that moved restore their stores from the changelogs before they run again.
                awaitFlowing(progress);
                Thread.sleep(Math.max(5_000, warmUp));
                rates(progress, TWO, window);
            } finally {
                if (second != null) {
                    second.close();
                }
            }
            awaitMembers(admin, 1, Duration.ofMinutes(2));
            SystemBenchmark.awaitDrained(progress, Duration.ofMinutes(5));
        }
        String how = "10 platforms, backlog kept ≥ 20 000 as in the pipeline stage; " + window / 1000 + " s windows";
        table.note(ONE, how + "; one instance, 1 stream thread");
        table.note(
                TWO,
                how + "; a second instance (same application id, own port and state directory), measured "
                        + "after the group split the tasks: " + split);
        table.ratio(RATIO, TWO, ONE);
        double two = table.median(TWO);
        double one = table.median(ONE);
        if (!Double.isNaN(two) && !Double.isNaN(one)) {
            table.note(
                    RATIO,
                    "target ≥ 1.6 where the cores allow; medians " + FigureTable.fmt(two) + " / " + FigureTable.fmt(one)
                            + " = " + FigureTable.fmt(two / one) + "; " + cores());
        }
    }

    private static String cores() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores < 4
                ? "here the cores do not allow it: " + cores + " cores carry the broker, the four services, the second "
                        + "instance and the load generator, so the second instance gets half the tasks but no core of "
                        + "its own"
                : cores + " cores, shared with the broker, the other services and the load generator";
    }

    /**
     * Waits until the correlator's last stage has committed 1 000 more events: its tasks run (a cold start or a
     * rebalance first initialises them and restores their stores), so that a window measures correlation only.
     */
    private static void awaitFlowing(CorrelatorProgress progress) throws Exception {
        long from = progress.now().lastStageCommitted();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (progress.now().lastStageCommitted() - from < 1_000) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the correlator committed no 1 000 events within 3 min");
            }
            Thread.sleep(200);
        }
    }

    private void rates(CorrelatorProgress progress, String name, long window) throws Exception {
        for (int run = 0; run < SystemBenchmark.RUNS; run++) {
            CorrelatorProgress.Snapshot a = progress.now();
            Thread.sleep(window);
            CorrelatorProgress.Snapshot b = progress.now();
            table.add(name, "events/s", CorrelatorProgress.rate(a, b));
        }
    }

    /**
     * Waits until the correlator's group is stable with {@code members} members, each assigned partitions of both the
     * input and the per-platform topic; returns what each member got, for the note.
     */
    private static String awaitMembers(Admin admin, int members, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String seen = "no description";
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(CorrelatorProgress.GROUP))
                    .all()
                    .get()
                    .get(CorrelatorProgress.GROUP);
            List<String> shares = new ArrayList<>();
            boolean split =
                    group.groupState() == GroupState.STABLE && group.members().size() == members;
            for (MemberDescription m : group.members()) {
                long input = 0;
                long platform = 0;
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    if (tp.topic().equals(Topics.HEALTH_EVENTS.name())) {
                        input++;
                    } else if (tp.topic().endsWith("-platform-repartition")) {
                        platform++;
                    }
                }
                split &= input > 0 && platform > 0;
                shares.add(input + " of " + Topics.HEALTH_EVENTS.partitions() + " input and " + platform
                        + " per-platform partitions");
            }
            seen = group.groupState() + ", " + group.members().size() + " members: " + String.join("; ", shares);
            if (split) {
                return seen;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the correlator's group did not settle on " + members + " members within "
                + within.toSeconds() + " s: " + seen);
    }
}
