package dev.stormwatch.status.security;

import dev.stormwatch.status.StatusApiConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Turns a configured API key into an identity: the key's name as principal, its roles. Keys are held only as
 * SHA-256 digests, looked up by digest, so that neither a timing difference nor a heap dump gives a key away.
 */
@Singleton
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private static final Set<String> ROLES = Set.of(Roles.VIEWER, Roles.RESPONDER, Roles.DR_LEAD, Roles.ADMIN);

    private final Map<String, Holder> byDigest = new HashMap<>();

    public ApiKeyIdentityProvider(StatusApiConfig config) {
        config.apiKeys().forEach((name, key) -> {
            for (String role : key.roles()) {
                if (!ROLES.contains(role)) {
                    throw new IllegalArgumentException("stormwatch.status-api.api-keys." + name + ".roles: '" + role
                            + "' is not one of " + ROLES);
                }
            }
            byDigest.put(digest(key.key()), new Holder(name, Set.copyOf(key.roles())));
        });
    }

    private record Holder(String name, Set<String> roles) {
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        Holder holder = byDigest.get(digest(request.key()));
        if (holder == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(holder.name()))
                .addRoles(holder.roles())
                .build());
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
