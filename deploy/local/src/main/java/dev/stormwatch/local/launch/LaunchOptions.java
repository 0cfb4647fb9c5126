package dev.stormwatch.local.launch;

import java.nio.file.Files;
import java.nio.file.Path;

/** The launcher's command line. */
record LaunchOptions(
        Path repo,
        Path catalog,
        Path dataDir,
        String scenario,
        double speed,
        int kafkaPort,
        int inboxPort,
        int smtpPort,
        boolean exitAfterScenario,
        boolean help) {

    static final String USAGE = """
            usage: ./stormwatch [--catalog FILE] [--scenario NAME] [--speed N] [--data DIR] [--exit-after-scenario]
              --catalog FILE         the DR plan to run (default: the scenario's own catalog, else
                                     deploy/catalog/contoso-data-platform.yaml)
              --scenario NAME        replay a recorded outage from deploy/scenarios/NAME.yaml through the real ingest \
            endpoint
              --speed N              replay N times faster than real time (default 1; --speed 60 plays an hour a minute)
              --data DIR             where the broker's data and the logs live (default target/stormwatch); kept \
            between runs
              --exit-after-scenario  stop everything once the scenario has played (for tests and demos)
            """;

    static LaunchOptions parse(String[] args) {
        Path repo = Path.of(System.getProperty("stormwatch.repo", "."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(repo.resolve("deploy/local"))) {
            throw new IllegalArgumentException("run from the repository root (no deploy/local under " + repo + ")");
        }
        Path catalog = repo.resolve("deploy/catalog/contoso-data-platform.yaml");
        Path data = repo.resolve("target/stormwatch");
        String scenario = null;
        double speed = 1;
        boolean exit = false;
        boolean help = false;
        boolean catalogGiven = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--catalog" -> {
                    catalog = Path.of(value(args, ++i, "--catalog")).toAbsolutePath();
                    catalogGiven = true;
                }
                case "--scenario" -> scenario = value(args, ++i, "--scenario");
                case "--speed" -> {
                    String v = value(args, ++i, "--speed");
                    try {
                        speed = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--speed takes a number, not '" + v + "'");
                    }
                    if (speed <= 0) {
                        throw new IllegalArgumentException("--speed must be above 0");
                    }
                }
                case "--data" -> data = Path.of(value(args, ++i, "--data")).toAbsolutePath();
                case "--exit-after-scenario" -> exit = true;
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (exit && scenario == null) {
            throw new IllegalArgumentException("--exit-after-scenario needs --scenario");
        }
        if (scenario != null && !catalogGiven) {
            // A replay runs against the plan whose primary region its outage hits.
            String own =
                    Scenario.load(repo.resolve("deploy/scenarios"), scenario).catalog();
            if (own != null) {
                catalog = repo.resolve(own);
            }
        }
        return new LaunchOptions(repo, catalog, data, scenario, speed, 9092, 8090, 2525, exit, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
