package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The reader of the services' configuration that every deploy test relies on: if it read too much, the deploy checks
 * would pass on names no service reads.
 */
class ServiceConfigurationTest {

    @Test
    void readsEveryPropertyShapeOfAConfigMappingFromItsSource() throws URISyntaxException {
        Path sample =
                Path.of(getClass().getResource("/deploy/SampleMapping.java.txt").toURI());

        Set<String> names = new TreeSet<>();
        ConfigMappingSource.properties(List.of(sample)).forEach(p -> names.add(p.name()));

        assertEquals(
                new TreeSet<>(List.of(
                        "sample.app.bootstrap-servers",
                        "sample.app.subscriptions",
                        "sample.app.entra.tenant-id",
                        "sample.app.api-keys.*.key",
                        "sample.app.api-keys.*.roles",
                        "sample.app.labels.*",
                        "sample.app.renamed-thing",
                        "sample.app.enabled",
                        "sample.app.backup-entra.tenant-id")),
                names);
    }

    @Test
    void mapsEnvironmentVariablesToPropertiesAsSmallRyeConfigDoes() {
        assertEquals("KAFKA_STREAMS_STATE_DIR", ServiceConfiguration.envForm("kafka-streams.state.dir"));
        assertEquals(
                "STORMWATCH_STATUS_API_NOTIFIER_URL",
                ServiceConfiguration.envForm("stormwatch.status-api.notifier.url"));
        assertEquals("tenant-id", ConfigMappingSource.kebab("tenantId"));
        assertEquals("m365", ConfigMappingSource.kebab("m365"));
    }

    @Test
    void knowsTheServicesPortsAndRefusesNamesNoServiceReads() {
        var services = DeployFiles.services();
        assertEquals(8081, services.get("health-ingest").httpPort);
        assertEquals(8082, services.get("incident-correlator").httpPort);
        assertEquals(8083, services.get("notifier").httpPort);
        assertEquals(8080, services.get("status-api").httpPort);
        assertEquals(9080, services.get("status-api").managementPort);
        assertEquals(null, services.get("notifier").managementPort);
        for (ServiceConfiguration service : services.values()) {
            assertTrue(service.readsEnvironment("KAFKA_BOOTSTRAP_SERVERS"), service + " reads kafka.bootstrap.servers");
            assertFalse(service.readsEnvironment("STORMWATCH_NO_SUCH_SETTING"), service.toString());
            assertFalse(service.readsEnvironment("KAFKA_BOOTSTRAP_SERVER"), service.toString());
        }
        // A map of groups in status-api's mapping: any key name, but only the group's own members.
        var statusApi = services.get("status-api");
        assertTrue(statusApi.readsEnvironment("STORMWATCH_STATUS_API_API_KEYS_OPS_TEAM_KEY"));
        assertFalse(statusApi.readsEnvironment("STORMWATCH_STATUS_API_API_KEYS_OPS_TEAM_PASSWORD"));
    }
}
