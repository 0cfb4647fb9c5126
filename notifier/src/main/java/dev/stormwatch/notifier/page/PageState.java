package dev.stormwatch.notifier.page;

import dev.stormwatch.contracts.decision.Decision;
import dev.stormwatch.contracts.incident.Incident;
import dev.stormwatch.contracts.page.Ack;
import java.time.Instant;
import java.util.List;

/**
 * The page of one subject (incident or decision), the value of the {@code pages} store keyed by subject id.
 *
 * @param pass the current pass through the escalation policy (the {@code .r} of page ids); it only grows
 * @param runStartPass the pass that started the current run: a severity increase starts a new run, and the policy's
 *     {@code repeat} counts passes from here
 * @param level the last level paged in the current pass, 0 before the first
 * @param levelAt when that level was paged
 * @param nextAt when the next level (or pass) is due; null when nothing is pending
 * @param paged everyone paged in the current run
 * @param ack the acknowledgement that stopped the current run
 * @param fingerprint what the subject said last time, to tell a real update from a duplicate
 * @param purgeAt when a closed page may be forgotten
 * @param maintenance the incident is planned maintenance only: its messages wait for each recipient's working hours
 * @param readiness for a readiness page: what its messages say (the platform's readiness findings when it was paged)
 */
public record PageState(
        String subjectId,
        SubjectKind kind,
        String platformId,
        PageStatus status,
        Incident incident,
        Decision decision,
        String policyId,
        int pass,
        int runStartPass,
        int level,
        Instant levelAt,
        Instant nextAt,
        List<Paged> paged,
        Ack ack,
        String fingerprint,
        int reminders,
        boolean drill,
        Instant purgeAt,
        boolean maintenance,
        Brief readiness) {

    public PageState {
        paged = paged == null ? List.of() : List.copyOf(paged);
    }

    /** When this page next needs attention from the timer: escalation or purge. */
    public Instant dueAt() {
        if (status == PageStatus.CLOSED) {
            return purgeAt;
        }
        return status == PageStatus.OPEN ? nextAt : null;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-with for the lifecycle's transitions. */
    static final class Builder {
        String subjectId;
        SubjectKind kind;
        String platformId;
        PageStatus status;
        Incident incident;
        Decision decision;
        String policyId;
        int pass;
        int runStartPass;
        int level;
        Instant levelAt;
        Instant nextAt;
        List<Paged> paged;
        Ack ack;
        String fingerprint;
        int reminders;
        boolean drill;
        Instant purgeAt;
        boolean maintenance;
        Brief readiness;

        Builder() {
            paged = List.of();
        }

        Builder(PageState s) {
            subjectId = s.subjectId;
            kind = s.kind;
            platformId = s.platformId;
            status = s.status;
            incident = s.incident;
            decision = s.decision;
            policyId = s.policyId;
            pass = s.pass;
            runStartPass = s.runStartPass;
            level = s.level;
            levelAt = s.levelAt;
            nextAt = s.nextAt;
            paged = s.paged;
            ack = s.ack;
            fingerprint = s.fingerprint;
            reminders = s.reminders;
            drill = s.drill;
            purgeAt = s.purgeAt;
            maintenance = s.maintenance;
            readiness = s.readiness;
        }

        PageState build() {
            return new PageState(
                    subjectId,
                    kind,
                    platformId,
                    status,
                    incident,
                    decision,
                    policyId,
                    pass,
                    runStartPass,
                    level,
                    levelAt,
                    nextAt,
                    paged,
                    ack,
                    fingerprint,
                    reminders,
                    drill,
                    purgeAt,
                    maintenance,
                    readiness);
        }
    }
}
