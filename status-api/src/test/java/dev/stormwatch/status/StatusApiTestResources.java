package dev.stormwatch.status;

import dev.stormwatch.local.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The test resources of the module's one Quarkus application, declared once: the real in-JVM Kafka broker, a JWKS
 * endpoint for signed bearer tokens, and reserved ports for the notifier stand-in and the management interface. Quarkus applies them to every
 * {@code @QuarkusTest} of the module, so all test classes share one application and one broker.
 */
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(JwksTestResource.class)
@QuarkusTestResource(NotifierPortResource.class)
@QuarkusTestResource(ManagementPortResource.class)
public final class StatusApiTestResources {

    private StatusApiTestResources() {
    }
}
