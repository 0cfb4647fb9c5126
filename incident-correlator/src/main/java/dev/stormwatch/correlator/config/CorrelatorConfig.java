package dev.stormwatch.correlator.config;

import dev.stormwatch.contracts.feasibility.FeasibilityReport;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the incident correlator: {@code stormwatch.correlator.*}, or as environment variables
 * {@code STORMWATCH_CORRELATOR_*}. The defaults are written here only.
 */
@ConfigMapping(prefix = "stormwatch.correlator")
public interface CorrelatorConfig {

    /**
     * Partitions of the internal topic that carries each platform's work, keyed by platform id: the most correlator
     * instances that can share the platforms. Defaults to {@code 6}.
     */
    @WithDefault("6")
    int platformPartitions();

    /**
     * Where the state stores keep their data between commits: {@code persistent} (RocksDB on local disk, quick to
     * restart) or {@code in-memory} (rebuilt from the changelog topics at every start, no disk flush per commit). Both
     * are changelog-backed. Defaults to {@code persistent}.
     */
    @WithDefault("persistent")
    StateStores stateStores();

    /**
     * How many platforms' views (catalog, statuses, events, incidents, decisions) each platform task keeps in memory
     * between inputs. Beyond it the least recently used is dropped and read again from the stores when the platform
     * next has an input or a timer: a bound on the heap whatever the number of platforms, paid for with a store read
     * for platforms that have been quiet. Per task: an instance that owns every platform partition keeps up to this
     * many times {@link #platformPartitions()}. Defaults to 50.
     */
    @WithDefault("50")
    int platformViews();

    /** How the state stores hold their data locally. */
    enum StateStores {
        PERSISTENT,
        IN_MEMORY
    }

    Routing routing();

    Incidents incidents();

    Decisions decisions();

    Timers timers();

    Feasibility feasibility();

    Readiness readiness();

    /** Readiness of each platform to fail over now, checked beside its RTO feasibility. */
    interface Readiness {
        /**
         * How long after the last feasibility report readiness is checked again (a catalog change, a completed drill or
         * DR run check it at once); a changed verdict publishes a new report. Defaults to {@code 30m}.
         */
        @WithDefault("30m")
        Duration interval();

        /** How far ahead every role the plan needs must have someone not on leave. Defaults to {@code 7d}. */
        @WithDefault("7d")
        Duration leaveHorizon();
    }

    /** Which step durations the RTO feasibility check uses. */
    interface Feasibility {
        /**
         * {@code catalog-estimates} (expected + contingency of every step), {@code latest-drill} (the durations
         * measured in the platform's latest completed drill) or {@code worst-of-last-drills} (the longest of each step
         * over the last {@link #drillsConsidered()} completed drills). A step no drill used measured keeps its
         * estimate; with no completed drill at all, the check uses the estimates and says so. Any other value stops the
         * start naming the allowed ones. Defaults to {@code latest-drill}.
         */
        @WithDefault("latest-drill")
        Basis basis();

        /** Which step durations the feasibility check uses; {@link #wire()} is how its reports name it. */
        enum Basis {
            CATALOG_ESTIMATES(FeasibilityReport.BASIS_ESTIMATES),
            LATEST_DRILL(FeasibilityReport.BASIS_LATEST_DRILL),
            WORST_OF_LAST_DRILLS(FeasibilityReport.BASIS_WORST_OF_DRILLS);

            private final String wire;

            Basis(String wire) {
                this.wire = wire;
            }

            /** The name feasibility reports carry. */
            public String wire() {
                return wire;
            }
        }

        /** How many completed drills {@code worst-of-last-drills} looks at, newest first. Defaults to {@code 3}. */
        @WithDefault("3")
        int drillsConsidered();

        /**
         * A measured step that took less than this fraction of its estimate (expected + contingency) is flagged as more
         * likely clicked through than run; so is one completed without evidence. A drill or DR run with a flagged step
         * does not become the feasibility basis until a DR lead accepts its measurements. Defaults to {@code 0.25}.
         */
        @WithDefault("0.25")
        double suspectBelow();
    }

    /** How events find their platforms. */
    interface Routing {
        /**
         * How long an event that hits no platform is kept in case its platform's catalog arrives after it (a first
         * start with a backlog, a platform added while the provider reports). Defaults to {@code 10m}.
         */
        @WithDefault("10m")
        Duration unmatchedGrace();
    }

    /** How events become incidents. */
    interface Incidents {
        /**
         * Events with different tracking ids that hit the same region (or the same component in the same region) join
         * one incident when their impact starts lie within this window of each other. Defaults to {@code 2h}.
         */
        @WithDefault("2h")
        Duration groupingWindow();
    }

    /** DR decision points. */
    interface Decisions {
        /**
         * An outage of a component with this priority or a more important one (1 is the most important) in the primary
         * region raises {@code invoke-dr}. Defaults to {@code 1}.
         */
        @WithDefault("1")
        int invokeDrMaxPriority();

        /**
         * Reminders before the {@code invoke-dr} deadline: a percentage of the time to decide ({@code 50%}: half-way
         * from raising to the deadline) or a duration before the deadline ({@code 15m}). Defaults to {@code 50%,15m}.
         */
        @WithDefault("50%,15m")
        List<String> reminders();

        /**
         * After a declined fallback, how long until the fallback decision is put forward again. Defaults to
         * {@code 24h}.
         */
        @WithDefault("24h")
        Duration fallbackRetry();
    }

    /** Timers and housekeeping. */
    interface Timers {
        /**
         * How often reminders, deadlines and housekeeping are checked (wall-clock punctuation). Defaults to {@code 1s}.
         */
        @WithDefault("1s")
        Duration tick();

        /** How long a CloudEvent id is remembered to drop a re-delivered duplicate. Defaults to {@code 7d}. */
        @WithDefault("7d")
        Duration dedupRetention();

        /**
         * How long a closed incident, its events and its final decisions stay in the stores. Defaults to {@code 30d}.
         */
        @WithDefault("30d")
        Duration historyRetention();

        /** How often the stores are pruned of what the two retentions above let go. Defaults to {@code 1h}. */
        @WithDefault("1h")
        Duration pruneInterval();
    }
}
