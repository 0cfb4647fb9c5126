package dev.stormwatch.status;

import dev.stormwatch.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Reserves a free port for the management interface (/q/metrics) of the test app, instead of the fixed 9001 of test
 * mode that another build on the machine may hold. The port travels to the tests as a system property.
 */
public class ManagementPortResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "status-api-test.management-port";

    @Override
    public Map<String, String> start() {
        int port = FreePorts.take();
        System.setProperty(PORT_PROPERTY, Integer.toString(port));
        return Map.of("quarkus.management.test-port", Integer.toString(port));
    }

    @Override
    public void stop() {
        System.clearProperty(PORT_PROPERTY);
    }

    public static int port() {
        return Integer.parseInt(System.getProperty(PORT_PROPERTY));
    }
}
