package dev.stormwatch.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a server a test starts later (a service process, a test resource). Asking the kernel for port 0 hands out
 * one from the ephemeral range, the range outgoing connections also take their local ports from: between the lookup and
 * the server's bind, a Kafka client's or an HTTP client's connection could take the port, and the server then fails
 * with "port in use". The ports here come from below that range, are checked free on every interface, and are handed
 * out once per JVM.
 */
public final class FreePorts {

    /** Lowest port handed out: clear of the well-known and most registered service ports. */
    static final int LOWEST = 20_000;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** A port free now on every interface, below the ephemeral range, not handed out before in this JVM. */
    public static int take() {
        int highest = ephemeralStart() - 1;
        for (int attempt = 0; highest > LOWEST && attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!HANDED_OUT.contains(port) && free(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        // No room below the ephemeral range on this machine: the kernel's choice, with its small race.
        try (ServerSocket socket = new ServerSocket(0)) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on this machine", e);
        }
    }

    /** The first port of the kernel's ephemeral range (Linux; 32768, its usual start, elsewhere). */
    static int ephemeralStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        // Read as a line: /proc files report a size of 0, which whole-file reads may take at its word.
        try (var reader = Files.newBufferedReader(range)) {
            return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
