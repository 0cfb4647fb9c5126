package dev.stormwatch.contracts.catalog;

/**
 * One thing wrong with a catalog: where (file, line, path such as {@code components[3].dependsOn[0]}) and what.
 * {@code line} is 0 when the problem has no single place (a missing section).
 */
public record CatalogProblem(String file, int line, String path, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (path == null || path.isEmpty() ? "" : path + ": ")
                + message;
    }
}
