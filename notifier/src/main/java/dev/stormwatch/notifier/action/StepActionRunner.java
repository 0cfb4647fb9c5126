package dev.stormwatch.notifier.action;

import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.action.StepActionEntry;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.RecoveryStep;
import dev.stormwatch.contracts.catalog.StepAction;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.contracts.decision.StepStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Runs automated recovery steps. When a recovery-step decision whose catalog step names an action is open (and the
 * steps before it are done, or a person started it where the catalog requires approval), it starts the step
 * ({@code step-started} on dr-decisions.v1, as a person's start), writes {@code intended} to the ledger and waits for
 * Kafka's acknowledgement, calls the action once with the decision id as idempotency key, and writes {@code called}.
 * The outcome arrives as a signed callback to status-api (which completes or fails the decision) or, for GitHub and
 * Azure DevOps, from polling the run; no outcome within the step's timeout fails the step. Completing or failing is a
 * {@code decision-taken} on dr-decisions.v1 of the same shape as a person's, so the correlator moves the run on (a
 * failed step goes to its failure process and escalation point) and reports cover automated steps too.
 *
 * <p>After a crash the ledger decides: {@code called} is never called again; {@code intended} alone is called again
 * with the same key (the call may have reached the target before the crash; targets de-duplicate by the key). One
 * instance runs the steps at a time: the one the consumer group gives the ledger's single partition to; and it makes
 * one call at a time, waiting for each answer, so a step is never called twice at once (a retry comes only after the
 * previous attempt's answer or timeout).
 */
public final class StepActionRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StepActionRunner.class);
    static final String SOURCE = "/stormwatch/notifier";
    static final String ACTOR = "notifier";

    /**
     * @param tick how often open steps are looked at
     * @param pollEvery how often a GitHub or Azure DevOps run's status is read
     * @param retryEvery wait before calling again after a call that may succeed later (no answer, 5xx, 429)
     * @param group the consumer group whose member holding the ledger's partition runs the steps
     */
    public record Settings(Duration tick, Duration pollEvery, Duration retryEvery, String group) {}

    private final Settings settings;
    private final ActionTargets targets;
    private final Clock clock;
    private final StepActionBook book = new StepActionBook();
    private final KafkaConsumer<String, byte[]> state;
    private final KafkaConsumer<String, byte[]> lease;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private final Set<String> startsWritten = new HashSet<>();
    private final Map<String, Instant> notBefore = new HashMap<>();
    private volatile boolean running = true;
    private volatile boolean leader;
    private Map<TopicPartition, Long> catchUpTo;

    /** @param connection the Kafka connection settings ({@link dev.stormwatch.contracts.kafka.KafkaConnection}) */
    StepActionRunner(Map<String, Object> connection, Settings settings, ActionTargets targets, Clock clock) {
        this.settings = settings;
        this.targets = targets;
        this.clock = clock;
        Map<String, Object> c = new HashMap<>(connection);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.state = new KafkaConsumer<>(new HashMap<>(c), new StringDeserializer(), new ByteArrayDeserializer());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        this.lease = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> p = new HashMap<>(connection);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "notifier-step-actions");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True while this instance holds the lease and has read every topic to its end. */
    public boolean active() {
        return leader && catchUpTo != null && catchUpTo.isEmpty();
    }

    private void run() {
        try {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic :
                    List.of(Topics.CATALOG.name(), Topics.DR_DECISIONS.name(), Topics.STEP_ACTIONS.name())) {
                state.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            }
            state.assign(parts);
            state.seekToBeginning(parts);
            catchUpTo = new HashMap<>(state.endOffsets(parts));
            catchUpTo.values().removeIf(end -> end == 0);
            lease.subscribe(List.of(Topics.STEP_ACTIONS.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    leader = false;
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    leader = !partitions.isEmpty();
                    if (leader) {
                        LOG.info("this notifier runs the automated recovery steps");
                    }
                }
            });
            while (running) {
                // The lease consumer only keeps the membership; what it reads is read by the state consumer.
                lease.poll(Duration.ofMillis(20));
                for (ConsumerRecord<String, byte[]> r : state.poll(settings.tick())) {
                    apply(r);
                }
                if (catchUpTo != null && !catchUpTo.isEmpty()) {
                    catchUpTo.entrySet().removeIf(e -> state.position(e.getKey()) >= e.getValue());
                }
                if (active()) {
                    act();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "the automated recovery steps stopped: %s", e.getMessage());
        } finally {
            lease.close(Duration.ofSeconds(5));
            state.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        CloudEvent event;
        try {
            event = r.value() == null ? null : JsonCodec.fromJson(r.value(), CloudEvent.class);
            if (r.topic().equals(Topics.CATALOG.name())) {
                book.catalog(r.key(), event);
            } else if (r.topic().equals(Topics.DR_DECISIONS.name())) {
                book.decision(r.key(), event);
            } else {
                book.ledger(r.key(), event);
            }
        } catch (RuntimeException e) {
            // Other services own these topics and dead-letter what they cannot read; here it is only skipped, and said.
            LOG.warnf("step runner skipped %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private void act() {
        Instant now = clock.instant();
        for (Decision d : book.openSteps()) {
            // Calls are made one at a time on this thread, each waiting for its answer; between them the lease is
            // renewed, and an instance that lost it stops before calling anything more (the new holder takes over).
            lease.poll(Duration.ZERO);
            if (!leader) {
                return;
            }
            RecoveryStep step = book.step(d).orElse(null);
            StepAction action = step == null ? null : step.action();
            if (action == null || now.isBefore(notBefore.getOrDefault(d.id(), Instant.MIN))) {
                continue;
            }
            StepActionEntry entry = book.entry(d.id()).orElse(null);
            Duration timeout = action.timeoutOr(step.plannedDuration());
            if (entry == null) {
                if (book.failedBefore(d)) {
                    continue;
                }
                if (d.startedAt() == null && !startsWritten.contains(d.id())) {
                    if (action.approvalRequired() || !book.prerequisitesDone(d)) {
                        continue;
                    }
                    startStep(d, now);
                }
                entry = new StepActionEntry(
                        d.id(),
                        d.id(),
                        d.platformId(),
                        d.incidentId(),
                        d.step().componentId(),
                        d.step().step(),
                        action.kind(),
                        StepActionEntry.INTENDED,
                        now,
                        null,
                        null,
                        null,
                        action.approvalRequired() && d.startedBy() != null ? "approved by " + d.startedBy() : null,
                        d.drill());
                ledger(entry);
                call(d, action, entry, now, timeout);
            } else if (StepActionEntry.INTENDED.equals(entry.phase())) {
                call(d, action, entry, now, timeout);
            } else if (StepActionEntry.CALLED.equals(entry.phase())) {
                if (!now.isBefore(entry.calledAt().plus(timeout))) {
                    fail(
                            d,
                            entry,
                            StepActionEntry.TIMED_OUT,
                            "no outcome within "
                                    + timeout.toString().substring(2).toLowerCase() + " of the call",
                            now,
                            step);
                } else if (action.polled() && entry.runUrl() != null) {
                    notBefore.put(d.id(), now.plus(settings.pollEvery()));
                    ActionTargets.RunStatus status = targets.poll(action, entry.runUrl());
                    if (status != null && status.succeeded() != null) {
                        if (status.succeeded()) {
                            succeed(d, entry, status.evidence(), now);
                        } else {
                            fail(d, entry, StepActionEntry.FAILED, status.evidence(), now, step);
                        }
                    }
                }
            }
        }
    }

    private void startStep(Decision d, Instant now) {
        StepStarted started = new StepStarted(d.id(), d.platformId(), "automation:" + ACTOR, now, "automation");
        send(new ProducerRecord<>(
                Topics.DR_DECISIONS.name(),
                d.id(),
                JsonCodec.toBytes(JsonCodec.envelope(
                        "step-started:" + d.id() + ":" + d.version(),
                        EventTypes.STEP_STARTED,
                        SOURCE,
                        d.id(),
                        now,
                        d.drill(),
                        started))));
        startsWritten.add(d.id());
    }

    private void call(Decision d, StepAction action, StepActionEntry intended, Instant now, Duration timeout) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("decisionId", d.id());
        context.put("platformId", d.platformId());
        context.put("incidentId", d.incidentId());
        context.put("componentId", d.step().componentId());
        context.put("step", d.step().step());
        context.put("runOrder", d.step().runOrder());
        context.put("validation", d.step().validation());
        context.put("drill", d.drill());
        context.put("startedBy", d.startedBy());
        Object result = targets.call(action, intended.key(), context);
        Instant after = clock.instant();
        if (result instanceof ActionTargets.Accepted accepted) {
            StepActionEntry called = intended.called(after, accepted.runUrl(), accepted.detail());
            ledger(called);
            audit(
                    d,
                    after,
                    "step-action-called",
                    action.kind() + " called for step " + d.step().runOrder() + " ("
                            + d.step().step() + ") with idempotency key " + intended.key() + ": " + accepted.detail()
                            + (intended.detail() == null ? "" : "; " + intended.detail()));
            if (action.polled()) {
                notBefore.put(d.id(), after.plus(settings.pollEvery()));
            }
            return;
        }
        ActionTargets.Refused refused = (ActionTargets.Refused) result;
        RecoveryStep step = book.step(d).orElseThrow();
        if (!refused.retryable()) {
            fail(d, intended, StepActionEntry.FAILED, "the call was refused: " + refused.reason(), after, step);
        } else if (!after.isBefore(intended.at().plus(timeout))) {
            fail(
                    d,
                    intended,
                    StepActionEntry.TIMED_OUT,
                    "the call did not go through within " + timeout + ": " + refused.reason(),
                    after,
                    step);
        } else {
            LOG.warnf(
                    "step action %s not called yet (%s); again in %s",
                    intended.key(), refused.reason(), settings.retryEvery());
            notBefore.put(d.id(), after.plus(settings.retryEvery()));
        }
    }

    private void succeed(Decision d, StepActionEntry entry, String evidence, Instant now) {
        ledger(entry.outcome(now, StepActionEntry.SUCCEEDED, evidence));
        take(d, DecisionState.APPROVED, "the automated step succeeded (" + entry.kind() + ")", evidence, now);
    }

    private void fail(Decision d, StepActionEntry entry, String result, String why, Instant now, RecoveryStep step) {
        ledger(entry.outcome(now, result, why));
        take(
                d,
                DecisionState.DECLINED,
                "the automated step " + (StepActionEntry.TIMED_OUT.equals(result) ? "timed out" : "failed") + ": "
                        + why,
                null,
                now);
        audit(
                d,
                now,
                "step-action-failed",
                "step " + d.step().runOrder() + " (" + d.step().step() + ") " + result + ": " + why
                        + "; failure process: " + (step.onFailure() == null ? "none written" : step.onFailure())
                        + "; escalate to "
                        + (step.escalation() == null ? "the DR lead" : step.escalation()));
    }

    /**
     * Completes or fails the step as a person would: decision-taken on dr-decisions.v1, which the correlator applies.
     */
    private void take(Decision d, DecisionState outcome, String reason, String evidence, Instant now) {
        Decision taken = d.taken(outcome, "automation:" + ACTOR, now, reason, evidence);
        send(new ProducerRecord<>(
                Topics.DR_DECISIONS.name(),
                d.id(),
                JsonCodec.toBytes(JsonCodec.envelope(
                        "decision-taken:" + d.id() + ":automation",
                        EventTypes.DECISION_TAKEN,
                        SOURCE,
                        d.id(),
                        now,
                        d.drill(),
                        taken))));
        book.decision(
                d.id(), JsonCodec.envelope("local", EventTypes.DECISION_TAKEN, SOURCE, d.id(), now, d.drill(), taken));
    }

    private void ledger(StepActionEntry entry) {
        send(new ProducerRecord<>(
                Topics.STEP_ACTIONS.name(),
                entry.key(),
                JsonCodec.toBytes(JsonCodec.envelope(
                        "step-action:" + entry.key() + ":" + entry.phase(),
                        EventTypes.STEP_ACTION,
                        SOURCE,
                        entry.decisionId(),
                        entry.at(),
                        entry.drill(),
                        entry))));
        book.record(entry);
    }

    private void audit(Decision d, Instant at, String what, String detail) {
        send(new ProducerRecord<>(
                Topics.AUDIT.name(),
                d.platformId(),
                JsonCodec.toBytes(JsonCodec.envelope(
                        "audit:" + what + ":" + d.id(),
                        EventTypes.AUDIT,
                        SOURCE,
                        d.id(),
                        at,
                        d.drill(),
                        new AuditRecord(d.platformId(), at, ACTOR, what, d.id(), detail, d.drill())))));
    }

    /** Writes and waits for Kafka's acknowledgement: the ledger's promise rests on the write being durable first. */
    private void send(ProducerRecord<String, byte[]> record) {
        String topic = record.topic();
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not confirm the write to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        state.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
