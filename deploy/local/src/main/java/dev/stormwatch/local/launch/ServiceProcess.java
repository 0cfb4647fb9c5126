package dev.stormwatch.local.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One Stormwatch service running as its own JVM from its packaged Quarkus application
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}), configured by system properties, its output in a log file. The
 * launcher and the end-to-end tests start services the same way, through this class.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The JVM options each service starts with unless {@value #JVM_OPTIONS} gives others. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m");

    /**
     * System property (or, upper-cased with dots and dashes as underscores, environment variable) with the services'
     * JVM options, separated by spaces; the benchmark compares settings with it.
     */
    public static final String JVM_OPTIONS = "stormwatch.service.jvm-options";

    /**
     * The services' JVM options. Four services and a broker share two cores here: small heaps, and both JIT compilers.
     * The benchmark measured the optimising compiler at about 1.8 times the steady throughput of the quick one alone,
     * for under two seconds more start (see deploy/local's README).
     */
    public static List<String> jvmOptions() {
        String given = System.getProperty(
                JVM_OPTIONS, System.getenv(JVM_OPTIONS.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")));
        return given == null || given.isBlank()
                ? DEFAULT_JVM_OPTIONS
                : List.of(given.trim().split("\\s+"));
    }

    /**
     * Starts {@code module}'s packaged application from the repository at {@code repo} with {@code properties}
     * (quarkus.http.port set to {@code port}), writing its output to {@code log}. Returns at once: call
     * {@link #awaitReady(Duration)}.
     */
    public static ServiceProcess start(Path repo, String module, int port, Map<String, String> properties, Path log) {
        Path jar = repo.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build the services first (./mvnw -B install -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        // Its own session: Ctrl-C in the launcher's terminal reaches only the launcher, which stops the services
        // in order (before the broker) instead of everything dying at once.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        Map<String, String> props = new TreeMap<>(properties);
        props.put("quarkus.http.port", String.valueOf(port));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(module, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail when the process dies first. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " stopped with exit code " + process.exitValue() + ":\n" + tail(40));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail(40));
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the service's log, to show why it failed. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** SIGTERM, so Quarkus shuts down in order (consumers commit, producers flush); SIGKILL after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9: for fault tests. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
