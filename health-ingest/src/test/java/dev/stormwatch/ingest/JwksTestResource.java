package dev.stormwatch.ingest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * Plays the Entra ID tenant for the secure-webhook tests: a fresh RSA key pair, its public half served as a JWKS by a
 * real HTTP server on a free port (health-ingest fetches it as it would the tenant's), its private half handed to the
 * tests through a system property so that they can sign tokens.
 */
public class JwksTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PRIVATE_KEY_PROPERTY = "stormwatch.test.jwt.private-key";
    public static final String KEY_ID = "stormwatch-test-key";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            System.setProperty(
                    PRIVATE_KEY_PROPERTY,
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID
                    + "\",\"n\":\"" + b64(pub.getModulus()) + "\",\"e\":\"" + b64(pub.getPublicExponent()) + "\"}]}";
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/discovery/v2.0/keys", exchange -> {
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return Map.of(
                    "mp.jwt.verify.publickey.location",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/discovery/v2.0/keys");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test JWKS server", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("the JWKS test resource did not start", e);
        }
    }

    private static String b64(BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
