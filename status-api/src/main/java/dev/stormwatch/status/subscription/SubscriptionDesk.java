package dev.stormwatch.status.subscription;

import dev.stormwatch.contracts.EventTypes;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.status.StatusApiConfig;
import dev.stormwatch.status.audit.AuditWriter;
import dev.stormwatch.status.error.ApiError;
import dev.stormwatch.status.error.Problem;
import dev.stormwatch.status.kafka.EventPublisher;
import dev.stormwatch.status.platform.PlatformView;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creates and deletes subscriptions: validates the request, seals the secret, records where the source topics end (the
 * subscription gets what happens from now on), and writes the subscription and an audit record to Kafka.
 */
@Singleton
public class SubscriptionDesk {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    private static final Set<String> DEFAULT_TYPES = Set.of("handover");

    private final SubscriptionView view;
    private final PlatformView platforms;
    private final SecretBox secrets;
    private final OffsetProbe offsets;
    private final EventPublisher publisher;
    private final AuditWriter audit;
    private final Set<String> allowedTypes;
    private final Clock clock;
    private final DestinationPolicy destinations;
    private final SecureRandom random = new SecureRandom();

    public SubscriptionDesk(
            SubscriptionView view,
            PlatformView platforms,
            SecretBox secrets,
            OffsetProbe offsets,
            EventPublisher publisher,
            AuditWriter audit,
            StatusApiConfig config,
            Clock clock,
            DestinationPolicy destinations) {
        this.view = view;
        this.platforms = platforms;
        this.secrets = secrets;
        this.offsets = offsets;
        this.publisher = publisher;
        this.audit = audit;
        this.allowedTypes = config.subscriptions().eventTypes();
        this.clock = clock;
        this.destinations = destinations;
    }

    public SubscriptionInfo create(SubscriptionRequest request, String actor) {
        if (request == null) {
            throw ApiError.badRequest("the request body is empty: send owner, url and secret");
        }
        List<Problem> problems = new ArrayList<>();
        if (request.owner() == null || !OWNER.matcher(request.owner()).matches()) {
            problems.add(new Problem(
                    null, "owner", "required: the subscriber team's identity, letters, digits, . _ @ - (at most 128)"));
        }
        checkUrl(request.url(), problems);
        if (request.secret() == null
                || request.secret().length() < 16
                || request.secret().length() > 512) {
            problems.add(new Problem(null, "secret", "required: 16 to 512 characters"));
        }
        Set<String> types = request.eventTypes() == null || request.eventTypes().isEmpty()
                ? DEFAULT_TYPES
                : new LinkedHashSet<>(request.eventTypes());
        for (String t : types) {
            if (t == null) {
                problems.add(new Problem(null, "eventTypes", "null is not an event type"));
            } else if (!allowedTypes.contains(t) || !SubscriptionFilter.TYPES.containsKey(t)) {
                problems.add(new Problem(
                        null,
                        "eventTypes",
                        "'" + t + "' is not one of " + String.join(", ", new java.util.TreeSet<>(allowedTypes))));
            }
        }
        if (types.contains("drill") && !Boolean.TRUE.equals(request.drills())) {
            problems.add(new Problem(null, "eventTypes", "'drill' (drill reports) needs drills: true"));
        }
        List<String> wantedPlatforms = request.platforms() == null ? List.of() : request.platforms();
        for (int i = 0; i < wantedPlatforms.size(); i++) {
            if (wantedPlatforms.get(i) == null) {
                problems.add(new Problem(null, "platforms[" + i + "]", "null is not a platform id"));
            } else if (platforms.catalog(wantedPlatforms.get(i)).isEmpty()) {
                problems.add(
                        new Problem(null, "platforms[" + i + "]", "unknown platform '" + wantedPlatforms.get(i) + "'"));
            }
        }
        List<String> wantedComponents = request.components() == null ? List.of() : request.components();
        for (int i = 0; i < wantedComponents.size(); i++) {
            String component = wantedComponents.get(i);
            if (component == null) {
                problems.add(new Problem(null, "components[" + i + "]", "null is not a component id"));
                continue;
            }
            boolean known = platforms.catalogs().stream()
                    .filter(c -> wantedPlatforms.isEmpty() || wantedPlatforms.contains(c.platformId()))
                    .anyMatch(c -> c.component(component).isPresent());
            if (!known) {
                problems.add(new Problem(
                        null,
                        "components[" + i + "]",
                        "no platform" + (wantedPlatforms.isEmpty() ? "" : " of " + wantedPlatforms)
                                + " has a component '" + component + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiError.badRequest("the subscription is invalid", problems);
        }
        String id = "sub-" + HexFormat.of().formatHex(bytes(8));
        Instant now = clock.instant();
        List<String> sourceTopics =
                types.stream().map(SubscriptionFilter.TOPICS::get).toList();
        Subscription s = new Subscription(
                id,
                request.owner(),
                request.url(),
                secrets.seal(id, request.secret()),
                wantedPlatforms,
                wantedComponents,
                types,
                Boolean.TRUE.equals(request.drills()),
                actor,
                now,
                offsets.ends(sourceTopics));
        publisher.publish(
                Topics.SUBSCRIPTIONS,
                id,
                JsonCodec.envelope(
                        "subscription:" + id, EventTypes.SUBSCRIPTION, AuditWriter.SOURCE, id, now, false, s));
        audit.write(
                "audit:subscription-created:" + id,
                new AuditRecord(
                        null,
                        now,
                        actor,
                        "subscription-created",
                        id,
                        "owner " + s.owner() + ", events " + String.join(",", types)
                                + (s.drills() ? ", drills included" : "")
                                + (wantedPlatforms.isEmpty() ? "" : ", platforms " + wantedPlatforms),
                        false));
        return SubscriptionInfo.of(s, DeliveryStatus.empty(id), 0);
    }

    /** Deletes the subscription with its status and dead letters (tombstones on the compacted topic). */
    public void delete(String id, String actor) {
        Subscription s = view.subscription(id).orElseThrow(() -> ApiError.notFound("no subscription '" + id + "'"));
        for (DeadLetter letter : view.deadLetters(id)) {
            publisher.delete(Topics.SUBSCRIPTIONS, id + SubscriptionView.DEAD_LETTER + letter.eventId());
        }
        publisher.delete(Topics.SUBSCRIPTIONS, id + SubscriptionView.DELIVERY);
        publisher.delete(Topics.SUBSCRIPTIONS, id);
        Instant now = clock.instant();
        audit.write(
                "audit:subscription-deleted:" + id,
                new AuditRecord(null, now, actor, "subscription-deleted", id, "owner " + s.owner(), false));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private void checkUrl(String url, List<Problem> problems) {
        if (url == null || url.isBlank()) {
            problems.add(new Problem(null, "url", "required: the webhook URL"));
            return;
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(new Problem(null, "url", "must be an absolute http or https URL with a host"));
                return;
            }
            // Addresses are judged now; names, which can change their answer, before every delivery as well.
            destinations
                    .refusal(url)
                    .ifPresent(reason ->
                            problems.add(new Problem(null, "url", "this service does not call it: " + reason)));
        } catch (URISyntaxException e) {
            problems.add(new Problem(null, "url", "not a valid URL: " + e.getReason()));
        }
    }
}
