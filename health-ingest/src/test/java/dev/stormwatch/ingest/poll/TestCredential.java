package dev.stormwatch.ingest.poll;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * The TokenCredential tests supply instead of DefaultAzureCredential: token-1, token-2, … valid for an hour, each
 * request recorded.
 */
final class TestCredential implements TokenCredential {

    final AtomicInteger issued = new AtomicInteger();
    final List<List<String>> scopes = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        scopes.add(List.copyOf(request.getScopes()));
        return new AccessToken(
                "token-" + issued.incrementAndGet(),
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
    }
}
