package dev.stormwatch.e2e.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker wrote between two moments, per topic: the growth of every partition's log end offset (records and
 * transaction markers alike, as both are appended and replicated). Divided by the alerts sent in between, it says how
 * many appends one alert costs the broker, and on which topics, which is where a shared broker's CPU goes.
 */
final class BrokerWrites implements AutoCloseable {

    private final Admin admin;
    private Map<String, Long> before;

    BrokerWrites(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Marks the start of a measurement. */
    void mark() throws Exception {
        before = endOffsets();
    }

    /** Appends per topic since {@link #mark()}, topics that grew only, largest first. */
    Map<String, Long> since() throws Exception {
        Map<String, Long> after = endOffsets();
        Map<String, Long> grown = new HashMap<>();
        after.forEach((topic, end) -> {
            long delta = end - before.getOrDefault(topic, 0L);
            if (delta > 0) {
                grown.put(topic, delta);
            }
        });
        return grown.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** "topic a/alert, topic b/alert, …" for the largest {@code top} of {@code grown}. */
    static String perAlert(Map<String, Long> grown, double alerts, int top) {
        return grown.entrySet().stream()
                .limit(top)
                .map(e -> e.getKey() + " " + String.format(java.util.Locale.ROOT, "%.1f", e.getValue() / alerts))
                .collect(Collectors.joining(", "));
    }

    private Map<String, Long> endOffsets() throws Exception {
        var names = admin.listTopics(new ListTopicsOptions().listInternal(false))
                .names()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description :
                admin.describeTopics(List.copyOf(names)).allTopicNames().get().values()) {
            description
                    .partitions()
                    .forEach(p ->
                            latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<String, Long> perTopic = new TreeMap<>();
        admin.listOffsets(latest)
                .all()
                .get()
                .forEach((tp, info) -> perTopic.merge(tp.topic(), info.offset(), Long::sum));
        return perTopic;
    }

    @Override
    public void close() {
        admin.close();
    }
}
