package dev.stormwatch.contracts.catalog;

import java.time.Duration;
import java.util.List;

/**
 * The platform as a whole: DR is invoked for it, not per component (docs/dr-process.md, "Recovery flows").
 *
 * @param strategy {@code redeploy}, {@code warm-spare} or {@code hot-spare}
 * @param rto recovery time objective, e.g. {@code 8h}
 * @param rpo recovery point objective, e.g. {@code 4h}
 * @param drLead contact id of the DR lead
 * @param escalationPolicy the default escalation policy for the platform's pages
 * @param drillInterval how long a platform may go without a completed drill (default 365d)
 * @param workingHours the contacts' working hours unless a contact says otherwise ({@link WorkingHours}; default
 *     {@link WorkingHours#DEFAULT}), each in the contact's own zone
 */
public record Platform(
        String id,
        String name,
        String primaryRegion,
        String secondaryRegion,
        String strategy,
        String rto,
        String rpo,
        List<String> subscriptions,
        String drLead,
        String escalationPolicy,
        String drillInterval,
        String workingHours) {

    public Platform {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }

    /** A platform whose contacts work {@link WorkingHours#DEFAULT} unless they say otherwise. */
    public Platform(
            String id,
            String name,
            String primaryRegion,
            String secondaryRegion,
            String strategy,
            String rto,
            String rpo,
            List<String> subscriptions,
            String drLead,
            String escalationPolicy,
            String drillInterval) {
        this(
                id,
                name,
                primaryRegion,
                secondaryRegion,
                strategy,
                rto,
                rpo,
                subscriptions,
                drLead,
                escalationPolicy,
                drillInterval,
                null);
    }

    public Duration rtoDuration() {
        return DurationText.parse(rto);
    }

    public Duration rpoDuration() {
        return rpo == null ? null : DurationText.parse(rpo);
    }

    public Duration drillIntervalDuration() {
        return drillInterval == null ? Duration.ofDays(365) : DurationText.parse(drillInterval);
    }

    public Strategy strategyKind() {
        return Strategy.of(strategy);
    }
}
