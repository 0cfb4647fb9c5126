package dev.stormwatch.local.launch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stormwatch.contracts.catalog.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded outage from {@code deploy/scenarios/NAME.yaml}: timed posts to the ingest endpoints and DR-lead decisions.
 * {@code catalog}, when present, is the DR plan (relative to the repository root) whose primary region the outage hits;
 * the launcher runs it unless told another.
 */
public record Scenario(
        String name, String description, String catalog, List<String> sources, List<Step> steps, Path dir) {

    /** What the DR lead does at a step: approve or decline the open decision(s) of a kind. */
    public record Decide(String kind, String action, String reason, String evidence, boolean all, String every) {

        Duration everyDuration() {
            return every == null ? Duration.ZERO : DurationText.parse(every);
        }
    }

    public record Step(String at, String say, String post, String payload, Decide decide) {

        public Duration offset() {
            return DurationText.parse(at);
        }
    }

    public static Scenario load(Path dir, String name) {
        Path file = dir.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "no scenario '" + name + "': " + file + " does not exist (scenarios: " + available(dir) + ")");
        }
        ObjectMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        Scenario s;
        try {
            s = yaml.readValue(file.toFile(), Scenario.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario " + file + " is not valid: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < s.steps().size(); i++) {
            Step step = s.steps().get(i);
            String at = file.getFileName() + " steps[" + i + "]";
            try {
                step.offset();
            } catch (IllegalArgumentException e) {
                problems.add(at + ".at: " + e.getMessage());
            }
            if ((step.post() == null) == (step.decide() == null)) {
                problems.add(at + ": a step either posts a payload or decides");
            }
            if (step.post() != null && !List.of("azure-monitor", "events").contains(step.post())) {
                problems.add(at + ".post: '" + step.post() + "' is not azure-monitor or events");
            }
            if (step.post() != null && (step.payload() == null || !Files.isRegularFile(dir.resolve(step.payload())))) {
                problems.add(at + ".payload: no file " + dir.resolve(String.valueOf(step.payload())));
            }
            if (step.decide() != null
                    && !List.of("approve", "decline").contains(step.decide().action())) {
                problems.add(at + ".decide.action: must be approve or decline");
            }
        }
        if (s.catalog() != null
                && !Files.isRegularFile(
                        dir.resolve("../..").resolve(s.catalog()).normalize())) {
            problems.add(file.getFileName() + ".catalog: no file "
                    + dir.resolve("../..").resolve(s.catalog()).normalize());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("scenario " + file + " is invalid:\n  " + String.join("\n  ", problems));
        }
        return new Scenario(s.name(), s.description(), s.catalog(), s.sources(), s.steps(), dir);
    }

    private static String available(Path dir) {
        try (var files = Files.list(dir)) {
            return String.join(
                    ", ",
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".yaml"))
                            .map(n -> n.substring(0, n.length() - 5))
                            .sorted()
                            .toList());
        } catch (IOException e) {
            return "none";
        }
    }
}
