package dev.stormwatch.status.drill;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * A drill's or a real DR run's report as a document for people: every value already worded and formatted, so that the
 * page and the downloadable file (one Qute template) say exactly the same, and the business stakeholders can sign it
 * off. {@code run} is true for a real DR run: no drill banner, and the recovery time runs from DR invoked to the
 * business sign-off.
 */
@TemplateData
public record DrillDocument(
        boolean run,
        String title,
        String drillId,
        String platformId,
        String platformName,
        String incidentId,
        String state,
        String startedBy,
        String startedAt,
        String note,
        String drInvokedBy,
        String drInvokedAt,
        String rto,
        List<TimelineLine> timeline,
        List<StepRow> steps,
        Totals totals,
        String expectedCriticalPath,
        String criticalPathAsRun,
        List<EvidenceRow> evidence,
        String businessSignoff,
        String measurements,
        String measurementsClass,
        String generatedAt,
        boolean page) {

    /** One moment of the drill, in time order. */
    @TemplateData
    public record TimelineLine(String at, String what, String who) {}

    /** One runbook step: expected beside actual; {@code overrunClass} is {@code over} when it took longer. */
    @TemplateData
    public record StepRow(
            int runOrder,
            String component,
            String step,
            String parallelGroup,
            String expected,
            String actual,
            String overrun,
            String overrunClass,
            String started,
            String completed,
            String evidence,
            int attempts,
            String flags) {}

    /**
     * The plan's totals against the RTO, and the verdict in words; {@code recoveryTime} is DR invoked to business
     * sign-off (empty until signed off).
     */
    @TemplateData
    public record Totals(
            String expected,
            String actual,
            String measuredPlan,
            String rto,
            String verdict,
            String verdictClass,
            String recoveryTime) {}

    /** One audit record of the drill: who did what, when, on what evidence. */
    @TemplateData
    public record EvidenceRow(String at, String actor, String action, String subject, String detail, String source) {}
}
