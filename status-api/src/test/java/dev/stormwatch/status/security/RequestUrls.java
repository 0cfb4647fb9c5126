package dev.stormwatch.status.security;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the URL (path and query) of every request the test application receives, as an access log would: what a
 * browser put in a URL is what proxies, logs and history keep. Bounded to the most recent requests.
 */
@Singleton
public class RequestUrls {

    private static final int MAX = 20_000;
    private static final ArrayDeque<String> URLS = new ArrayDeque<>();
    private static long count;

    void record(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            synchronized (URLS) {
                URLS.addLast(context.request().uri());
                count++;
                if (URLS.size() > MAX) {
                    URLS.removeFirst();
                }
            }
            context.next();
        });
    }

    /** A position to read from: the number of requests seen so far. */
    public static long mark() {
        synchronized (URLS) {
            return count;
        }
    }

    /** The URLs of the requests received after {@code mark}. */
    public static List<String> since(long mark) {
        synchronized (URLS) {
            List<String> all = new ArrayList<>(URLS);
            int skip = (int) Math.max(0, all.size() - (count - mark));
            return all.subList(skip, all.size());
        }
    }
}
