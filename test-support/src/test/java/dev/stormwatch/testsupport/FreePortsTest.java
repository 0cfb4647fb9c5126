package dev.stormwatch.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsComeFromBelowTheEphemeralRangeOnceEachAndCanBeBound() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.take();
            assertTrue(
                    port >= FreePorts.LOWEST && port < FreePorts.ephemeralStart(),
                    port + " is not below the ephemeral range starting at " + FreePorts.ephemeralStart());
            assertTrue(ports.add(port), port + " was handed out twice");
        }
        int port = ports.iterator().next();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(port));
            assertEquals(port, server.getLocalPort());
            assertFalse(FreePorts.free(port), "a bound port counts as free");
        }
    }
}
