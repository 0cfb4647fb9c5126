package dev.stormwatch.contracts;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one service may do on Kafka, and nothing more: the topics it reads, the topics it writes, the consumer groups it
 * joins and, for a Kafka Streams application, its application id (its consumer group, the prefix of its internal topics
 * and of its transactional ids). The Kafka users of Compose and Kubernetes grant exactly this; a service that starts to
 * read or write another topic must be declared here first, or its user cannot reach it.
 *
 * @param user the Kafka user (SCRAM) the service authenticates as; also the service's name
 * @param reads topics it consumes
 * @param writes topics it produces to
 * @param groupPrefix prefix of the consumer groups it joins outside Kafka Streams, or null for none
 * @param streamsApplicationId its Kafka Streams application id, or null when it runs no Kafka Streams
 */
public record KafkaAccess(
        String user, List<Topic> reads, List<Topic> writes, String groupPrefix, String streamsApplicationId) {

    /** Webhooks, Event Hubs and pollers in; the seen-index and the poll cursors are rebuilt from its own topics. */
    public static final KafkaAccess HEALTH_INGEST = new KafkaAccess(
            "health-ingest",
            List.of(Topics.HEALTH_EVENTS, Topics.INGEST_CURSORS),
            List.of(Topics.HEALTH_EVENTS, Topics.HEALTH_EVENTS_DLQ, Topics.INGEST_CURSORS, Topics.PROVIDER_LOCATIONS),
            null,
            null);

    /**
     * Opens decisions; status-api records people's actions on them, the notifier automated steps' starts and outcomes.
     */
    public static final KafkaAccess INCIDENT_CORRELATOR = new KafkaAccess(
            "incident-correlator",
            List.of(
                    Topics.CATALOG,
                    Topics.HEALTH_EVENTS,
                    Topics.DR_DECISIONS,
                    Topics.DRILLS,
                    Topics.PROVIDER_LOCATIONS,
                    Topics.AUTOMATION_READINESS),
            List.of(
                    Topics.HEALTH_EVENTS_DLQ,
                    Topics.COMPONENT_STATUS,
                    Topics.INCIDENTS,
                    Topics.DR_DECISIONS,
                    Topics.HANDOVERS,
                    Topics.FEASIBILITY,
                    Topics.AUDIT,
                    Topics.DRILLS),
            null,
            "stormwatch-incident-correlator");

    /**
     * Reads the catalog (it holds the channels' addresses) and the feasibility reports (a readiness drop pages the DR
     * lead); writes pages, acknowledgements and their audit. It runs automated recovery steps too: their call ledger,
     * and the start and outcome of those steps on dr-decisions.v1 (the same events a person's start and decision are),
     * in the group of the instance holding the ledger's lease.
     */
    public static final KafkaAccess NOTIFIER = new KafkaAccess(
            "notifier",
            List.of(
                    Topics.CATALOG,
                    Topics.INCIDENTS,
                    Topics.DR_DECISIONS,
                    Topics.HANDOVERS,
                    Topics.ACKS,
                    Topics.NOTIFICATIONS,
                    Topics.STEP_ACTIONS,
                    Topics.FEASIBILITY),
            List.of(
                    Topics.ACKS,
                    Topics.NOTIFICATIONS,
                    Topics.AUDIT,
                    Topics.DR_DECISIONS,
                    Topics.STEP_ACTIONS,
                    Topics.AUTOMATION_READINESS),
            "stormwatch-notifier-step-actions",
            "stormwatch-notifier");

    /** Read models over everything people see; writes the catalog, people's decisions, drills, subscriptions, audit. */
    public static final KafkaAccess STATUS_API = new KafkaAccess(
            "status-api",
            List.of(
                    Topics.CATALOG,
                    Topics.COMPONENT_STATUS,
                    Topics.INCIDENTS,
                    Topics.DR_DECISIONS,
                    Topics.HANDOVERS,
                    Topics.ACKS,
                    Topics.NOTIFICATIONS,
                    Topics.AUDIT,
                    Topics.FEASIBILITY,
                    Topics.SUBSCRIPTIONS,
                    Topics.DRILLS),
            List.of(Topics.CATALOG, Topics.DR_DECISIONS, Topics.AUDIT, Topics.SUBSCRIPTIONS, Topics.DRILLS),
            "status-api.subscription.",
            null);

    /** Every service, in the order of the deployments. */
    public static final List<KafkaAccess> ALL = List.of(HEALTH_INGEST, INCIDENT_CORRELATOR, NOTIFIER, STATUS_API);

    public KafkaAccess {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }

    public static KafkaAccess of(String user) {
        return ALL.stream()
                .filter(a -> a.user.equals(user))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka access declared for " + user));
    }

    /** Names of the topics it reads. */
    public Set<String> readNames() {
        Set<String> names = new TreeSet<>();
        reads.forEach(t -> names.add(t.name()));
        return names;
    }

    /** Names of the topics it writes. */
    public Set<String> writeNames() {
        Set<String> names = new TreeSet<>();
        writes.forEach(t -> names.add(t.name()));
        return names;
    }

    /** Names of every topic it reads or writes. */
    public Set<String> topicNames() {
        Set<String> names = readNames();
        names.addAll(writeNames());
        return names;
    }
}
