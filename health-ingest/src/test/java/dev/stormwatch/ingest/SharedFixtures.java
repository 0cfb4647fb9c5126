package dev.stormwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The public provider payloads in {@code ../shared/fixtures}, found through the {@code stormwatch.shared.dir} system
 * property the parent build sets. Tests that need them are skipped, with the reason printed, where that folder is
 * absent; the fixtures are never copied into the repository.
 */
public final class SharedFixtures {

    public static final String SKIPPED = "../shared not found: fixture tests skipped";

    private SharedFixtures() {}

    public static Path dir() {
        String shared = System.getProperty("stormwatch.shared.dir");
        Path dir = shared == null ? null : Path.of(shared, "fixtures");
        boolean present = dir != null && Files.isDirectory(dir);
        if (!present) {
            System.out.println(SKIPPED + " (stormwatch.shared.dir=" + shared + ")");
        }
        Assumptions.assumeTrue(present, SKIPPED);
        return dir;
    }

    public static String text(String relative) {
        try {
            return Files.readString(dir().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String relative) {
        try {
            return JsonCodec.mapper().readTree(text(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded HTTP response body of an azure-rest-api-specs example file ({@code responses.200.body}). */
    public static JsonNode specResponse(String relative) {
        return json(relative).path("responses").path("200").path("body");
    }
}
