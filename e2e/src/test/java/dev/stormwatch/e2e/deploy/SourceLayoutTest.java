package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every line of Java in the repository fits in 120 characters, the width the formatter lays code out to. The formatter
 * cannot split a string literal, a text block or a line comment, so those are wrapped by hand; this keeps them so.
 */
class SourceLayoutTest {

    static final int MAX_LINE = 120;

    @Test
    void everyJavaLineFitsIn120Characters() throws IOException {
        Path repo = DeployFiles.repo();
        List<Path> sources = javaSources(repo);
        assertTrue(sources.size() > 100, "found the modules' Java sources under " + repo + ": " + sources.size());

        List<String> tooLong = new ArrayList<>();
        for (Path file : sources) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                int length = lines.get(i).codePointCount(0, lines.get(i).length());
                if (length > MAX_LINE) {
                    tooLong.add(repo.relativize(file) + ":" + (i + 1) + ": " + length + " characters");
                }
            }
        }
        assertTrue(
                tooLong.isEmpty(),
                tooLong.size() + " lines longer than " + MAX_LINE + " characters (wrap strings with +, text blocks"
                        + " with a \\ line end, comments by hand):\n" + String.join("\n", tooLong));
    }

    /**
     * The Java files under the modules' {@code src} folders, wherever a module sits; build output and dot folders
     * skipped.
     */
    private static List<Path> javaSources(Path repo) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(repo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = String.valueOf(dir.getFileName());
                return !dir.equals(repo) && (name.equals("target") || name.startsWith("."))
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.toString().endsWith(".java")
                        && repo.relativize(file).toString().contains("/src/")) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }
}
