package dev.stormwatch.correlator;

import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.CatalogLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The catalogs the tests run against: the example platform of the repository, and the worked example of
 * docs/dr-process.md.
 */
public final class Catalogs {

    public static final String CONTOSO = "contoso-data-platform";

    /**
     * docs/dr-process.md, "The RTO arithmetic": critical path Key Vault → Storage → Databricks → Power BI = 200 min.
     */
    static final String SPEC_EXAMPLE = """
            platform:
              id: spec-example
              name: SPEC example
              primaryRegion: westeurope
              secondaryRegion: northeurope
              strategy: %s
              rto: %s
            components:
              - id: key-vault
                service: Key Vault
                layer: foundation
                priority: 1
                recovery:
                  - { name: restore vault, expected: 20m, contingency: 10m }
              - id: storage
                service: Storage
                layer: store
                priority: 1
                dependsOn: [key-vault]
                recovery:
                  - { name: fail over storage, expected: 60m, contingency: 30m }
              - id: data-factory
                service: Data Factory
                layer: ingest
                priority: 1
                dependsOn: [key-vault]
                recovery:
                  - { name: enable runtime, expected: 30m, contingency: 15m }
              - id: databricks
                service: Azure Databricks
                layer: model
                priority: 2
                dependsOn: [storage]
                recovery:
                  - { name: deploy workspace, expected: 40m, contingency: 20m, parallelGroup: ws }
                  - { name: restore jobs, expected: 25m, contingency: 5m, parallelGroup: ws }
              - id: power-bi
                service: Power BI
                layer: serve
                priority: 1
                dependsOn: [databricks, data-factory]
                recovery:
                  - { name: repoint datasets, expected: 15m, contingency: 5m }
            contacts: []
            """;

    private Catalogs() {}

    /** deploy/catalog/contoso-data-platform.yaml, loaded and validated by the contracts' loader. */
    public static Catalog contoso() {
        return CatalogLoader.load(repo().resolve("deploy/catalog/contoso-data-platform.yaml"));
    }

    /**
     * The Contoso catalog under another platform id and in its own subscription (for tests with several platforms:
     * events scoped to one subscription hit only that platform).
     */
    public static Catalog contoso(String platformId, String subscription) {
        try {
            String yaml = Files.readString(repo().resolve("deploy/catalog/contoso-data-platform.yaml"));
            return CatalogLoader.parse(
                    platformId + ".yaml",
                    yaml.replace("id: " + CONTOSO, "id: " + platformId)
                            .replace(HealthEvents.CONTOSO_SUBSCRIPTION, subscription));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog specExample(String strategy, String rto) {
        return CatalogLoader.parse("spec-example.yaml", SPEC_EXAMPLE.formatted(strategy, rto));
    }

    public static Catalog parse(String yaml) {
        return CatalogLoader.parse("test.yaml", yaml);
    }

    static Path repo() {
        String dir = System.getProperty("stormwatch.repo.dir");
        return dir == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(dir);
    }
}
