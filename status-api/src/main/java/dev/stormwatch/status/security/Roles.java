package dev.stormwatch.status.security;

/** The roles of SPEC.md; a caller may hold several. */
public final class Roles {

    /** Dashboard and every read endpoint. */
    public static final String VIEWER = "viewer";
    /** Acknowledges pages. */
    public static final String RESPONDER = "responder";
    /** Approves and declines DR decisions. */
    public static final String DR_LEAD = "dr-lead";
    /** Publishes catalogs and manages downstream subscriptions. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
