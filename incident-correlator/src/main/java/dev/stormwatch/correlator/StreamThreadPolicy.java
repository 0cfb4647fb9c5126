package dev.stormwatch.correlator;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * What happens when an exception escapes the stream thread (Quarkus hands this bean to Kafka Streams).
 *
 * <p>REPLACE_THREAD, not SHUTDOWN_CLIENT: a record the stages cannot apply never gets here (the decoder, the router and
 * the platform task dead-letter or audit it, in the record's own transaction, and go on), so what does is a failure of
 * the thread's surroundings: a fenced or timed-out transaction, a broker gone for longer than the retries, a store that
 * could not be written. Exactly-once aborts the open transaction, and a new thread resumes from the last commit with
 * the stores restored from their changelogs; shutting the client down instead would stop correlation (and the invoke-dr
 * clocks) for every platform until someone restarts the pod. Kafka Streams' metrics ({@code failed-stream-threads}) and
 * this log line show a thread that keeps being replaced.
 */
@ApplicationScoped
public class StreamThreadPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(StreamThreadPolicy.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        LOG.errorf(exception, "a correlator stream thread failed; it is replaced and resumes from the last commit");
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
