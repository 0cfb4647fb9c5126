package dev.stormwatch.contracts.catalog.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogException;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import dev.stormwatch.contracts.catalog.CatalogProblem;
import dev.stormwatch.contracts.catalog.DurationText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The catalogs {@link CatalogLoaderFuzzTest} found breaking the loader (seed 20261122), reduced to a few lines each:
 * before the fix each crashed it with a StackOverflowError, an ArithmeticException or an UncheckedIOException, returned
 * null, or listed a problem at line -1 under a path that was not where the field is.
 */
class CatalogLoaderRegressionTest {

    private static final String PLATFORM = """
            platform:
              id: p
              primaryRegion: westeurope
              secondaryRegion: northeurope
              strategy: redeploy
              rto: 4h
            """;

    @Test
    void selfReferencingAnchorLoadsInsteadOfOverflowingTheStack() {
        // Fuzz iteration 186: SnakeYAML composes "&loop [*loop]" into a list that contains itself.
        Catalog c = CatalogLoader.parse("loop.yaml", PLATFORM + """
                components:
                  - id: a
                    service: Storage
                    layer: store
                    aliases: &loop [*loop]
                """);

        // Jackson reads an alias as the anchor's name.
        assertEquals(List.of("loop"), c.components().get(0).aliases());
    }

    @Test
    void aliasBombIsIndexedOnceAndRefusedForItsUnknownFields() {
        // Fuzz iteration 1620: six levels of nine aliases each were walked 9^6 times when lines were indexed.
        StringBuilder bomb = new StringBuilder("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 6; i++) {
            bomb.append("lol")
                    .append(i)
                    .append(": &lol")
                    .append(i)
                    .append(" [")
                    .append(("*lol" + (i - 1) + ", ").repeat(8))
                    .append("*lol")
                    .append(i - 1)
                    .append("]\n");
        }
        String yaml = bomb + PLATFORM + "components: [{id: a, service: Storage, layer: store}]\n";

        CatalogException e = assertThrows(
                CatalogException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CatalogLoader.parse("bomb.yaml", yaml)));

        assertEquals(
                List.of(
                        "bomb.yaml:1: lol0: unknown field 'lol0'",
                        "bomb.yaml:2: lol1: unknown field 'lol1'",
                        "bomb.yaml:3: lol2: unknown field 'lol2'",
                        "bomb.yaml:4: lol3: unknown field 'lol3'",
                        "bomb.yaml:5: lol4: unknown field 'lol4'",
                        "bomb.yaml:6: lol5: unknown field 'lol5'"),
                lines(e));
    }

    @Test
    void dependencyChainOfTenThousandComponentsIsCheckedOnASmallStack() throws InterruptedException {
        // Fuzz iteration 32: the cycle check recursed once per component and overflowed at about 5 000.
        String open = chain(10_000, false);
        String closed = chain(10_000, true);
        AtomicReference<Object> loaded = new AtomicReference<>();
        AtomicReference<Object> refused = new AtomicReference<>();
        Thread small = new Thread(
                null,
                () -> {
                    loaded.set(outcome(() -> CatalogLoader.parse("chain.yaml", open)));
                    refused.set(outcome(() -> CatalogLoader.parse("cycle.yaml", closed)));
                },
                "small-stack",
                512 * 1024);
        small.start();
        small.join(120_000);

        assertTrue(loaded.get() instanceof Catalog, String.valueOf(loaded.get()));
        assertEquals(10_000, ((Catalog) loaded.get()).components().size());
        assertTrue(refused.get() instanceof CatalogException, String.valueOf(refused.get()));
        List<CatalogProblem> problems = ((CatalogException) refused.get()).problems();
        assertEquals(1, problems.size());
        // c0 depends on c9999, each other on the one before: found from c0, closed at c1's dependency on c0.
        assertEquals("components[1].dependsOn[0]", problems.get(0).path());
        assertEquals(9, problems.get(0).line());
        assertTrue(
                problems.get(0).message().startsWith("dependency cycle: c0 → c9999 → c9998 → "),
                problems.get(0).message());
        assertTrue(
                problems.get(0).message().endsWith(" → c2 → c1 → c0"),
                problems.get(0).message());
    }

    @Test
    void durationBeyondWhatALongHoldsIsAProblemNotAnArithmeticException() {
        // Fuzz iteration 2251.
        CatalogException hours = assertThrows(
                CatalogException.class,
                () -> CatalogLoader.parse(
                        "hours.yaml", PLATFORM.replace("4h", "999999999999999999h") + "components: []\n"));
        CatalogException digits = assertThrows(
                CatalogException.class,
                () -> CatalogLoader.parse(
                        "digits.yaml", PLATFORM.replace("4h", "99999999999999999999d") + "components: []\n"));

        assertEquals(List.of("hours.yaml:6: platform.rto: '999999999999999999h' is too long a duration"), lines(hours));
        assertEquals(
                List.of("digits.yaml:6: platform.rto: '99999999999999999999d' is too long a duration"), lines(digits));
        IllegalArgumentException direct =
                assertThrows(IllegalArgumentException.class, () -> DurationText.parse("106751991167301d"));
        assertEquals("'106751991167301d' is too long a duration", direct.getMessage());
        assertEquals(Duration.ofDays(106751991167300L), DurationText.parse("106751991167300d"));
    }

    @Test
    void unknownFieldsAreNamedWhereTheyAreWithTheirLine() {
        // Fuzz iterations 2, 30 and 34: a record's unknown fields were reported from a stale context, at line -1 and
        // under the path of whatever the parser had read last (escalationPolicies[2].x9 for a top-level x9).
        CatalogException block =
                assertThrows(CatalogException.class, () -> CatalogLoader.parse("block.yaml", PLATFORM + """
                componentz:
                  - id: a
                contacts:
                  - id: ann
                    channels: [{type: email, address: ann@example.org}]
                    lave: []
                """));
        CatalogException flow = assertThrows(CatalogException.class, () -> CatalogLoader.parse("flow.yaml", """
                {"platform": {"id": "p", "primaryRegion": "eastus", "secondaryRegion": "westus",\
                 "strategy": "redeploy", "rto": "8h"},
                 "extra": [1],
                 "contacts": [{"id": "c", "channels": [{"type": "email", "address": "c@example.org"}]}]}
                """));
        CatalogException nested =
                assertThrows(CatalogException.class, () -> CatalogLoader.parse("nested.yaml", PLATFORM + """
                contacts:
                  - id: ann
                    x813: [{a: 1}, {b: 2}]
                    priority: 3
                    channels: [{type: email, address: ann@example.org}]
                """));

        // A record's unknown fields are reported when the record ends, so the inner record's come first.
        assertEquals(
                List.of(
                        "block.yaml:12: contacts[0].lave: unknown field 'lave'",
                        "block.yaml:7: componentz: unknown field 'componentz'"),
                lines(block));
        assertEquals(List.of("flow.yaml:2: extra: unknown field 'extra'"), lines(flow));
        assertEquals(
                List.of(
                        "nested.yaml:9: contacts[0].x813: unknown field 'x813'",
                        "nested.yaml:10: contacts[0].priority: unknown field 'priority'"),
                lines(nested));
    }

    @Test
    void complexKeyIsAProblemNotAnUncheckedIoException() {
        // Fuzz iteration 624: SnakeYAML accepts a list as a key, Jackson's reader does not.
        CatalogException e = assertThrows(
                CatalogException.class, () -> CatalogLoader.parse("complex.yaml", PLATFORM + "? [a, b]\n: c\n"));

        assertEquals(
                List.of("complex.yaml:7: not a catalog: Expected a field name (Scalar value in YAML), got this "
                        + "instead: a list"),
                lines(e));
    }

    @Test
    void documentHoldingOnlyNullIsRefusedInsteadOfLoadingAsNull() {
        // Fuzz iteration 6: the loader returned null for these.
        for (String yaml : List.of("~", "null\n", "--- \n...")) {
            CatalogException e =
                    assertThrows(CatalogException.class, () -> CatalogLoader.parse("null.yaml", yaml), yaml);
            assertEquals(1, e.problems().size(), yaml);
            assertEquals(
                    "no catalog in the file: expected a mapping with platform, components and the other sections",
                    e.problems().get(0).message(),
                    yaml);
        }
    }

    private static String chain(int n, boolean cycle) {
        StringBuilder out = new StringBuilder(PLATFORM).append("components:\n");
        for (int i = 0; i < n; i++) {
            out.append("  - {id: c").append(i).append(", service: Storage, layer: store");
            if (i > 0 || cycle) {
                out.append(", dependsOn: [c").append(i == 0 ? n - 1 : i - 1).append(']');
            }
            out.append("}\n");
        }
        return out.toString();
    }

    private static Object outcome(java.util.function.Supplier<Object> load) {
        try {
            return load.get();
        } catch (Throwable t) {
            return t;
        }
    }

    private static List<String> lines(CatalogException e) {
        return e.problems().stream().map(CatalogProblem::toString).toList();
    }
}
