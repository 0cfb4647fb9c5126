package dev.stormwatch.notifier.escalation;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * What happens when an exception escapes the notifier's stream thread (Quarkus hands this bean to Kafka Streams).
 *
 * <p>REPLACE_THREAD, not SHUTDOWN_CLIENT: a record the escalation cannot handle never gets here (it is refused with an
 * {@code input-rejected} audit record and paging goes on), so what does is a failure of the thread's surroundings: a
 * fenced or timed-out transaction, a broker gone for longer than the retries. Exactly-once aborts the open transaction
 * and a new thread resumes from the last commit; shutting the client down would stop paging for every platform until
 * someone restarts the pod. Kafka Streams' metrics ({@code failed-stream-threads}) and this log line show a thread that
 * keeps being replaced. The global thread that reads catalogs cannot be replaced (Kafka Streams then shuts the client
 * down, and the health check reports it): {@link CatalogScreen} refuses a bad catalog itself.
 */
@ApplicationScoped
public class StreamThreadPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(StreamThreadPolicy.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        LOG.errorf(exception, "a notifier stream thread failed; it is replaced and resumes from the last commit");
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
