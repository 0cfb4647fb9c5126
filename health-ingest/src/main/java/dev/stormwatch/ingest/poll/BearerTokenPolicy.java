package dev.stormwatch.ingest.poll;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * Puts an Entra ID access token for one scope on every request, from a {@link TokenCredential}
 * ({@code DefaultAzureCredential} in production). Tokens are reused until two minutes before they expire; a 401 (an
 * expired or revoked token the cache still thought good) fetches a fresh token once and resends. Tokens only go over
 * HTTPS, or to the loopback address where tests run their recorded APIs.
 */
public final class BearerTokenPolicy implements HttpPipelinePolicy {

    private static final Duration EARLY = Duration.ofMinutes(2);

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final Clock clock;
    private volatile AccessToken token;

    public BearerTokenPolicy(TokenCredential credential, String scope, Clock clock) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
        this.clock = clock;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        authorize(context, false);
        HttpResponse response = next.clone().processSync();
        if (response.getStatusCode() != 401) {
            return response;
        }
        response.close();
        authorize(context, true);
        return next.processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            authorize(context, false);
            return next.clone().process().flatMap(response -> {
                if (response.getStatusCode() != 401) {
                    return Mono.just(response);
                }
                response.close();
                authorize(context, true);
                return next.process();
            });
        });
    }

    private void authorize(HttpPipelineCallContext context, boolean refresh) {
        URL url = context.getHttpRequest().getUrl();
        String host = url.getHost();
        if (!"https".equalsIgnoreCase(url.getProtocol())
                && !host.equals("localhost")
                && !host.equals("127.0.0.1")
                && !host.equals("[::1]")) {
            throw new IllegalStateException(
                    "refusing to send a bearer token over " + url.getProtocol() + " to " + host);
        }
        context.getHttpRequest()
                .setHeader(
                        HttpHeaderName.AUTHORIZATION, "Bearer " + token(refresh).getToken());
    }

    private synchronized AccessToken token(boolean refresh) {
        AccessToken current = token;
        OffsetDateTime soon = OffsetDateTime.now(clock).plus(EARLY);
        if (refresh
                || current == null
                || current.getExpiresAt() == null
                || current.getExpiresAt().isBefore(soon)) {
            current = credential.getTokenSync(request);
            if (current == null) {
                throw new IllegalStateException("the credential returned no token for " + request.getScopes());
            }
            token = current;
        }
        return current;
    }
}
