package dev.stormwatch.contracts.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a catalog from YAML and validates it. A bad catalog is rejected with a {@link CatalogException} that lists
 * every problem with the file, the line and the path in it; never a stack trace for a person to decode.
 */
public final class CatalogLoader {

    private CatalogLoader() {}

    public static Catalog load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CatalogException(
                    file.toString(), List.of(new CatalogProblem(file.toString(), 0, "", "file not found")));
        } catch (IOException e) {
            throw new CatalogException(
                    file.toString(),
                    List.of(new CatalogProblem(file.toString(), 0, "", "cannot read: " + e.getMessage())));
        }
        return parse(file.toString(), text);
    }

    /** Parses and validates catalog YAML; {@code file} only names it in problems. */
    public static Catalog parse(String file, String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(10 * 1024 * 1024);
            Node root = new Yaml(options).compose(new StringReader(yaml));
            if (root == null) {
                throw new CatalogException(file, List.of(new CatalogProblem(file, 0, "", "the file is empty")));
            }
            index(root, "", lines, Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new CatalogException(
                    file, List.of(new CatalogProblem(file, line, "", "not valid YAML: " + e.getProblem())));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new CatalogException(
                    file, List.of(new CatalogProblem(file, 0, "", "not valid YAML: " + e.getMessage())));
        }

        List<CatalogProblem> problems = new ArrayList<>();
        Catalog catalog = bind(file, yaml, lines, problems);
        if (catalog == null && problems.isEmpty()) {
            // "~", "null" or "--- ..." bind to no catalog at all rather than to a wrong type.
            problems.add(new CatalogProblem(
                    file,
                    lines.getOrDefault("", 0),
                    "",
                    "no catalog in the file: expected a mapping with platform, components and the other sections"));
        }
        if (catalog != null) {
            problems.addAll(CatalogValidator.validate(catalog, file, lines));
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(file, problems);
        }
        return catalog;
    }

    private static Catalog bind(String file, String yaml, Map<String, Integer> lines, List<CatalogProblem> problems) {
        ObjectMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .build();
        mapper.addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(
                    DeserializationContext ctxt,
                    JsonParser p,
                    JsonDeserializer<?> deserializer,
                    Object beanOrClass,
                    String propertyName)
                    throws IOException {
                // Records are built through their constructor, so Jackson buffers their unknown fields and hands them
                // over once the record ended, from a copy whose context is stale; the document's own parser then stands
                // just past the record, in the context that names it.
                JsonParser document = ctxt.getParser();
                String at = document != null && document != p
                        ? pathTo(document.getParsingContext())
                        : path(p.getParsingContext());
                at = at.isEmpty() ? propertyName : at + "." + propertyName;
                problems.add(new CatalogProblem(file, lineOf(at, lines), at, "unknown field '" + propertyName + "'"));
                p.skipChildren();
                return true;
            }
        });
        try {
            return mapper.readValue(yaml, Catalog.class);
        } catch (JsonMappingException e) {
            String at = pathOf(e.getPath());
            int line = lines.getOrDefault(
                    at,
                    e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr()));
            problems.add(new CatalogProblem(file, line, at, "wrong type: " + firstLine(e.getOriginalMessage())));
            return null;
        } catch (JsonProcessingException e) {
            // YAML that SnakeYAML composes but Jackson cannot read as a catalog: a complex key, a number beyond limits.
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            problems.add(new CatalogProblem(file, line, "", "not a catalog: " + firstLine(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line of {@code path}, or of the nearest enclosing path the document has; 0 when none. */
    private static int lineOf(String path, Map<String, Integer> lines) {
        for (String p = path; ; ) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
    }

    /** The path a context stands for, the context itself included (path() starts at its parent). */
    private static String pathTo(JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String s = nl < 0 ? message : message.substring(0, nl);
        // Jackson names Java types; a catalog author thinks in YAML shapes.
        return s.replace("java.util.ArrayList<java.lang.Object>", "a list")
                .replace("java.util.List<java.lang.String>", "a list")
                .replace("java.lang.String", "text")
                .replace("java.lang.Integer", "a whole number")
                .replaceAll("`dev\\.stormwatch\\.contracts\\.catalog\\.(\\w+)`", "$1")
                .replaceAll("<org\\.yaml\\.snakeyaml\\.events\\.SequenceStartEvent\\([^)]*\\)>", "a list")
                .replaceAll("<org\\.yaml\\.snakeyaml\\.events\\.MappingStartEvent\\([^)]*\\)>", "a mapping");
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String path(JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = ctx.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    /**
     * Maps every path in the document (platform.rto, components[2].dependsOn[0]) to its 1-based line. Each node is
     * indexed once: an alias is the anchored node itself, and a self-referencing anchor ({@code &a [*a]}) makes the
     * graph cyclic.
     */
    private static void index(Node node, String path, Map<String, Integer> lines, Set<Node> seen) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    lines.put(child, key.getStartMark().getLine() + 1);
                    index(t.getValueNode(), child, lines, seen);
                }
            }
        } else if (node instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                index(items.get(i), path + "[" + i + "]", lines, seen);
            }
        }
    }
}
