package dev.stormwatch.notifier.ack;

import dev.stormwatch.contracts.retention.RetainedIndex;
import java.time.Clock;
import java.time.Duration;

/**
 * The nonces of acknowledge links used on this instance, so that a link used twice is told "used already". A link works
 * for at most the link lifetime after it was made, and it was made before it was used: once a nonce has been held that
 * long its link is refused as expired before the nonce is looked at, so it is forgotten then. At most {@code maxLinks}
 * are held; one forgotten early still meets its page's acknowledgement in the ledger (409 either way).
 */
public final class UsedLinks {

    private final RetainedIndex<String, Boolean> nonces;

    public UsedLinks(Duration linkLifetime, int maxLinks, Clock clock) {
        this.nonces = new RetainedIndex<>(linkLifetime, maxLinks, clock);
    }

    public boolean used(String nonce) {
        return nonces.containsKey(nonce);
    }

    public void use(String nonce) {
        nonces.put(nonce, Boolean.TRUE, null);
    }

    public int size() {
        return nonces.size();
    }
}
