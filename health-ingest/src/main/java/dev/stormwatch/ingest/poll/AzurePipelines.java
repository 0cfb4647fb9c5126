package dev.stormwatch.ingest.poll;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The azure-core {@link HttpPipeline}s the pollers call their APIs through: user agent, the SDK's retry policy
 * (exponential back-off on 408/429/5xx, honouring {@code Retry-After}), then the bearer token of the API's scope.
 * Resource Graph's SDK client takes the same pipeline, so every call shares credential, retry and paging behaviour.
 */
public final class AzurePipelines {

    public static final String ARM_SCOPE = "https://management.azure.com/.default";
    public static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private AzurePipelines() {}

    /** The token scope of an endpoint: a sovereign cloud's ARM or Graph endpoint is its own audience. */
    public static String scopeOf(String endpoint) {
        String e = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return e + "/.default";
    }

    /** {@code credential} null: no token (the public status feed). */
    public static HttpPipeline build(
            HttpClient client,
            TokenCredential credential,
            String scope,
            int maxRetries,
            Duration baseDelay,
            Clock clock) {
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy("stormwatch-health-ingest"));
        policies.add(new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(maxRetries)
                .setBaseDelay(baseDelay)
                .setMaxDelay(Duration.ofSeconds(60)))));
        if (credential != null) {
            policies.add(new BearerTokenPolicy(credential, scope, clock));
        }
        return new HttpPipelineBuilder()
                .httpClient(client)
                .policies(policies.toArray(HttpPipelinePolicy[]::new))
                .build();
    }
}
