package dev.stormwatch.notifier.ack;

import dev.stormwatch.notifier.escalation.PageLinks;
import dev.stormwatch.notifier.page.MessageItem;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Makes the acknowledge link of a page for the person it is sent to: {@code <public url>/ack/<token>}. */
public final class AckLinks implements PageLinks {

    private final AckTokens tokens;
    private final String publicUrl;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public AckLinks(AckTokens tokens, String publicUrl, Duration ttl) {
        this.tokens = tokens;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.ttl = ttl;
    }

    @Override
    public String link(MessageItem item, Instant now) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String token = tokens.issue(new AckClaims(
                item.pageId(),
                item.platformId(),
                item.contactId(),
                now.plus(ttl),
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce)));
        return publicUrl + "/ack/" + token;
    }
}
