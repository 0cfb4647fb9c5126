package dev.stormwatch.contracts.catalog.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of catalog YAML: what an author's editor, a bad merge or a hostile file does to a DR plan (lines
 * lost, doubled or re-indented, values of the wrong type, huge or deeply nested values, anchor and alias bombs, stray
 * YAML syntax, odd unicode, flipped bytes). The same random source gives the same mutant, so a failure is replayed from
 * its seed and iteration.
 */
final class CatalogMutations {

    /** A mutated catalog: its bytes (possibly not UTF-8) and the mutations applied, in order. */
    record Mutant(byte[] bytes, List<String> applied) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private interface TextMutation {
        String apply(String text, SplittableRandom rnd, List<String> applied);
    }

    // A value after "key: " in block style or "key": in flow style, up to the end of the line or the next , } ]
    private static final Pattern VALUE = Pattern.compile("(:[ \\t]+)([^\\s#{}\\[\\],][^\\n,}\\]]*)");
    private static final Pattern KEY = Pattern.compile("(?m)^([ \\t]*(?:- )?\"?)([A-Za-z][\\w-]*)(\"?:)");

    private static final String[] FIELDS = {
        "platform",
        "components",
        "contacts",
        "roles",
        "rosters",
        "escalationPolicies",
        "downstream",
        "id",
        "name",
        "primaryRegion",
        "secondaryRegion",
        "strategy",
        "rto",
        "rpo",
        "subscriptions",
        "drLead",
        "escalationPolicy",
        "drillInterval",
        "service",
        "aliases",
        "layer",
        "stage",
        "freshness",
        "priority",
        "regions",
        "resourceIds",
        "dependsOn",
        "owner",
        "recovery",
        "expected",
        "contingency",
        "parallelGroup",
        "validation",
        "onFailure",
        "escalation",
        "timeZone",
        "channels",
        "type",
        "address",
        "secretRef",
        "addressRef",
        "backup",
        "leave",
        "from",
        "to",
        "handoff",
        "rotation",
        "start",
        "members",
        "overrides",
        "contact",
        "repeat",
        "levels",
        "after",
        "notify"
    };

    private static final String[] TYPE_SWAPS = {
        "[a, b]",
        "[]",
        "{x: 1}",
        "{}",
        "42",
        "-7",
        "3.14",
        "true",
        "false",
        "~",
        "null",
        "''",
        "\"\"",
        "2026-01-01",
        "2026-01-01T10:00:00Z",
        "!!binary aGVsbG8=",
        "|\n  block\n  text",
        ">-\n  folded",
        "[[nested]]",
        "{platform: {id: x}}",
        "- item",
        "? key",
        "!!int 5",
        "!!str 5",
        "!!float 1",
        "!!timestamp 2001-12-14",
        "!!map {}",
        "!!seq []",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "!!null ''",
        "!!bool yes",
        "yes",
        "no",
        "on",
        "off",
        "0o17",
        "0x1F",
        "1_000"
    };

    private static final String[] NUMBERS = {
        "2147483648",
        "-2147483649",
        "9223372036854775808",
        "99999999999999999999999",
        "1e309",
        "-1e309",
        ".inf",
        "-.inf",
        ".nan",
        "0",
        "-0",
        "-1",
        "6",
        "1.5",
        "0x7fffffff",
        "0b101",
        "1_0"
    };

    private static final String[] DURATIONS = {
        "9223372036854775807d",
        "106751991167301d",
        "106751991167300d23h59m59s",
        "99999999999999999999d",
        "9999999999999999999s",
        "999999999999999999h",
        "PT9999999999999999999H",
        "P106751991167301D",
        "P-1D",
        "PT-1H",
        "0m",
        "-5m",
        "1d 2h",
        "1h30",
        "d",
        "PT",
        "P1Y",
        "1m1m",
        "٣h",
        "１h",
        "20 m",
        " 20m ",
        "20M"
    };

    private static final String[] TOKENS = {
        "---",
        "...",
        "%YAML 1.1",
        "%YAML 9.9",
        "%TAG ! tag:example.org,2000:",
        "!!binary",
        "!!python/object/apply:os.system [id]",
        "!!java.net.URL [\"http://127.0.0.1\"]",
        "!<tag:yaml.org,2002:str>",
        "? ",
        ": ",
        "- ",
        "#",
        "|",
        ">",
        "&",
        "*",
        "!",
        "{",
        "}",
        "[",
        "]",
        "'",
        "\"",
        "@",
        "`",
        "%",
        ",",
        "<<: {}",
        "\\",
        "\t",
        "\r",
        "\r\n",
        "? [a, b]\n: c"
    };

    private static final int[] CODE_POINTS = {
        0x0000, 0x0007, 0x0008, 0x001B, 0x007F, 0x0085, 0x00A0, 0x00AD, 0x0301, 0x200B, 0x200D, 0x202E, 0x2028, 0x2029,
        0xFEFF, 0xFFFD, 0xFFFE, 0x1F600, 0x1F1E6, 0x10FFFF, 0xE000, 0x0660, 0xFF11, 0x0130, 0x0131, 0x00DF, 0x4E2D
    };

    private final List<String> corpus;
    private final List<TextMutation> mutations = List.of(
            CatalogMutations::deleteLines,
            CatalogMutations::duplicateLines,
            CatalogMutations::swapLines,
            CatalogMutations::reindent,
            CatalogMutations::swapType,
            CatalogMutations::aliases,
            CatalogMutations::unicode,
            CatalogMutations::yamlToken,
            CatalogMutations::duplicateKey,
            CatalogMutations::truncate,
            this::splice,
            CatalogMutations::renameKey,
            CatalogMutations::numberEdge,
            CatalogMutations::durationEdge,
            CatalogMutations::replaceWhole);
    // Megabyte values, deep nesting and thousands of components cost more: drawn a quarter as often as the others.
    private final List<TextMutation> heavy =
            List.of(CatalogMutations::hugeValue, CatalogMutations::deepNesting, CatalogMutations::dependencyChain);

    CatalogMutations(List<String> corpus) {
        this.corpus = List.copyOf(corpus);
    }

    /** One to six mutations of {@code seed}, sometimes followed by flipped bits in the encoded bytes. */
    Mutant mutate(String seed, SplittableRandom rnd) {
        List<String> applied = new ArrayList<>();
        String text = seed;
        int count = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(6) : rnd.nextInt(2));
        for (int i = 0; i < count; i++) {
            int pick = rnd.nextInt(mutations.size() * 4 + heavy.size());
            TextMutation m =
                    pick < mutations.size() * 4 ? mutations.get(pick / 4) : heavy.get(pick - mutations.size() * 4);
            text = m.apply(text, rnd, applied);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(5) == 0) {
            bytes = flipBits(bytes, rnd, applied);
        }
        return new Mutant(bytes, applied);
    }

    // ---- line operations -----------------------------------------------------------------------------------------

    private static String deleteLines(String text, SplittableRandom rnd, List<String> applied) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) {
            return text;
        }
        int at = rnd.nextInt(lines.size());
        int n = Math.min(lines.size() - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 8));
        lines.subList(at, at + n).clear();
        applied.add("delete " + n + " line(s) at " + (at + 1));
        return String.join("\n", lines);
    }

    private static String duplicateLines(String text, SplittableRandom rnd, List<String> applied) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) {
            return text;
        }
        int at = rnd.nextInt(lines.size());
        int n = Math.min(lines.size() - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 12));
        List<String> block = new ArrayList<>(lines.subList(at, at + n));
        int to = rnd.nextBoolean() ? at + n : rnd.nextInt(lines.size() + 1);
        lines.addAll(to, block);
        applied.add("duplicate " + n + " line(s) from " + (at + 1) + " to " + (to + 1));
        return String.join("\n", lines);
    }

    private static String swapLines(String text, SplittableRandom rnd, List<String> applied) {
        List<String> lines = lines(text);
        if (lines.size() < 2) {
            return text;
        }
        int a = rnd.nextInt(lines.size());
        int b = rnd.nextInt(lines.size());
        String t = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, t);
        applied.add("swap lines " + (a + 1) + " and " + (b + 1));
        return String.join("\n", lines);
    }

    private static String reindent(String text, SplittableRandom rnd, List<String> applied) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) {
            return text;
        }
        int at = rnd.nextInt(lines.size());
        int n = Math.min(lines.size() - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 10));
        int kind = rnd.nextInt(4);
        for (int i = at; i < at + n; i++) {
            String line = lines.get(i);
            lines.set(
                    i,
                    switch (kind) {
                        case 0 -> " ".repeat(1 + rnd.nextInt(4)) + line;
                        case 1 -> line.replaceFirst("^ {1,4}", "");
                        case 2 -> "\t" + line;
                        default -> line.stripLeading();
                    });
        }
        applied.add(new String[] {"indent", "outdent", "tab-indent", "strip indentation of"}[kind] + " " + n
                + " line(s) at " + (at + 1));
        return String.join("\n", lines);
    }

    private static String truncate(String text, SplittableRandom rnd, List<String> applied) {
        if (text.isEmpty()) {
            return text;
        }
        int at = rnd.nextInt(text.length());
        applied.add("truncate at char " + at);
        return text.substring(0, at);
    }

    private String splice(String text, SplittableRandom rnd, List<String> applied) {
        List<String> donor = lines(corpus.get(rnd.nextInt(corpus.size())));
        List<String> lines = lines(text);
        if (donor.isEmpty()) {
            return text;
        }
        int from = rnd.nextInt(donor.size());
        int n = Math.min(donor.size() - from, 1 + rnd.nextInt(15));
        int to = rnd.nextInt(lines.size() + 1);
        lines.addAll(to, donor.subList(from, from + n));
        applied.add("splice " + n + " line(s) of another seed at " + (to + 1));
        return String.join("\n", lines);
    }

    private static String duplicateKey(String text, SplittableRandom rnd, List<String> applied) {
        List<String> lines = lines(text);
        List<Integer> keyed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*[A-Za-z][\\w-]*:.*")) {
                keyed.add(i);
            }
        }
        if (keyed.isEmpty()) {
            return text;
        }
        int at = keyed.get(rnd.nextInt(keyed.size()));
        String line = lines.get(at);
        String key = line.substring(0, line.indexOf(':') + 1);
        lines.add(
                at + 1,
                key + " "
                        + TYPE_SWAPS[rnd.nextInt(TYPE_SWAPS.length)].replace("\n", "\n" + key.replaceAll("\\S.*", "")));
        applied.add("duplicate key at line " + (at + 1));
        return String.join("\n", lines);
    }

    private static String renameKey(String text, SplittableRandom rnd, List<String> applied) {
        List<int[]> keys = new ArrayList<>();
        Matcher m = KEY.matcher(text);
        while (m.find()) {
            keys.add(new int[] {m.start(2), m.end(2)});
        }
        if (keys.isEmpty()) {
            return text;
        }
        int[] k = keys.get(rnd.nextInt(keys.size()));
        String old = text.substring(k[0], k[1]);
        String name = switch (rnd.nextInt(4)) {
            case 0 -> FIELDS[rnd.nextInt(FIELDS.length)];
            case 1 -> old.toUpperCase();
            case 2 -> old + old.charAt(old.length() - 1);
            default -> "x" + rnd.nextInt(1000);
        };
        applied.add("rename key '" + old + "' to '" + name + "'");
        return text.substring(0, k[0]) + name + text.substring(k[1]);
    }

    // ---- value operations ----------------------------------------------------------------------------------------

    private static String swapType(String text, SplittableRandom rnd, List<String> applied) {
        return replaceValue(text, rnd, applied, "type swap", TYPE_SWAPS[rnd.nextInt(TYPE_SWAPS.length)]);
    }

    private static String numberEdge(String text, SplittableRandom rnd, List<String> applied) {
        return replaceValue(text, rnd, applied, "number edge", NUMBERS[rnd.nextInt(NUMBERS.length)]);
    }

    private static String durationEdge(String text, SplittableRandom rnd, List<String> applied) {
        return replaceValue(text, rnd, applied, "duration edge", DURATIONS[rnd.nextInt(DURATIONS.length)]);
    }

    private static String hugeValue(String text, SplittableRandom rnd, List<String> applied) {
        int size = new int[] {1_000, 70_000, 300_000}[rnd.nextInt(3)];
        String value = switch (rnd.nextInt(6)) {
            case 0 -> "x".repeat(size);
            case 1 -> "9".repeat(Math.min(size, 20_000));
            case 2 -> "9".repeat(Math.min(size, 20_000)) + "d";
            case 3 -> "\"" + "\\u00e9".repeat(size / 6) + "\"";
            case 4 -> "[" + "a, ".repeat(size / 3) + "a]";
            default -> "P" + "9".repeat(Math.min(size, 20_000)) + "D";
        };
        return replaceValue(text, rnd, applied, "huge value (" + value.length() + " chars)", value);
    }

    private static String deepNesting(String text, SplittableRandom rnd, List<String> applied) {
        int depth = new int[] {10, 49, 51, 200, 5_000, 50_000}[rnd.nextInt(6)];
        String value = switch (rnd.nextInt(3)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{a: ".repeat(depth) + "1" + "}".repeat(depth);
            default -> {
                StringBuilder block = new StringBuilder();
                for (int i = 0; i < Math.min(depth, 2_000); i++) {
                    block.append('\n').append(" ".repeat(i + 1)).append("a:");
                }
                yield block.append(" 1").toString();
            }
        };
        return replaceValue(text, rnd, applied, "nesting depth " + depth, value);
    }

    private static String aliases(String text, SplittableRandom rnd, List<String> applied) {
        switch (rnd.nextInt(5)) {
            case 0 -> {
                // The "billion laughs": each level refers to the previous one nine times.
                int levels = 3 + rnd.nextInt(7);
                StringBuilder bomb = new StringBuilder("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (int i = 1; i < levels; i++) {
                    bomb.append("lol").append(i).append(": &lol").append(i).append(" [");
                    for (int j = 0; j < 9; j++) {
                        bomb.append(j == 0 ? "" : ", ").append("*lol").append(i - 1);
                    }
                    bomb.append("]\n");
                }
                applied.add("alias bomb of " + levels + " levels");
                return bomb + text;
            }
            case 1 -> {
                applied.add("undefined alias");
                return replaceValue(text, rnd, new ArrayList<>(), "", "*nowhere");
            }
            case 2 -> {
                applied.add("self-referencing anchor");
                return replaceValue(text, rnd, new ArrayList<>(), "", "&loop [*loop]");
            }
            case 3 -> {
                // An anchor on one value and aliases to it in other places.
                String anchored = replaceValue(text, rnd, new ArrayList<>(), "", "&shared [one, two]");
                String out = anchored;
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    out = replaceValue(out, rnd, new ArrayList<>(), "", "*shared");
                }
                applied.add("anchor with " + n + " alias(es)");
                return out;
            }
            default -> {
                applied.add("merge key");
                return "base: &base {id: merged, layer: store}\n"
                        + text.replaceFirst("(?m)^(\\s*)- id:", "$1- <<: *base\n$1  id:");
            }
        }
    }

    private static String unicode(String text, SplittableRandom rnd, List<String> applied) {
        StringBuilder out = new StringBuilder(text);
        int n = 1 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            int at = out.isEmpty() ? 0 : rnd.nextInt(out.length() + 1);
            String insert;
            switch (rnd.nextInt(4)) {
                case 0 -> insert = new String(Character.toChars(CODE_POINTS[rnd.nextInt(CODE_POINTS.length)]));
                case 1 -> insert = String.valueOf((char) (0xD800 + rnd.nextInt(0x800))); // a lone surrogate
                case 2 -> {
                    int cp = rnd.nextInt(0x110000);
                    insert = new String(Character.toChars(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp));
                }
                default -> insert = new String(Character.toChars(0x20 + rnd.nextInt(0x2FF0)));
            }
            out.insert(at, insert);
        }
        applied.add(n + " unicode insertion(s)");
        return out.toString();
    }

    private static String yamlToken(String text, SplittableRandom rnd, List<String> applied) {
        String token = TOKENS[rnd.nextInt(TOKENS.length)];
        if (text.isEmpty() || rnd.nextBoolean()) {
            List<String> lines = lines(text);
            int at = rnd.nextInt(lines.size() + 1);
            lines.add(at, (rnd.nextBoolean() ? "" : "  ") + token);
            applied.add("YAML token line '" + printable(token) + "' at " + (at + 1));
            return String.join("\n", lines);
        }
        int at = rnd.nextInt(text.length() + 1);
        applied.add("YAML token '" + printable(token) + "' at char " + at);
        return text.substring(0, at) + token + text.substring(at);
    }

    private static String replaceWhole(String text, SplittableRandom rnd, List<String> applied) {
        String[] wholes = {
            "",
            " ",
            "\n\n\n",
            "---",
            "--- \n...",
            "~",
            "null",
            "[]",
            "{}",
            "42",
            "\"text\"",
            "# only a comment",
            "- a\n- b",
            "platform:",
            "platform: ~",
            "platform: []",
            "components: {}",
            "\uFEFF",
            "\uFEFFplatform: {}",
            "%YAML 1.2\n---\nplatform: {}",
            "--- a\n--- b"
        };
        String whole = wholes[rnd.nextInt(wholes.length)];
        applied.add("whole file '" + printable(whole) + "'");
        return whole;
    }

    /** A valid catalog whose components depend on each other in one long chain, sometimes closed into a cycle. */
    private static String dependencyChain(String text, SplittableRandom rnd, List<String> applied) {
        // 6 000 overflowed a 1 MiB thread stack before the cycle check stopped recursing; it is also the costliest
        // case.
        int n = new int[] {50, 50, 50, 50, 1_000, 1_000, 1_000, 6_000}[rnd.nextInt(8)];
        boolean cycle = rnd.nextBoolean();
        StringBuilder out = new StringBuilder("""
                platform:
                  id: chain
                  primaryRegion: westeurope
                  secondaryRegion: northeurope
                  strategy: redeploy
                  rto: 4h
                components:
                """);
        for (int i = 0; i < n; i++) {
            out.append("  - {id: c").append(i).append(", service: Storage, layer: store");
            if (i > 0 || cycle) {
                out.append(", dependsOn: [c").append(i == 0 ? n - 1 : i - 1).append(']');
            }
            out.append(", recovery: [{name: s, expected: 1m}]}\n");
        }
        applied.add("dependency chain of " + n + " components" + (cycle ? " closed into a cycle" : ""));
        return out.toString();
    }

    // ---- bytes ---------------------------------------------------------------------------------------------------

    private static byte[] flipBits(byte[] bytes, SplittableRandom rnd, List<String> applied) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] out = Arrays.copyOf(bytes, bytes.length);
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int at = rnd.nextInt(out.length);
            out[at] ^= (byte) (1 << rnd.nextInt(8));
        }
        applied.add("flip " + n + " bit(s)");
        return out;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static String replaceValue(
            String text, SplittableRandom rnd, List<String> applied, String what, String value) {
        List<int[]> values = new ArrayList<>();
        Matcher m = VALUE.matcher(text);
        while (m.find()) {
            values.add(new int[] {m.start(2), m.end(2)});
        }
        if (values.isEmpty()) {
            applied.add(what + " appended");
            return text + "\nextra: " + value;
        }
        int[] v = values.get(rnd.nextInt(values.size()));
        String old = text.substring(v[0], v[1]);
        if (!what.isEmpty()) {
            applied.add(what + ": '" + printable(abbreviate(old)) + "' → '" + printable(abbreviate(value)) + "'");
        }
        // A multi-line replacement keeps the indentation of the line it lands on.
        int lineStart = text.lastIndexOf('\n', v[0]) + 1;
        String indent = text.substring(lineStart, v[0]).replaceAll("\\S.*", "");
        return text.substring(0, v[0]) + value.replace("\n", "\n" + indent) + text.substring(v[1]);
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + " chars)" : s;
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20
                    || c == 0x7F
                    || (c >= 0x80 && c < 0xA0)
                    || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE
                    || c == 0x2028
                    || c == 0x2029) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
