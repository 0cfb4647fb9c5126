package dev.stormwatch.status.security;

/**
 * The roles a caller may hold (several at once): from an API key's configuration or the app roles of an Entra ID token.
 */
public final class Roles {

    /** Dashboard and every read endpoint. */
    public static final String VIEWER = "viewer";
    /** Acknowledges pages. */
    public static final String RESPONDER = "responder";
    /** Approves and declines DR decisions. */
    public static final String DR_LEAD = "dr-lead";
    /** Publishes catalogs and manages downstream subscriptions. */
    public static final String ADMIN = "admin";

    private Roles() {}
}
