package dev.stormwatch.notifier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.Topics;
import dev.stormwatch.contracts.audit.AuditRecord;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.incident.Severity;
import dev.stormwatch.local.KafkaBrokerTestResource;
import dev.stormwatch.notifier.channel.email.GreenMailTestResource;
import dev.stormwatch.testsupport.BrokerClient;
import dev.stormwatch.testsupport.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A catalog may name only channel secrets: one whose webhook channels name the acknowledge-link key and the internal
 * token is refused as a whole, with every offending channel in the audit trail, and no page signed with either secret
 * leaves the notifier. The notifier as it runs, on the real broker, with a real receiver that would record any call.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(GreenMailTestResource.class)
class ChannelSecretRefsIT {

    static WebhookReceiver receiver;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void receiver() throws IOException {
        receiver = new WebhookReceiver("test-webhook-secret");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    /**
     * The application test catalog, with bob's webhook signed by {@code first} and a second channel by {@code second}.
     */
    static Catalog catalog(String platform, String first, String second) throws IOException {
        try (InputStream in = ChannelSecretRefsIT.class.getResourceAsStream("/catalogs/app.yaml")) {
            Catalog loaded = CatalogLoader.parse(
                    "app.yaml",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("PLATFORM", platform)
                            .replace("RECEIVER", receiver.url(""))
                            .replace("AFTER", "1h"));
            // Built past the loader, as anyone who can write catalog.v1 could: the notifier is the last door.
            ObjectNode tree = JsonCodec.mapper().valueToTree(loaded);
            ArrayNode channels = (ArrayNode) tree.path("contacts").get(0).path("channels");
            ((ObjectNode) channels.get(0)).put("secretRef", first);
            channels.addObject()
                    .put("type", "webhook")
                    .put("address", receiver.url("/inbox/bob-second"))
                    .put("secretRef", second);
            return JsonCodec.mapper().treeToValue(tree, Catalog.class);
        }
    }

    @Test
    void aCatalogNamingTheAckKeyOrTheInternalTokenIsRefusedAndNothingIsSignedWithThem() throws Exception {
        try (BrokerClient kafka = new BrokerClient(bootstrap)) {
            kafka.publishCatalog(
                    catalog("app-refs", "stormwatch.notifier.ack.secret", "STORMWATCH_NOTIFIER_INTERNAL_TOKEN"),
                    "catalog-app-refs");
            kafka.publishIncident(BrokerClient.incident("inc-refs", "app-refs", Severity.SEV1, 1));
            // Whichever comes first: the refusal, or (without the rule) a page signed with one of the two secrets.
            List<CloudEvent> audit = kafka.readUntil(
                    Topics.AUDIT.name(),
                    events -> refusal(events).isPresent()
                            || !receiver.deliveries().isEmpty(),
                    Duration.ofSeconds(60));

            assertEquals(List.of(), receiver.deliveries(), "no page left the notifier signed with its own secrets");
            assertEquals(
                    "catalog event catalog-app-refs for app-refs refused: it names settings that are not channel"
                            + " secrets: contacts[0].channels[0] (bob, webhook): secretRef "
                            + "'stormwatch.notifier.ack.secret' is not an environment-variable name (A-Z, then A-Z, "
                            + "0-9, _); contacts[0].channels[1] (bob, webhook): secretRef "
                            + "'STORMWATCH_NOTIFIER_INTERNAL_TOKEN' is not a channel secret: a catalog may name only"
                            + " settings that start with "
                            + "STORMWATCH_WEBHOOK_ (stormwatch.notifier.channel-secret-prefix). The last accepted "
                            + "catalog stays in use.",
                    refusal(audit).orElseThrow().detail());
        }
    }

    static Optional<AuditRecord> refusal(List<CloudEvent> events) {
        return events.stream()
                .map(e -> JsonCodec.data(e, AuditRecord.class))
                .filter(a -> a.action().equals("catalog-refused") && "app-refs".equals(a.platformId()))
                .findFirst();
    }
}
