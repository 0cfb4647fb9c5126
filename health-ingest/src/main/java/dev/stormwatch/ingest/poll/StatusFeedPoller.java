package dev.stormwatch.ingest.poll;

import com.azure.core.http.HttpPipeline;
import dev.stormwatch.contracts.ContentHash;
import dev.stormwatch.contracts.health.HealthEvent;
import dev.stormwatch.ingest.normalize.Normalized;
import dev.stormwatch.ingest.normalize.PayloadException;
import dev.stormwatch.ingest.normalize.Sources;
import dev.stormwatch.ingest.normalize.StatusFeedNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Polls the public Azure status RSS feed, the fallback when Service Health itself is unreachable. Items often carry no
 * date of their own, so a version is recognized by its content (title, text, stage, impact), not by time.
 */
public final class StatusFeedPoller extends Poller {

    public static final String NAME = "status-feed";

    private final HttpPipeline pipeline;
    private final String url;
    private final Clock clock;

    public StatusFeedPoller(HttpPipeline pipeline, String url, PolledEvents events, PollRetry retry, Clock clock) {
        super(events, retry);
        this.pipeline = pipeline;
        this.url = url;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void poll(Tally tally) {
        byte[] body = RestResourceHealthApi.JsonHttp.bytes(
                pipeline, url, clock, "application/rss+xml, application/xml, text/xml");
        Normalized page;
        try {
            page = StatusFeedNormalizer.normalize(new String(body, StandardCharsets.UTF_8), Sources.STATUS_FEED);
        } catch (PayloadException e) {
            // Never read as "no incident": the feed as fetched goes to the DLQ with what is wrong with it.
            events.deadLetter(
                    NAME, "feed", Sources.STATUS_FEED, url + ": " + e.getMessage(), "application/rss+xml", body);
            tally.deadLettered();
            return;
        }
        tally.page(events.publish(NAME, "feed", Sources.STATUS_FEED, page, StatusFeedPoller::content));
    }

    static String content(HealthEvent e) {
        return "rss-"
                + ContentHash.hex(
                        16,
                        String.join(
                                "\n",
                                String.valueOf(e.title()),
                                String.valueOf(e.summary()),
                                String.valueOf(e.stage()),
                                String.valueOf(e.impacted())));
    }
}
