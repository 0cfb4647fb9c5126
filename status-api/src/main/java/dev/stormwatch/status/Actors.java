package dev.stormwatch.status;

import io.quarkus.security.identity.SecurityIdentity;

/** Who a caller is, as the audit trail and a subscription's owner name them. */
public final class Actors {

    private Actors() {}

    /** The principal's name: the API key's name, or the token's upn / preferred_username / sub. */
    public static String name(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous()
                ? "anonymous"
                : identity.getPrincipal().getName();
    }
}
