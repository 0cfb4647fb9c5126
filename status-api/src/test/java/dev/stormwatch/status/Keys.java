package dev.stormwatch.status;

/** The API keys of the test profile (application.properties, %test) and the identities they carry. */
public final class Keys {

    public static final String HEADER = "X-API-Key";
    /** dashboard: viewer */
    public static final String VIEWER = "test-viewer-key";
    /** on-call: viewer, responder */
    public static final String RESPONDER = "test-responder-key";
    /** dr-lead: viewer, responder, dr-lead */
    public static final String DR_LEAD = "test-dr-lead-key";
    /** admin: viewer, admin */
    public static final String ADMIN = "test-admin-key";
    /** finance-reporting: viewer (a downstream team) */
    public static final String FINANCE = "test-finance-key";

    private Keys() {}
}
