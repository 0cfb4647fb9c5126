package dev.stormwatch.status.subscription;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.status.Eventually;
import dev.stormwatch.status.Keys;
import dev.stormwatch.status.MutableClock;
import dev.stormwatch.status.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Subscription webhooks are held to the destination policy, with the allow-list off (as in production): a loopback URL
 * is refused when the subscription is created, and a host name that resolves to an internal address is accepted then
 * (names are judged when called) but never called; its owner reads the same generic error as for a receiver that does
 * not answer.
 */
@QuarkusTest
@TestProfile(SubscriptionDestinationsIT.NoInternalDestinations.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionDestinationsIT {

    static final String P = "sd-platform";

    /** The test profile with no destination allowed by the allow-list. */
    public static class NoInternalDestinations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stormwatch.status-api.subscriptions.destinations.allow", "");
        }
    }

    private final WebhookReceiver receiver = new WebhookReceiver();

    private boolean published;

    @BeforeEach
    void catalog() {
        MutableClock.INSTANCE.set(MutableClock.START);
        if (published) {
            return;
        }
        published = true;
        Samples.publishCatalog(P);
        Eventually.until(
                SubscriptionDeliveryIT.WAIT,
                "catalog",
                () -> RestAssured.given()
                                .header(Keys.HEADER, Keys.VIEWER)
                                .get("/api/v1/platforms/" + P)
                                .statusCode()
                        == 200);
    }

    @AfterAll
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aSubscriptionToALoopbackReceiverIsRefused() {
        String url = receiver.add("/loopback", n -> 200, 0);
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/json")
                .body(Map.of(
                        "owner", "ops-team", "url", url, "secret", "loopback-secret-000001", "platforms", List.of(P)))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body("problems.path", contains("url"))
                .body(
                        "problems.message",
                        contains("this service does not call it: 127.0.0.1 resolves to internal address"
                                + " 127.0.0.1, which the destination allow-list does not allow"));
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .contentType("application/json")
                .body(Map.of(
                        "owner",
                        "ops-team",
                        "url",
                        "http://[::ffff:169.254.169.254]/latest",
                        "secret",
                        "metadata-secret-000001",
                        "platforms",
                        List.of(P)))
                .post("/api/v1/subscriptions")
                .then()
                .statusCode(400)
                .body(
                        "problems.message",
                        contains("this service does not call it: ::ffff:169.254.169.254 resolves to internal address"
                                + " 169.254.169.254, which the destination allow-list does not allow"));
    }

    @Test
    void aHostNameThatResolvesToAnInternalAddressIsNeverCalled() throws Exception {
        String name = InetAddress.getLocalHost().getHostName();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            addresses = new InetAddress[0];
        }
        boolean internal = addresses.length > 0 && Arrays.stream(addresses).allMatch(DestinationPolicy::internal);
        if (!internal || name.matches("[0-9.]+") || name.contains(":") || name.equals("localhost")) {
            System.out.println("SubscriptionDestinationsIT: skipped, this machine's name '" + name
                    + "' does not resolve to" + " internal addresses only (" + Arrays.toString(addresses) + ")");
        }
        Assumptions.assumeTrue(
                internal && !name.matches("[0-9.]+") && !name.contains(":") && !name.equals("localhost"),
                "this machine's name must resolve to internal addresses only");
        String loopbackUrl = receiver.add("/by-name", n -> 200, 0);
        URI byName = URI.create(loopbackUrl.replace("127.0.0.1", name));
        String id = SubscriptionDeliveryIT.create(
                "ops-team", byName.toString(), "by-name-secret-0000001", List.of(P), List.of(), null, null);

        Samples.writeHandover(SubscriptionDeliveryIT.handover("sd-h-1", P, false));

        Eventually.assertThat(
                SubscriptionDeliveryIT.WAIT,
                () -> RestAssured.given()
                        .header(Keys.HEADER, Keys.ADMIN)
                        .get("/api/v1/subscriptions/" + id + "/dead-letters")
                        .then()
                        .statusCode(200)
                        .body("eventId", contains("sd-h-1")));
        assertEquals(List.of(), receiver.deliveries("/by-name"), "the receiver behind the name was never called");
        String generic = "no HTTP answer from http://" + name + ":" + byName.getPort() + " for event sd-h-1";
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .get("/api/v1/subscriptions/" + id + "/dead-letters")
                .then()
                .body("find { it.eventId == 'sd-h-1' }.lastError", equalTo(generic))
                .body("find { it.eventId == 'sd-h-1' }.attempts", equalTo(5));
        RestAssured.given()
                .header(Keys.HEADER, Keys.ADMIN)
                .get("/api/v1/subscriptions/" + id)
                .then()
                .body("delivery.lastError", startsWith(generic));
    }
}
