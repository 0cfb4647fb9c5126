package dev.stormwatch.status;

import dev.stormwatch.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Reserves a port for the notifier stand-in (a JDK HttpServer the ack tests start and stop themselves) and points
 * status-api's notifier URL at it. The port travels to the tests as a system property.
 */
public class NotifierPortResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "status-api-test.notifier-port";
    static final String TOKEN = "test-internal-token";

    @Override
    public Map<String, String> start() {
        int port = FreePorts.take();
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        return Map.of(
                "stormwatch.status-api.notifier.url",
                "http://127.0.0.1:" + port,
                "stormwatch.status-api.notifier.internal-token",
                TOKEN);
    }

    @Override
    public void stop() {
        System.clearProperty(PORT_PROPERTY);
    }

    static int port() {
        return Integer.parseInt(System.getProperty(PORT_PROPERTY));
    }
}
