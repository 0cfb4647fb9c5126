package dev.stormwatch.notifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The notifier's settings ({@code stormwatch.notifier.*}); every one can be given as an environment variable
 * ({@code STORMWATCH_NOTIFIER_*}). The defaults are written here only.
 */
@ConfigMapping(prefix = "stormwatch.notifier")
public interface NotifierConfig {

    /** Where people reach this notifier: the base of acknowledge links. */
    @WithDefault("http://localhost:8083")
    String publicUrl();

    /**
     * The secret status-api sends on the internal page API ({@code X-Stormwatch-Internal-Token}); status-api is given
     * the same value. Unset: the internal API refuses every call.
     */
    Optional<String> internalToken();

    Escalation escalation();

    Delivery delivery();

    Ack ack();

    Destinations destinations();

    /**
     * The start of every setting name a catalog's channel may give in {@code secretRef} (a webhook's signing secret) or
     * {@code addressRef} (a Teams, Slack or webhook URL that is itself a credential). A catalog naming any other
     * setting is refused, so that whoever publishes catalogs cannot point a channel at the acknowledge-link key or the
     * internal token; those two are never handed to a channel, whatever their name.
     */
    @WithDefault("STORMWATCH_WEBHOOK_")
    String channelSecretPrefix();

    Actions actions();

    Ledger ledger();

    /** The page ledger: every page sent and every acknowledgement, read from notifications.v1 and acks.v1. */
    interface Ledger {
        /**
         * How long a page and its acknowledgement are kept after their last record; defaults to notifications.v1's
         * retention.
         */
        Optional<Duration> retention();

        /** Pages (and acknowledgements) kept at most; beyond, the least recently written are forgotten. */
        @WithDefault("200000")
        int maxPages();
    }

    interface Escalation {

        /**
         * How often escalation timers, retries, folded messages and channels' answers are checked while a delivery is
         * in flight or something falls due before the next quiet tick. Short, because a channel's answer waits for it
         * to be recorded; the commits it causes come while the task is busy anyway.
         */
        @WithDefault("20ms")
        Duration tick();

        /**
         * How often a task with nothing in flight and nothing due sooner looks again. Kafka Streams commits after every
         * tick (an exactly-once transaction), so an idle notifier ticks at this pace rather than {@code tick}'s.
         */
        @WithDefault("1s")
        Duration quietTick();

        /** The escalation policy decisions use when the catalog has one by this name; else the platform's policy. */
        @WithDefault("dr-decisions")
        String decisionPolicy();

        /** How long a closed page is kept, to answer late acknowledgements and refuse replayed links. */
        @WithDefault("7d")
        Duration closedRetention();
    }

    interface Delivery {

        /** Bound on one attempt on one channel (connect, send, answer). */
        @WithDefault("5s")
        Duration timeout();

        /** Attempts on one channel before the contact's next channel. */
        @WithDefault("3")
        int maxAttemptsPerChannel();

        /** Wait after the first failed attempt; doubles after each further one. */
        @WithDefault("2s")
        Duration backoffInitial();

        /** Longest wait between attempts. */
        @WithDefault("60s")
        Duration backoffMax();

        /** Spread of each wait, ±this fraction, so that retries of many pages do not arrive together. */
        @WithDefault("0.2")
        double backoffJitter();

        /**
         * Per contact: the least time between two messages that are not new pages. Updates, resolutions and reminders
         * that arrive in between are folded into one message.
         */
        @WithDefault("60s")
        Duration minGap();

        /** Deliveries in flight per stream task; more wait for the next tick. */
        @WithDefault("256")
        int maxInFlight();
    }

    interface Ack {

        /**
         * Key of the HMAC that signs acknowledge links (at least 16 characters). Unset: a random key per start, and a
         * warning, because links then stop working after a restart.
         */
        Optional<String> secret();

        /** How long an acknowledge link works. */
        @WithDefault("24h")
        Duration ttl();

        /** Used links remembered at most (each for the link lifetime), to answer a second use "used already". */
        @WithDefault("100000")
        int maxUsedLinks();

        Refusals refusals();
    }

    /** Refused acknowledge links (forged, expired, used again): the link is public, so each refusal must stay cheap. */
    interface Refusals {

        /** Refusals a client (remote address) gets answered before 429. */
        @WithDefault("20")
        int burst();

        /** Refusals per minute a client gets back after the burst. */
        @WithDefault("20")
        int perMinute();

        /** Clients tracked at once; beyond it the least recently refused one is forgotten. */
        @WithDefault("10000")
        int maxClients();

        /** How often the refusals are written to the audit trail, one record per client. */
        @WithDefault("1m")
        Duration reportEvery();
    }

    interface Destinations {

        /**
         * Hosts (also {@code *.example.com}) and CIDR blocks the catalog may point channels at even though they are
         * internal (loopback, private, link-local). Local and test profiles allow loopback.
         */
        Optional<List<String>> allow();

        /** Whether public internet destinations are allowed; off, only the allow-list is. */
        @WithDefault("true")
        boolean allowPublic();

        /**
         * CIDR blocks counted as internal besides the built-in ones (loopback, private, link-local, the cloud host
         * endpoints): a cluster's pod and service ranges where they are public addresses.
         */
        Optional<List<String>> internal();
    }

    /** Automated recovery steps: the actions a catalog names, called once per step attempt. */
    interface Actions {

        /** Whether this notifier runs automated steps (one instance at a time does, whichever holds the lease). */
        @WithDefault("true")
        boolean enabled();

        /** Where targets send their signed outcome: status-api's base URL, as the targets reach it. */
        @WithDefault("http://localhost:8080")
        String callbackUrl();

        /**
         * The secret shared with status-api from which each call's callback key is derived. Unset: callback actions
         * (webhook, Azure Automation) fail at once, saying so; polled ones (GitHub, Azure DevOps) still run.
         */
        Optional<String> callbackSecret();

        /** How often open steps are looked at. */
        @WithDefault("500ms")
        Duration tick();

        /** How often a GitHub or Azure DevOps run's status is read. */
        @WithDefault("30s")
        Duration pollEvery();

        /** Wait before calling again after a call that may go through later (no answer, 429, 5xx). */
        @WithDefault("30s")
        Duration retryEvery();

        /** Bound on one request to a target. */
        @WithDefault("10s")
        Duration timeout();
    }
}
