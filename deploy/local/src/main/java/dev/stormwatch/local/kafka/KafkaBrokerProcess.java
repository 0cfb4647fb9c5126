package dev.stormwatch.local.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@link KafkaBrokerMain} as a separate JVM, for the local run: started from this module's build output
 * ({@code target/classes} and {@code target/classpath.txt}, which the build writes), ready once it printed its ready
 * line, stopped with SIGTERM.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    /** The build writes this module's runtime classpath there (maven-dependency-plugin, build-classpath). */
    public static final String CLASSPATH_FILE = "target/classpath.txt";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String bootstrapServers;

    private KafkaBrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The classpath that runs {@link KafkaBrokerMain}: {@code moduleDir/target/classes} followed by the entries of
     * {@code moduleDir/target/classpath.txt}. {@code moduleDir} is this module's directory ({@code deploy/local}).
     */
    public static String classpath(Path moduleDir) {
        Path file = moduleDir.resolve(CLASSPATH_FILE);
        try {
            String dependencies = Files.readString(file, StandardCharsets.UTF_8).trim();
            return moduleDir.resolve("target/classes").toAbsolutePath() + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    file.toAbsolutePath() + " is missing: build deploy/local first ("
                            + "./mvnw -pl deploy/local package)",
                    e);
        }
    }

    /** The command line that starts the broker process: this JVM's java, the module's classpath, data dir, port. */
    public static List<String> command(Path moduleDir, Path dataDir, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Two cores shared with the services: a small heap is plenty for a local broker.
        command.add("-Xmx512m");
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        command.add("-cp");
        command.add(classpath(moduleDir));
        command.add(KafkaBrokerMain.class.getName());
        command.add(dataDir.toAbsolutePath().toString());
        command.add(String.valueOf(port));
        return command;
    }

    /**
     * Starts the broker process and waits up to {@code timeout} for its ready line. Every line it prints goes to
     * {@code output} (the ready line included), so its warnings stay visible.
     */
    public static KafkaBrokerProcess start(
            Path moduleDir, Path dataDir, int port, Duration timeout, Consumer<String> output) {
        ProcessBuilder builder = new ProcessBuilder(command(moduleDir, dataDir, port)).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker process", e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, ready, output), "kafka-broker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            String bootstrap = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new KafkaBrokerProcess(process, bootstrap);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "Kafka broker process not ready after " + timeout + " ("
                            + (e instanceof ExecutionException ? e.getCause().getMessage() : "no ready line") + ")",
                    e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker process", e);
        }
    }

    private static void pump(Process process, CompletableFuture<String> ready, Consumer<String> output) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.accept(line);
                if (line.startsWith(KafkaBrokerMain.READY_PREFIX)) {
                    ready.complete(line.substring(KafkaBrokerMain.READY_PREFIX.length())
                            .trim());
                }
            }
        } catch (IOException e) {
            // The process closed its output: it ended, which the exit check below reports.
        }
        // The output closes a moment before the process is reaped: wait for its exit code rather than ask too early.
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        ready.completeExceptionally(
                new IllegalStateException("the process ended with exit code " + exit + " before it was ready"));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Process process() {
        return process;
    }

    /** Sends SIGTERM and waits for the broker's clean shutdown; kills it if that takes longer than 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
