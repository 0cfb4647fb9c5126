package dev.stormwatch.contracts.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** A catalog that cannot be used, with every problem found in it, each with its file, line and path. */
public class CatalogException extends RuntimeException {

    private final List<CatalogProblem> problems;

    public CatalogException(String file, List<CatalogProblem> problems) {
        super("catalog " + file + " is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<CatalogProblem> problems() {
        return problems;
    }
}
