package dev.stormwatch.status.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.status.StatusApiConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which configured API keys are on, per profile: a published key only in local, dev and test; a name without a key
 * never.
 */
class ApiKeysTest {

    static StatusApiConfig.ApiKey key(String key, String... roles) {
        return new StatusApiConfig.ApiKey() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public Set<String> roles() {
                return Set.of(roles);
            }
        };
    }

    @Test
    void aPublishedKeyIsRefusedInProductionAndKeptInLocalDevAndTest() {
        Map<String, StatusApiConfig.ApiKey> keys = Map.of("dr-lead", key("local-dr-lead-key", "viewer", "dr-lead"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ApiKeys(keys, List.of("prod")));
        assertEquals(
                "stormwatch.status-api.api-keys.dr-lead.key is a key published with Stormwatch (for local runs and"
                        + " tests), and the profile is [prod], not local, dev or test: anyone who has read the "
                        + "repository could use it. Give your own key in STORMWATCH_DR_LEAD_KEY "
                        + "(stormwatch.status-api.api-keys.dr-lead.key), or leave it empty to turn the key off and "
                        + "sign in with Entra ID.",
                e.getMessage());
        for (String profile : List.of("local", "dev", "test")) {
            assertEquals(
                    "dr-lead",
                    new ApiKeys(keys, List.of(profile))
                            .byKey("local-dr-lead-key")
                            .orElseThrow()
                            .name());
        }
    }

    @Test
    void aNameWithoutAKeyIsOffAndAnOwnKeyWorksEverywhere() {
        ApiKeys keys = new ApiKeys(
                Map.of(
                        "admin",
                        key(null, "viewer", "admin"),
                        "finance",
                        key("a-key-of-this-deployment-41f7", "viewer")),
                List.of("prod"));
        assertEquals(Optional.empty(), keys.byName("admin"));
        assertEquals(
                "finance",
                keys.byKey("a-key-of-this-deployment-41f7").orElseThrow().name());
        assertTrue(keys.any());
        assertFalse(new ApiKeys(Map.of("admin", key(null, "admin")), List.of("prod")).any());
        IllegalStateException custom = assertThrows(
                IllegalStateException.class,
                () -> new ApiKeys(Map.of("ops", key("example-admin-key-change-me", "admin")), List.of("prod")));
        assertTrue(
                custom.getMessage().contains("Give your own key in STORMWATCH_STATUS_API_API_KEYS_OPS_KEY"),
                custom.getMessage());
    }
}
