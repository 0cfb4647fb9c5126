package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's container image as Jib builds it, read from the {@code quarkus.container-image.*} and
 * {@code quarkus.jib.*} settings of its application.properties: a Temurin 17 JRE, a non-root user, the service's own
 * ports, the heap sized by the container, built only when asked, and named as Compose and the kustomization expect.
 * Read as text: no Docker here.
 */
class ContainerImageTest {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final Pattern PROJECT_VERSION =
            Pattern.compile("<artifactId>stormwatch-parent</artifactId>\\s*<version>([^<]+)</version>");

    static List<String> services() {
        return DeployFiles.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void jibBuildsAJre17ImageThatRunsAsNonRootOnTheServicesPorts(String service) {
        Properties p = properties(service);

        String base = value(p, "quarkus.jib.base-jvm-image");
        assertNotNull(base, service + ": quarkus.jib.base-jvm-image is set (Jib's default is a UBI image)");
        assertTrue(base.matches("eclipse-temurin:17(\\.[0-9._+]+)?-jre.*"), service + ": Temurin 17 JRE, not " + base);

        String user = value(p, "quarkus.jib.user");
        assertNotNull(user, service + " sets quarkus.jib.user");
        assertTrue(
                user.matches("[1-9][0-9]*(:[0-9]+)?"),
                service + " runs as a numeric non-root uid (runAsNonRoot): " + user);

        ServiceConfiguration code = DeployFiles.services().get(service);
        String expected = code.httpPort + (code.managementPort == null ? "" : "," + code.managementPort);
        assertEquals(
                expected,
                value(p, "quarkus.jib.ports").replace(" ", ""),
                service + " exposes quarkus.http.port (+ management port)");

        assertTrue(
                value(p, "quarkus.jib.jvm-additional-arguments").contains("-XX:MaxRAMPercentage="),
                service + ": the heap follows the container's memory limit");
        String jvmArguments = value(p, "quarkus.jib.jvm-arguments");
        assertTrue(
                jvmArguments == null
                        || jvmArguments.contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager"),
                service + ": the JBoss log manager stays among the JVM arguments (Jib's default): " + jvmArguments);
    }

    @ParameterizedTest
    @MethodSource("services")
    void isBuiltOnlyWhenAskedAndNeverPushedByDefault(String service) {
        Properties p = properties(service);
        assertFalse(
                Boolean.parseBoolean(value(p, "quarkus.container-image.build")),
                service + ": a plain build needs no Docker");
        assertFalse(
                Boolean.parseBoolean(value(p, "quarkus.container-image.push")),
                service + ": a plain build pushes nothing");
    }

    @ParameterizedTest
    @MethodSource("services")
    void isTheImageComposeRunsAndTheKustomizationDeploys(String service) {
        Properties p = properties(service);
        String image = value(p, "quarkus.container-image.group") + "/" + value(p, "quarkus.container-image.name");
        assertEquals("stormwatch/" + service, image, service + ": Jib's image name");
        // Unset, the tag is the application's version: the project's.
        String tag = value(p, "quarkus.container-image.tag");
        String version = tag != null ? tag : projectVersion();

        Map<String, Object> compose = DeployFiles.child(
                DeployFiles.yaml(DeployFiles.repo().resolve("deploy/compose/docker-compose.yml")), "services", service);
        assertEquals(
                image + ":" + version,
                DeployFiles.scalar(compose, "image"),
                service + ": Compose runs what Jib builds");
        assertEquals(
                "never",
                DeployFiles.scalar(compose, "pull_policy"),
                service + ": Compose runs the image Jib put into the local daemon, never one pulled by that name");
        assertTrue(DeployFiles.child(compose, "build").isEmpty(), service + ": Compose builds nothing (Jib does)");

        Map<String, Object> kustomization =
                DeployFiles.yaml(DeployFiles.repo().resolve("deploy/k8s/kustomization.yaml"));
        String newTag = DeployFiles.list(kustomization, "images").stream()
                .map(i -> DeployFiles.map(i, "images"))
                .filter(i -> image.equals(DeployFiles.scalar(i, "name")))
                .map(i -> DeployFiles.scalar(i, "newTag"))
                .findFirst()
                .orElse(null);
        assertEquals(version, newTag, service + ": the kustomization sets the tag of " + image);
    }

    @ParameterizedTest
    @MethodSource("services")
    void noHandWrittenDockerfileRemains(String service) {
        assertFalse(
                Files.exists(DeployFiles.repo().resolve(service).resolve("src/main/docker")),
                service + ": the image comes from Jib's settings alone");
    }

    private static Properties properties(String service) {
        Path file = DeployFiles.repo().resolve(service).resolve("src/main/resources/application.properties");
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * The value of {@code key} as the build sees it: {@code ${name}} and {@code ${name:default}} resolved in the file.
     */
    private static String value(Properties p, String key) {
        String raw = p.getProperty(key);
        if (raw == null) {
            return null;
        }
        String value = raw.trim();
        for (int depth = 0; depth < 10 && value.contains("${"); depth++) {
            Matcher m = EXPRESSION.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String resolved = p.getProperty(m.group(1));
                if (resolved == null) {
                    resolved = m.group(2);
                }
                assertNotNull(resolved, key + ": " + m.group() + " has no value in the file");
                m.appendReplacement(out, Matcher.quoteReplacement(resolved.trim()));
            }
            m.appendTail(out);
            value = out.toString();
        }
        return value;
    }

    private static String projectVersion() {
        try {
            Matcher m =
                    PROJECT_VERSION.matcher(Files.readString(DeployFiles.repo().resolve("pom.xml")));
            assertTrue(m.find(), "the root pom names its version");
            return m.group(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
