package dev.stormwatch.status;

import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The test resources of the module's one Quarkus application, declared once: the real in-JVM Kafka broker, an OIDC
 * server over real HTTP standing in for Entra ID (discovery, signing keys, sign-in page, token endpoint), and reserved
 * ports for the notifier stand-in and the management interface. Quarkus applies them to every {@code @QuarkusTest} of
 * the module, so all test classes share one application and one broker.
 */
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(NotifierPortResource.class)
@QuarkusTestResource(ManagementPortResource.class)
public final class StatusApiTestResources {

    private StatusApiTestResources() {}
}
