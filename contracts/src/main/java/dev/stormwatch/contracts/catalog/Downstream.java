package dev.stormwatch.contracts.catalog;

import java.util.List;

/** A downstream system or team that starts its own recovery once the components it reads from are handed over. */
public record Downstream(String id, String name, List<String> components, String contact) {

    public Downstream {
        components = components == null ? List.of() : List.copyOf(components);
    }
}
