package dev.stormwatch.status.security;

import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.status.StatusApiConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys of the embedded default: a key's name is the caller's identity, its roles what it may do. Keys are held
 * only as SHA-256 digests and looked up by digest, so that neither a timing difference nor a heap dump gives a key away;
 * a browser session signed in with a key is looked up by the key's name, so removing a key ends its sessions too.
 */
@Singleton
public class ApiKeys {

    private static final Set<String> ROLES = Set.of(Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN);

    private final Map<String, Caller> byDigest = new HashMap<>();
    private final Map<String, Caller> byName = new HashMap<>();

    /** One configured key's identity. */
    public record Caller(String name, Set<String> roles) {

        SecurityIdentity identity() {
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(roles).build();
        }
    }

    public ApiKeys(StatusApiConfig config) {
        config.apiKeys().forEach((name, key) -> {
            for (String role : key.roles()) {
                if (!ROLES.contains(role)) {
                    throw new IllegalArgumentException("stormwatch.status-api.api-keys." + name + ".roles: '" + role
                            + "' is not one of " + ROLES);
                }
            }
            Caller caller = new Caller(name, Set.copyOf(key.roles()));
            byDigest.put(digest(key.key()), caller);
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

    public boolean any() {
        return !byName.isEmpty();
    }

    private static String digest(String key) {
        return ContentHash.hex(32, key);
    }
}
