package dev.stormwatch.status.security;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.status.StatusApiConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys of the embedded default: a key's name is the caller's identity, its roles what it may do. Keys are held
 * only as SHA-256 digests and looked up by digest, so that neither a timing difference nor a heap dump gives a key
 * away; a browser session signed in with a key is looked up by the key's name, so removing a key ends its sessions too.
 *
 * <p>A name without a key is off. The keys this repository publishes (the local run's, the tests', the Compose
 * example's) open the door to anyone who has read it: outside the local, dev and test profiles a configured key that is
 * one of them stops the start, naming the setting to give instead.
 */
@Startup
@Singleton
public class ApiKeys {

    private static final Set<String> ROLES = Set.of(Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN);
    /** Profiles in which the published keys may stay: the local run, dev mode and the tests. */
    static final Set<String> LOCAL_PROFILES = Set.of("local", "dev", "test");
    /** Keys published in this repository: the local run's defaults, the test profile's and the Compose example's. */
    static final Set<String> WELL_KNOWN = Set.of(
            "local-viewer-key",
            "local-responder-key",
            "local-dr-lead-key",
            "local-admin-key",
            "test-viewer-key",
            "test-responder-key",
            "test-dr-lead-key",
            "test-admin-key",
            "test-finance-key",
            "example-viewer-key-change-me",
            "example-responder-key-change-me",
            "example-dr-lead-key-change-me",
            "example-admin-key-change-me");
    /** The short variables application.properties reads the built-in names' keys from. */
    private static final Map<String, String> VARIABLES = Map.of(
            "dashboard",
            "STORMWATCH_VIEWER_KEY",
            "on-call",
            "STORMWATCH_RESPONDER_KEY",
            "dr-lead",
            "STORMWATCH_DR_LEAD_KEY",
            "admin",
            "STORMWATCH_ADMIN_KEY");

    private final Map<String, Caller> byDigest = new HashMap<>();
    private final Map<String, Caller> byName = new HashMap<>();

    /** One configured key's identity. */
    public record Caller(String name, Set<String> roles) {

        SecurityIdentity identity() {
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(name))
                    .addRoles(roles)
                    .build();
        }
    }

    @Inject
    public ApiKeys(StatusApiConfig config) {
        this(config.apiKeys(), ConfigUtils.getProfiles());
    }

    ApiKeys(Map<String, StatusApiConfig.ApiKey> keys, List<String> profiles) {
        boolean local = profiles.stream().anyMatch(LOCAL_PROFILES::contains);
        keys.forEach((name, key) -> {
            if (key.key().isEmpty()) {
                return;
            }
            if (!local && WELL_KNOWN.contains(key.key().get())) {
                throw new IllegalStateException(wellKnown(name, profiles));
            }
            for (String role : key.roles()) {
                if (!ROLES.contains(role)) {
                    throw new IllegalArgumentException(
                            "stormwatch.status-api.api-keys." + name + ".roles: '" + role + "' is not one of " + ROLES);
                }
            }
            Caller caller = new Caller(name, Set.copyOf(key.roles()));
            byDigest.put(digest(key.key().get()), caller);
            byName.put(name, caller);
        });
    }

    /** The caller a presented key belongs to. */
    public Optional<Caller> byKey(String key) {
        return key == null || key.isEmpty() ? Optional.empty() : Optional.ofNullable(byDigest.get(digest(key)));
    }

    /** The caller of a signed-in browser session, by the key's name. */
    public Optional<Caller> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static String wellKnown(String name, List<String> profiles) {
        String setting = "stormwatch.status-api.api-keys." + name + ".key";
        String variable =
                VARIABLES.getOrDefault(name, setting.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        return setting + " is a key published with Stormwatch (for local runs and tests), and the profile is "
                + profiles
                + ", not local, dev or test: anyone who has read the repository could use it. Give your own key in "
                + variable + " (" + setting + "), or leave it empty to turn the key off and sign in with Entra ID.";
    }

    public boolean any() {
        return !byName.isEmpty();
    }

    private static String digest(String key) {
        return ContentHash.hex(32, key);
    }
}
