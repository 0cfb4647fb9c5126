package dev.stormwatch.status.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * The sign-in form of the embedded default: the API key is posted in the form's body (never in a URL), and Quarkus's
 * form authentication then keeps the key's name, not the key, in an encrypted HttpOnly session cookie.
 */
@Singleton
public class ApiKeySignInProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final ApiKeys keys;

    public ApiKeySignInProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        return keys.byKey(new String(request.getPassword().getPassword()))
                .map(c -> Uni.createFrom().item(c.identity()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown API key")));
    }
}
