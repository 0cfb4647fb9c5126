package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The deploy files through the real tools, where a tool is installed: {@code kubectl kustomize} (no cluster needed),
 * {@code docker compose config} (no engine needed) and Jib's image build into the local Docker daemon (needs an engine,
 * and {@code -Dstormwatch.docker.build=true} because it pulls the base image and packages every service again). A
 * missing tool skips its test with the reason printed; the parsing tests beside this one check the same files without
 * any tool.
 */
class DeployToolsIT {

    @Test
    void kustomizeBuildsEveryManifest() throws Exception {
        assumeTool(List.of("kubectl", "version", "--client"), "kubectl is not installed: kustomize build not run");
        Path k8s = DeployFiles.repo().resolve("deploy/k8s");
        Run run = run(List.of("kubectl", "kustomize", k8s.toString()), 120);
        assertEquals(0, run.exit, "kubectl kustomize deploy/k8s:\n" + run.output);
        int objects = 0;
        for (Object document : new org.yaml.snakeyaml.Yaml().loadAll(run.output)) {
            if (document != null) {
                objects++;
            }
        }
        int listed = 0;
        for (Object resource : DeployFiles.list(DeployFiles.yaml(k8s.resolve("kustomization.yaml")), "resources")) {
            listed +=
                    DeployFiles.documents(k8s.resolve(String.valueOf(resource))).size();
        }
        assertEquals(listed, objects, "kustomize emits every object of the listed manifests");
        assertTrue(run.output.contains("namespace: stormwatch"));
    }

    @Test
    void composeAcceptsTheFile() throws Exception {
        Path file = DeployFiles.repo().resolve("deploy/compose/docker-compose.yml");
        // Compose v2 (the plugin or the standalone binary): v1, end of life, does not know the spec's top-level name.
        List<String> compose = null;
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> probe = new ArrayList<>(candidate);
            probe.addAll(List.of("version", "--short"));
            Run version = runQuietly(probe);
            if (version != null && version.exit == 0 && version.output.trim().matches("v?([2-9]|\\d{2,})\\..*")) {
                compose = candidate;
                break;
            }
        }
        if (compose == null) {
            skip("Docker Compose v2 is not installed (no Docker on this machine): docker-compose.yml is checked by"
                    + " ComposeFileTest's parsing and ComposeTopicScriptIT's run of its topic script only");
            return;
        }
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", file.toString(), "config", "-q"));
        Run run = run(command, 120);
        assertEquals(0, run.exit, String.join(" ", command) + ":\n" + run.output);
    }

    @Test
    void imagesBuildFromThePackagedApplications() throws Exception {
        if (!Boolean.getBoolean("stormwatch.docker.build")) {
            skip("image builds need a Docker engine and pull base images: run with -Dstormwatch.docker.build=true where"
                    + " Docker exists (there is none on this machine)");
        }
        assumeTool(List.of("docker", "info"), "no Docker engine answers: images not built");
        Path repo = DeployFiles.repo();
        List<String> build = List.of(
                repo.resolve("mvnw").toString(),
                "-B",
                "-q",
                "-f",
                repo.resolve("pom.xml").toString(),
                "-pl",
                String.join(",", DeployFiles.SERVICES),
                "-am",
                "package",
                "-DskipTests",
                "-Dquarkus.container-image.build=true");
        Run run = run(build, 1800);
        assertEquals(0, run.exit, String.join(" ", build) + ":\n" + run.output);
        for (String service : DeployFiles.SERVICES) {
            String image = DeployFiles.scalar(
                    DeployFiles.child(
                            DeployFiles.yaml(repo.resolve("deploy/compose/docker-compose.yml")), "services", service),
                    "image");
            Run inspect = run(
                    List.of(
                            "docker",
                            "image",
                            "inspect",
                            "--format",
                            "{{.Config.User}} {{json .Config.ExposedPorts}}",
                            image),
                    60);
            assertEquals(
                    0, inspect.exit, "Jib put " + image + " into the daemon, as Compose runs it:\n" + inspect.output);
            assertTrue(inspect.output.startsWith("185 "), image + " runs as uid 185: " + inspect.output);
        }
    }

    private record Run(int exit, String output) {}

    private static void assumeTool(List<String> probe, String reason) throws Exception {
        if (!succeeds(probe)) {
            skip(reason);
        }
    }

    private static void skip(String reason) {
        System.out.println("[deploy] skipped: " + reason);
        Assumptions.abort(reason);
    }

    private static boolean succeeds(List<String> command) throws InterruptedException {
        Run run = runQuietly(command);
        return run != null && run.exit == 0;
    }

    /** The command's result, or null when it cannot be started (not installed). */
    private static Run runQuietly(List<String> command) throws InterruptedException {
        try {
            return run(command, 60);
        } catch (IOException e) {
            return null;
        }
    }

    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("stormwatch-deploy-tool", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Run(-1, "timed out after " + timeoutSeconds + " s: " + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
