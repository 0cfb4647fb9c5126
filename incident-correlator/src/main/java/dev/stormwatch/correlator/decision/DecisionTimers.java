package dev.stormwatch.correlator.decision;

import dev.stormwatch.contracts.catalog.DurationText;
import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.decision.DecisionKind;
import dev.stormwatch.contracts.decision.DecisionState;
import dev.stormwatch.correlator.platform.DecisionRecord;
import dev.stormwatch.correlator.platform.IncidentDraft;
import dev.stormwatch.correlator.platform.PlatformWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The clocks on open decisions, checked on every tick:
 *
 * <ul>
 *   <li>{@code invoke-dr} (unless raised with the RTO already at risk): reminders before the deadline as configured (a
 *       percentage of the time to decide, or a duration before the deadline), each a new snapshot with
 *       {@code remindersSent} + 1; at the deadline it expires, is escalated in the audit trail, and the flow raises it
 *       again as "RTO at risk";
 *   <li>{@code recovery-step}: past its expected finish, escalated once to the step's escalation point.
 * </ul>
 */
public final class DecisionTimers {

    private final DrFlow flow;
    private final List<String> reminders;

    public DecisionTimers(DrFlow flow, List<String> reminders) {
        this.flow = flow;
        this.reminders = List.copyOf(reminders);
        reminderTimes(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofHours(1)));
    }

    public void tick(PlatformWork work) {
        Instant now = work.now();
        for (DecisionRecord record : List.copyOf(work.view().decisions())) {
            Decision d = record.decision();
            if (!d.isOpen() || d.deadline() == null) {
                continue;
            }
            if (d.kind() == DecisionKind.INVOKE_DR && !d.rtoAtRisk()) {
                invokeDr(work, record, now);
            } else if (d.kind() == DecisionKind.RECOVERY_STEP
                    && !record.overdueEscalated()
                    && !now.isBefore(d.deadline())) {
                work.remember(record.escalated());
                work.audit(
                        "recovery-step-overdue",
                        d.id(),
                        "step " + d.step().runOrder() + " (" + d.step().step() + ") was expected done by "
                                + d.deadline() + "; escalate to " + d.step().escalation(),
                        d.drill());
            }
        }
        flow.onTick(work);
    }

    /**
     * The earliest instant {@link #tick} has something to do for one of {@code decisions}: the next reminder or the
     * deadline of an open invoke-dr, the expected finish of a recovery step not yet escalated; null when none.
     */
    public Instant nextDue(Collection<DecisionRecord> decisions) {
        Instant next = null;
        for (DecisionRecord record : decisions) {
            Decision d = record.decision();
            if (!d.isOpen() || d.deadline() == null) {
                continue;
            }
            Instant at = null;
            if (d.kind() == DecisionKind.INVOKE_DR && !d.rtoAtRisk()) {
                List<Instant> times = reminderTimes(d.raisedAt(), d.deadline());
                at = d.remindersSent() < times.size() ? times.get(d.remindersSent()) : d.deadline();
            } else if (d.kind() == DecisionKind.RECOVERY_STEP && !record.overdueEscalated()) {
                at = d.deadline();
            }
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    private void invokeDr(PlatformWork work, DecisionRecord record, Instant now) {
        Decision d = record.decision();
        List<Instant> times = reminderTimes(d.raisedAt(), d.deadline());
        while (d.remindersSent() < times.size()
                && !now.isBefore(times.get(d.remindersSent()))
                && now.isBefore(d.deadline())) {
            d = d.reminded();
            work.decision(record.with(d));
            work.audit(
                    "decision-reminder",
                    d.id(),
                    "reminder " + d.remindersSent() + ": decide by " + d.deadline() + " ("
                            + DurationText.format(Duration.between(now, d.deadline())) + " left)",
                    d.drill());
        }
        if (!now.isBefore(d.deadline())) {
            Decision expired = d.closed(
                    DecisionState.EXPIRED,
                    "incident-correlator",
                    now,
                    "no decision by the deadline " + d.deadline(),
                    null);
            DecisionRecord after = record.with(expired);
            work.decision(after);
            work.audit(
                    "decision-expired-escalated",
                    d.id(),
                    "nobody decided invoke-dr by " + d.deadline()
                            + " after " + d.remindersSent() + " reminders; escalate past the DR lead"
                            + (work.catalog() == null
                                    ? ""
                                    : " " + work.catalog().catalog().platform().drLead())
                            + "; DR can still be invoked, with the RTO at risk",
                    d.drill());
            IncidentDraft incident = work.incident(d.incidentId());
            if (incident != null) {
                incident.cause(d.id());
                incident.note(now, "invoke-dr expired without a decision: escalated", d.id());
            }
            flow.afterExpiry(work, after);
        }
    }

    /** When reminders go out for a decision raised at {@code raised} with {@code deadline}, in time order. */
    List<Instant> reminderTimes(Instant raised, Instant deadline) {
        TreeSet<Instant> times = new TreeSet<>();
        long window = Duration.between(raised, deadline).toMillis();
        for (String spec : reminders) {
            String s = spec.trim().toLowerCase(Locale.ROOT);
            Instant at;
            if (s.endsWith("%")) {
                double share = Double.parseDouble(s.substring(0, s.length() - 1)) / 100.0;
                if (share <= 0 || share >= 1) {
                    throw new IllegalArgumentException("stormwatch.correlator.decisions.reminders: '" + spec
                            + "' must be a percentage between 0% and 100% of the time to decide");
                }
                at = raised.plusMillis(Math.round(window * share));
            } else {
                Duration before;
                try {
                    before = DurationText.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("stormwatch.correlator.decisions.reminders: '" + spec
                            + "' is neither a percentage (50%) nor a duration before the deadline (15m)");
                }
                at = deadline.minus(before);
            }
            if (at.isAfter(raised) && at.isBefore(deadline)) {
                times.add(at);
            }
        }
        return new ArrayList<>(times);
    }
}
