package dev.stormwatch.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The README's benchmark command must select the benchmark: Surefire runs only classes its includes match, and its
 * defaults ({@code *Test}, {@code *Tests}, {@code *TestCase}) miss {@code *Benchmark}, which once made the documented
 * command run the long fault tests and print no table.
 */
class BenchmarkCommandTest {

    private static final String COMMAND = "./mvnw -B verify -Pbenchmark";

    @Test
    void theReadmeCommandRunsEveryBenchmarkClass() throws Exception {
        Path repo = DeployFiles.repo();
        assertTrue(Files.readString(repo.resolve("README.md")).contains(COMMAND), "README shows " + COMMAND);

        Element e2eProfile = profile(repo.resolve("e2e/pom.xml"));
        Element surefire = child(child(child(e2eProfile, "build"), "plugins"), "plugin");
        assertEquals("maven-surefire-plugin", text(surefire, "artifactId"));
        Element configuration = child(surefire, "configuration");
        assertEquals("false", text(configuration, "skipTests"), "e2e turns its tests back on under the profile");
        List<String> includes = new ArrayList<>();
        NodeList nodes = child(configuration, "includes").getElementsByTagName("include");
        for (int i = 0; i < nodes.getLength(); i++) {
            includes.add(nodes.item(i).getTextContent().trim());
        }

        Path tests = repo.resolve("e2e/src/test/java");
        List<Path> benchmarks;
        try (Stream<Path> files = Files.walk(tests)) {
            benchmarks = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(BenchmarkCommandTest::tagged)
                    .map(tests::relativize)
                    .toList();
        }
        assertFalse(benchmarks.isEmpty(), "no class tagged benchmark under " + tests);
        for (Path benchmark : benchmarks) {
            assertTrue(
                    includes.stream()
                            .anyMatch(glob -> FileSystems.getDefault()
                                    .getPathMatcher("glob:" + glob)
                                    .matches(benchmark)),
                    benchmark + " is matched by the benchmark profile's includes " + includes);
        }

        Element parentProfile = profile(repo.resolve("pom.xml"));
        assertEquals(
                "true",
                text(child(parentProfile, "properties"), "skipTests"),
                "the other modules' tests are skipped under the profile, so -am only packages them");
    }

    private static boolean tagged(Path file) {
        try {
            return Files.readString(file).contains("@Tag(\"benchmark\")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static Element profile(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        NodeList profiles = document.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if ("benchmark".equals(text(profile, "id"))) {
                return profile;
            }
        }
        throw new AssertionError(pom + " has no benchmark profile");
    }

    private static Element child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }
}
