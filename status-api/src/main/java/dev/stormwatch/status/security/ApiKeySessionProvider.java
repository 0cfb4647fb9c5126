package dev.stormwatch.status.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Restores a browser session signed in with an API key: the session cookie (encrypted by Quarkus) names the key, whose
 * roles are read from the configuration on every request.
 */
@Singleton
public class ApiKeySessionProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final ApiKeys keys;

    public ApiKeySessionProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return keys.byName(request.getPrincipal())
                .map(c -> Uni.createFrom().item(c.identity()))
                .orElseGet(() -> Uni.createFrom()
                        .failure(new AuthenticationFailedException("the session's API key is no longer configured")));
    }
}
