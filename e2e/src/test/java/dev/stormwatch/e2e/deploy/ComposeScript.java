package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs one of the compose file's one-shot scripts ({@code kafka-topics}, {@code kafka-access}) as Compose hands it to
 * bash in the apache/kafka image, against a real broker: the {@code kafka-*.sh} tools are stand-ins that start Kafka's
 * own CLI classes on this JVM's class path; only the bootstrap address, the administrator's client settings and the
 * tools' folder are the caller's. Only bash is needed, no Docker.
 */
final class ComposeScript {

    private static final Pattern BOOTSTRAP_LINE = Pattern.compile("(?m)^bootstrap=.*$");
    private static final Pattern BIN_LINE = Pattern.compile("(?m)^bin=.*$");
    private static final Pattern CONFIG_LINE = Pattern.compile("(?m)^config=.*$");
    /** The image's tools the scripts call, and the CLI class each one starts. */
    private static final Map<String, String> TOOLS = Map.of(
            "kafka-topics.sh",
            "org.apache.kafka.tools.TopicCommand",
            "kafka-configs.sh",
            "kafka.admin.ConfigCommand",
            "kafka-acls.sh",
            "org.apache.kafka.tools.AclCommand");

    record Run(int exit, String output) {}

    private ComposeScript() {}

    /**
     * Runs the script of compose service {@code service} with {@code environment} (the service's own variables, which
     * Compose would have interpolated), in {@code tools} (a scratch folder).
     */
    static Run run(String service, String bootstrap, Path adminConfig, Map<String, String> environment, Path tools)
            throws Exception {
        Path bash = bash();
        String script = script(service);
        assertTrue(
                BOOTSTRAP_LINE.matcher(script).find()
                        && BIN_LINE.matcher(script).find()
                        && CONFIG_LINE.matcher(script).find(),
                service + ": the script names its bootstrap servers, the tools' folder and the administrator's client"
                        + " settings on lines of their own");
        script = BOOTSTRAP_LINE.matcher(script).replaceFirst(Matcher.quoteReplacement("bootstrap=" + bootstrap));
        script = BIN_LINE.matcher(script).replaceFirst(Matcher.quoteReplacement("bin=" + tools));
        script = CONFIG_LINE.matcher(script).replaceFirst(Matcher.quoteReplacement("config=" + adminConfig));
        for (var tool : TOOLS.entrySet()) {
            tool(tools, tool.getKey(), tool.getValue());
        }
        Path log = tools.resolve(service + "-" + System.nanoTime() + ".log");
        // Compose runs it as: entrypoint ["/bin/bash", "-ec"], command [script].
        ProcessBuilder builder = new ProcessBuilder(bash.toString(), "-ec", script)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(service + ": the script did not finish in 5 minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    /** The service's script with Compose's escaping undone ($$ is a literal $). */
    static String script(String service) {
        Map<String, Object> definition = DeployFiles.child(
                DeployFiles.yaml(DeployFiles.repo().resolve("deploy/compose/docker-compose.yml")), "services", service);
        List<String> command = ComposeFileTest.strings(DeployFiles.list(definition, "command"));
        assertEquals(1, command.size(), service + ": one script, run by the entrypoint's bash -ec");
        assertEquals(List.of("/bin/bash", "-ec"), ComposeFileTest.strings(DeployFiles.list(definition, "entrypoint")));
        return command.get(0).replace("$$", "$");
    }

    /** A stand-in for the image's bin/NAME: the same CLI class, on this JVM's class path. */
    private static void tool(Path tools, String name, String mainClass) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String text = "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '"
                + System.getProperty("java.class.path") + "' " + mainClass + " \"$@\"\n";
        Path file = tools.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static Path bash() {
        for (String candidate : List.of("/bin/bash", "/usr/bin/bash")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String reason = "bash is not installed: the compose scripts are checked by parsing only";
        System.out.println("[deploy] skipped: " + reason);
        Assumptions.abort(reason);
        return null;
    }
}
