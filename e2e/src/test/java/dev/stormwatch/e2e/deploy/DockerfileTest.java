package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's src/main/docker/Dockerfile.jvm: a Temurin 17 JRE, the packaged fast-jar copied in, a non-root user,
 * the service's own port, and the image names Compose and the kustomization use. Read as text: no Docker here.
 */
class DockerfileTest {

    private static final Pattern INSTRUCTION = Pattern.compile("(?m)^(FROM|USER|EXPOSE|COPY|ENTRYPOINT|CMD)\\s+(.+)$");

    static List<String> services() {
        return DeployFiles.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildsAJre17ImageOfThePackagedApplicationThatRunsAsNonRootOnTheServicesPort(String service) throws Exception {
        Path dockerfile = DeployFiles.repo().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        assertTrue(Files.isRegularFile(dockerfile), service + ": " + dockerfile);
        List<String[]> instructions = new ArrayList<>();
        Matcher m = INSTRUCTION.matcher(Files.readString(dockerfile));
        while (m.find()) {
            instructions.add(new String[] {m.group(1), m.group(2).trim()});
        }

        List<String> from = values(instructions, "FROM");
        assertEquals(1, from.size(), service + ": one stage");
        assertTrue(from.get(0).matches("eclipse-temurin:17(\\.[0-9._+]+)?-jre.*"), service + ": Temurin 17 JRE, not " + from.get(0));

        List<String> copies = values(instructions, "COPY");
        for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/app/", "target/quarkus-app/quarkus/")) {
            assertTrue(copies.stream().anyMatch(c -> c.contains(part)), service + " copies " + part);
        }
        assertTrue(copies.stream().anyMatch(c -> c.contains("target/quarkus-app/*.jar")
                || c.contains("target/quarkus-app/quarkus-run.jar")), service + " copies quarkus-run.jar");

        List<String> users = values(instructions, "USER");
        assertFalse(users.isEmpty(), service + " sets a USER");
        String user = users.get(users.size() - 1);
        assertFalse(user.equals("0") || user.startsWith("root") || user.startsWith("0:"), service + " runs as non-root: " + user);

        ServiceConfiguration code = DeployFiles.services().get(service);
        String expose = code.httpPort + (code.managementPort == null ? "" : " " + code.managementPort);
        assertEquals(List.of(expose), values(instructions, "EXPOSE"), service + " exposes quarkus.http.port (+ management port)");
        assertTrue(String.join(" ", values(instructions, "ENTRYPOINT")).contains("quarkus-run.jar"),
                service + " runs the fast-jar launcher");
    }

    @ParameterizedTest
    @MethodSource("services")
    void isTheImageComposeBuildsAndTheKustomizationDeploys(String service) {
        String image = "stormwatch/" + service;
        Map<String, Object> compose = DeployFiles.child(DeployFiles.yaml(DeployFiles.repo()
                .resolve("deploy/compose/docker-compose.yml")), "services", service);
        String composeImage = DeployFiles.scalar(compose, "image");
        assertTrue(composeImage != null && composeImage.startsWith(image + ":"), service + ": compose tags " + composeImage);
        Map<String, Object> kustomization = DeployFiles.yaml(DeployFiles.repo().resolve("deploy/k8s/kustomization.yaml"));
        boolean listed = DeployFiles.list(kustomization, "images").stream()
                .anyMatch(i -> image.equals(DeployFiles.scalar(DeployFiles.map(i, "images"), "name")));
        assertTrue(listed, service + ": the kustomization sets the tag of " + image);
        assertEquals(composeImage.substring(composeImage.indexOf(':') + 1), DeployFiles.list(kustomization, "images").stream()
                .map(i -> DeployFiles.map(i, "images"))
                .filter(i -> image.equals(DeployFiles.scalar(i, "name")))
                .map(i -> DeployFiles.scalar(i, "newTag")).findFirst().orElseThrow(), service + ": same tag");
    }

    private static List<String> values(List<String[]> instructions, String keyword) {
        return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
    }
}
