package dev.stormwatch.e2e.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property names of the {@code @ConfigMapping} interfaces in a module's sources, read from the Java text (the
 * services are Quarkus applications the e2e module does not load): the prefix, then one segment per method in kebab
 * case ({@code tenantId()} → {@code tenant-id}, SmallRye's default naming), nested groups followed through their
 * interface, {@code Map<String, Group>} as {@code name.*.…}, {@code @WithName} and {@code @WithParentName} honoured.
 */
final class ConfigMappingSource {

    /** One property of a mapping; {@code *} stands for a map key. */
    record Property(String name, Path source) {}

    private static final Pattern MAPPING = Pattern.compile(
            "@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]*)\"[^)]*\\)[\\s\\S]*?\\binterface\\s+(\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{;]*\\{");
    private static final Pattern METHOD = Pattern.compile("^([\\w.<>,?\\[\\]\\s]+?)\\s+(\\w+)\\s*\\(\\s*\\)$");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");

    private ConfigMappingSource() {}

    static List<Property> properties(List<Path> sources) {
        Map<Path, String> code = new LinkedHashMap<>();
        Map<String, String> interfaces = new HashMap<>();
        for (Path source : sources) {
            String text = withoutComments(ServiceConfiguration.read(source));
            code.put(source, text);
            Matcher m = INTERFACE.matcher(text);
            while (m.find()) {
                int open = m.end() - 1;
                interfaces.putIfAbsent(m.group(1), text.substring(open + 1, matching(text, open)));
            }
        }
        List<Property> properties = new ArrayList<>();
        for (var entry : code.entrySet()) {
            Matcher m = MAPPING.matcher(entry.getValue());
            while (m.find()) {
                String body = interfaces.get(m.group(2));
                if (body != null) {
                    walk(m.group(1), body, interfaces, entry.getKey(), properties, 0);
                }
            }
        }
        return properties;
    }

    private static void walk(
            String prefix, String body, Map<String, String> interfaces, Path source, List<Property> out, int depth) {
        if (depth > 10) {
            throw new IllegalStateException("config mapping nested too deep under " + prefix + " in " + source);
        }
        for (String declaration : declarations(body)) {
            Matcher withName = WITH_NAME.matcher(declaration);
            String explicitName = withName.find() ? withName.group(1) : null;
            boolean parentName = declaration.contains("@WithParentName");
            String signature = withoutAnnotations(declaration).trim();
            Matcher method = METHOD.matcher(signature);
            // default and static methods compute from other members; they are not properties.
            if (!method.matches() || signature.startsWith("default ") || signature.startsWith("static ")) {
                continue;
            }
            String type = method.group(1).replaceAll("\\s+", "");
            String segment = parentName ? "" : explicitName != null ? explicitName : kebab(method.group(2));
            String name = segment.isEmpty() ? prefix : prefix.isEmpty() ? segment : prefix + "." + segment;
            String inner = unwrap(type, "Optional");
            Optional<String> mapValue = mapValue(inner);
            if (mapValue.isPresent()) {
                String group = interfaces.get(simpleName(mapValue.get()));
                if (group != null) {
                    walk(name + ".*", group, interfaces, source, out, depth + 1);
                } else {
                    out.add(new Property(name + ".*", source));
                }
                continue;
            }
            String group = interfaces.get(simpleName(inner));
            if (group != null) {
                walk(name, group, interfaces, source, out, depth + 1);
            } else {
                out.add(new Property(name, source));
            }
        }
    }

    /** The member declarations at the top level of an interface body: nested bodies cut out, split at ';'. */
    private static List<String> declarations(String body) {
        StringBuilder flat = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                int end = stringEnd(body, i);
                flat.append(body, i, end + 1);
                i = end;
            } else if (c == '{') {
                i = matching(body, i);
                flat.append(';');
            } else {
                flat.append(c);
            }
        }
        List<String> out = new ArrayList<>();
        for (String part : flat.toString().split(";")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static String withoutAnnotations(String declaration) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < declaration.length(); i++) {
            char c = declaration.charAt(i);
            if (c == '@') {
                int j = i + 1;
                while (j < declaration.length()
                        && (Character.isJavaIdentifierPart(declaration.charAt(j)) || declaration.charAt(j) == '.')) {
                    j++;
                }
                while (j < declaration.length() && Character.isWhitespace(declaration.charAt(j))) {
                    j++;
                }
                if (j < declaration.length() && declaration.charAt(j) == '(') {
                    j = closingParen(declaration, j);
                    j++;
                }
                i = j - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString().replaceAll("\\b(public|abstract)\\b", "");
    }

    private static String unwrap(String type, String wrapper) {
        for (String prefix : List.of(wrapper + "<", "java.util." + wrapper + "<")) {
            if (type.startsWith(prefix) && type.endsWith(">")) {
                return type.substring(prefix.length(), type.length() - 1);
            }
        }
        return type;
    }

    private static Optional<String> mapValue(String type) {
        for (String prefix : List.of("Map<", "java.util.Map<")) {
            if (type.startsWith(prefix) && type.endsWith(">")) {
                String args = type.substring(prefix.length(), type.length() - 1);
                int depth = 0;
                for (int i = 0; i < args.length(); i++) {
                    char c = args.charAt(i);
                    depth += c == '<' ? 1 : c == '>' ? -1 : 0;
                    if (c == ',' && depth == 0) {
                        return Optional.of(args.substring(i + 1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String simpleName(String type) {
        String raw = type.contains("<") ? type.substring(0, type.indexOf('<')) : type;
        return raw.substring(raw.lastIndexOf('.') + 1);
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = stringEnd(text, i);
                out.append(text, i, end + 1);
                i = end;
            } else if (c == '\'' && i + 2 < text.length()) {
                int end = text.indexOf('\'', i + (text.charAt(i + 1) == '\\' ? 3 : 2));
                out.append(text, i, end + 1);
                i = end;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = (end < 0 ? text.length() : end) - 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                out.append(' ');
                i = end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int stringEnd(String text, int open) {
        if (text.startsWith("\"\"\"", open)) {
            return text.indexOf("\"\"\"", open + 3) + 2;
        }
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw new IllegalStateException("unterminated string literal");
    }

    private static int matching(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = stringEnd(text, i);
            } else if (c == '\'') {
                i = text.indexOf('\'', i + (text.charAt(i + 1) == '\\' ? 3 : 2));
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private static int closingParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = stringEnd(text, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced parentheses");
    }
}
