package dev.stormwatch.correlator.platform;

import java.time.Instant;

/**
 * A platform's DR state, one per platform in the {@code platform-runs} store.
 *
 * @param episodeIncidentId the incident whose outage opened the current DR episode
 * @param episodeImpactStart when that outage started: the {@code invoke-dr} deadline counts from here
 * @param drApprovedAt when {@code invoke-dr} was approved: recovery-step deadlines count from here
 * @param providerResolved the provider resolved the episode's primary-region impact
 * @param fallbackRetryAt a declined fallback is put forward again at this instant
 * @param catalogFingerprint the catalog the last feasibility report was made from
 * @param lastPruneAt when the stores were last pruned for this platform
 */
public record PlatformRun(
        String platformId,
        DrMode mode,
        String episodeIncidentId,
        Instant episodeImpactStart,
        Instant drApprovedAt,
        boolean providerResolved,
        Instant fallbackRetryAt,
        String catalogFingerprint,
        Instant lastPruneAt) {

    public static PlatformRun start(String platformId, Instant now) {
        return new PlatformRun(platformId, DrMode.NORMAL, null, null, null, false, null, null, now);
    }

    public PlatformRun withMode(DrMode next) {
        return new PlatformRun(
                platformId,
                next,
                episodeIncidentId,
                episodeImpactStart,
                drApprovedAt,
                providerResolved,
                fallbackRetryAt,
                catalogFingerprint,
                lastPruneAt);
    }

    public PlatformRun withEpisode(String incidentId, Instant impactStart) {
        return new PlatformRun(
                platformId,
                DrMode.DECIDING,
                incidentId,
                impactStart,
                null,
                false,
                null,
                catalogFingerprint,
                lastPruneAt);
    }

    public PlatformRun withEpisodeImpactStart(Instant impactStart) {
        return new PlatformRun(
                platformId,
                mode,
                episodeIncidentId,
                impactStart,
                drApprovedAt,
                providerResolved,
                fallbackRetryAt,
                catalogFingerprint,
                lastPruneAt);
    }

    public PlatformRun withDrApproved(Instant at) {
        return new PlatformRun(
                platformId,
                DrMode.RECOVERING,
                episodeIncidentId,
                episodeImpactStart,
                at,
                providerResolved,
                fallbackRetryAt,
                catalogFingerprint,
                lastPruneAt);
    }

    public PlatformRun withProviderResolved() {
        return new PlatformRun(
                platformId,
                mode,
                episodeIncidentId,
                episodeImpactStart,
                drApprovedAt,
                true,
                fallbackRetryAt,
                catalogFingerprint,
                lastPruneAt);
    }

    public PlatformRun withFallbackRetryAt(Instant at) {
        return new PlatformRun(
                platformId,
                mode,
                episodeIncidentId,
                episodeImpactStart,
                drApprovedAt,
                providerResolved,
                at,
                catalogFingerprint,
                lastPruneAt);
    }

    public PlatformRun withCatalogFingerprint(String fingerprint) {
        return new PlatformRun(
                platformId,
                mode,
                episodeIncidentId,
                episodeImpactStart,
                drApprovedAt,
                providerResolved,
                fallbackRetryAt,
                fingerprint,
                lastPruneAt);
    }

    public PlatformRun withLastPruneAt(Instant at) {
        return new PlatformRun(
                platformId,
                mode,
                episodeIncidentId,
                episodeImpactStart,
                drApprovedAt,
                providerResolved,
                fallbackRetryAt,
                catalogFingerprint,
                at);
    }

    /** The episode is over: back to normal operation in the primary region. */
    public PlatformRun episodeEnded() {
        return new PlatformRun(
                platformId, DrMode.NORMAL, null, null, null, false, null, catalogFingerprint, lastPruneAt);
    }
}
