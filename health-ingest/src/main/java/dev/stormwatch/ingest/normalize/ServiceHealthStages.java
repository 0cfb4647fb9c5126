package dev.stormwatch.ingest.normalize;

import dev.stormwatch.contracts.health.HealthEventKind;
import dev.stormwatch.contracts.health.HealthStage;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The stage rules every Service Health source shares, beyond the provider's own status word.
 *
 * <ul>
 *   <li>A post-incident review is recognised by its title ("Post Incident Review (PIR) – …", also
 *       "Preliminary"/"Final") or by an article that is one (opens as a PIR or carries its "What went wrong and why?"
 *       section), not only by the PIR tags newer API versions add: recent events have no tags.
 *   <li>Planned maintenance is {@code planned} until its impact start, {@code active} while it runs, and
 *       {@code complete} once finished (resolved, or its end passed); never {@code resolved}.
 * </ul>
 */
public final class ServiceHealthStages {

    private static final Pattern PIR_TITLE = Pattern.compile(
            "^\\W*(preliminary |final )?(post[- ]incident review|\\(?pir\\)?)( \\(pir\\))?\\s*([-–—:|]|$)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PIR_ARTICLE = Pattern.compile(
            "^\\W*(preliminary |final )?post[- ]incident review|what went wrong and why\\?", Pattern.CASE_INSENSITIVE);

    private ServiceHealthStages() {}

    /** True when the title or article text is a post-incident review. */
    public static boolean isPir(String title, String articleText) {
        if (title != null && PIR_TITLE.matcher(title.trim()).find()) {
            return true;
        }
        return articleText != null && PIR_ARTICLE.matcher(articleText.trim()).find();
    }

    /**
     * The stage once kind, PIR and maintenance times are taken into account; {@code now} is when the provider's data
     * was read (the poll, or the alert's own time).
     */
    public static HealthStage refine(
            HealthStage stage,
            HealthEventKind kind,
            boolean pir,
            Instant impactStart,
            Instant impactMitigation,
            Instant now) {
        if (kind == HealthEventKind.PLANNED_MAINTENANCE) {
            if (stage == HealthStage.RESOLVED || stage == HealthStage.COMPLETE || stage == HealthStage.RCA) {
                return HealthStage.COMPLETE;
            }
            if (now != null && impactMitigation != null && !impactMitigation.isAfter(now)) {
                return HealthStage.COMPLETE;
            }
            if (now != null && impactStart != null && impactStart.isAfter(now)) {
                return HealthStage.PLANNED;
            }
            return stage == HealthStage.PLANNED && (impactStart == null || now == null)
                    ? HealthStage.PLANNED
                    : HealthStage.ACTIVE;
        }
        if (pir && stage != HealthStage.PLANNED) {
            return HealthStage.RCA;
        }
        return stage;
    }
}
