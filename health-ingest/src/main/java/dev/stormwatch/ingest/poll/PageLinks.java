package dev.stormwatch.ingest.poll;

import java.net.URI;
import java.util.Locale;

/**
 * A list's next-page link ({@code nextLink}, {@code @odata.nextLink}) is followed only on the scheme, host and port the
 * poller was configured for: the pipeline puts the bearer token on every request, so a link elsewhere would hand it to
 * whoever the page names.
 */
final class PageLinks {

    /** Status of the refusal: not an HTTP answer, and not transient, so the poll is not retried into the same link. */
    static final int FOREIGN_LINK = 0;

    private PageLinks() {}

    /**
     * {@code link} when it points to {@code endpoint}'s origin; otherwise an {@link ApiException} saying where it
     * pointed.
     */
    static String onConfiguredHost(String endpoint, String link) {
        URI base = URI.create(endpoint);
        URI next;
        try {
            next = URI.create(link);
        } catch (IllegalArgumentException e) {
            throw refused(link, "an unreadable address", base);
        }
        if (next.getScheme() == null
                || next.getHost() == null
                || !next.getScheme().equalsIgnoreCase(base.getScheme())
                || !next.getHost().equalsIgnoreCase(base.getHost())
                || port(next) != port(base)
                || next.getRawUserInfo() != null) {
            throw refused(link, origin(next), base);
        }
        return link;
    }

    private static ApiException refused(String link, String where, URI base) {
        String shown = link.length() > 200 ? link.substring(0, 200) + "…" : link;
        return new ApiException(
                FOREIGN_LINK,
                null,
                "next-page link " + shown + " points to " + where + ", not to the configured " + origin(base)
                        + ": not followed, the bearer token goes only to the configured endpoint");
    }

    private static String origin(URI u) {
        if (u.getScheme() == null || u.getHost() == null) {
            return "no absolute address";
        }
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port(u);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    }
}
