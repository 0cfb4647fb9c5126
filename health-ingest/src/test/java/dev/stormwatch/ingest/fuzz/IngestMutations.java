package dev.stormwatch.ingest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded mutations of ingest payloads: on the JSON tree (fields dropped, values of the wrong type, edge strings and
 * times, enum values provider documentation does not list, the stringified {@code impactedServices} broken, parts of
 * other payloads spliced in, new tracking ids and update times so that some mutants are new events) and on the bytes
 * (flipped bits, truncation, invalid UTF-8, a BOM, trailing garbage, nesting around the depth limit, an oversize body).
 * The same random source gives the same mutant, so a failing request is replayed from its seed and iteration.
 */
final class IngestMutations {

    /** A mutated request body and the mutations applied, in order. */
    record Mutant(byte[] body, List<String> applied) {}

    private interface TreeMutation {
        JsonNode apply(JsonNode root, SplittableRandom rnd, List<String> applied);
    }

    private interface ByteMutation {
        byte[] apply(byte[] body, SplittableRandom rnd, List<String> applied);
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String[] ENUM_FIELDS = {
        "schemaId",
        "stage",
        "status",
        "level",
        "kind",
        "incidentType",
        "eventSource",
        "channels",
        "monitoringService",
        "signalType",
        "currentHealthStatus",
        "previousHealthStatus",
        "type",
        "eventType",
        "category",
        "availabilityState",
        "monitorCondition",
        "cause",
        "IsSynthetic",
        "isHIR",
        "source",
        "severity"
    };
    private static final String[] ENUM_VALUES = {
        "Active",
        "Resolved",
        "RCA",
        "Planned",
        "Complete",
        "Canceled",
        "Informational",
        "Warning",
        "Error",
        "Critical",
        "Incident",
        "Maintenance",
        "Information",
        "ActionRequired",
        "Security",
        "Available",
        "Unavailable",
        "Degraded",
        "Unknown",
        "ServiceHealth",
        "ResourceHealth",
        "Resource Health",
        "Administrative",
        "Activity Log",
        "service-incident",
        "planned-maintenance",
        "health-advisory",
        "security-advisory",
        "resource-availability",
        "active",
        "resolved",
        "azureMonitorCommonAlertSchema",
        "Microsoft.Insights/activityLogs",
        "Microsoft.ResourceNotifications.HealthResources.AvailabilityStatusChanged",
        "Microsoft.ResourceNotifications.HealthResources.ResourceAnnotated",
        "True",
        "False",
        "true",
        "1",
        "7",
        "",
        "ACTIVE",
        "résolu",
        "Sev4"
    };
    private static final String[] STRINGS = {
        "",
        " ",
        "null",
        "NaN",
        "undefined",
        "true",
        "0",
        "-1",
        "<script>alert(1)</script>",
        "<p>&nbsp;&amp;&lt;b&gt;</p>",
        "Global",
        "global",
        "West Europe",
        "westeurope",
        "Australia East",
        "nowhere-land",
        "../../etc/passwd",
        "%00",
        "\u0000",
        "\u202Eevil",
        "\uFEFF",
        "😀🇦🇺",
        "\u0301",
        "日本語",
        "\r\n",
        "\t",
        "[{\"ImpactedRegions\":[{\"RegionName\":\"West Europe\"}],\"ServiceName\":\"Key Vault\"}]",
        "[",
        "{}",
        "[]",
        "[{\"ImpactedRegions\":null,\"ServiceName\":null}]",
        "[{\"ImpactedRegions\":[{}]}]",
        "[1,2,3]",
        "\"\""
    };
    private static final String[] TIMES = {
        "2021-02-30T00:00:00Z",
        "2021-11-17T05:34:44",
        "2021-11-17",
        "yesterday",
        "+999999999-12-31T23:59:59Z",
        "-999999999-01-01T00:00:00Z",
        "1637127284",
        "2021-11-17T05:34:44.5778226+00:00",
        "2021-11-17T05:34:44.57782261234Z",
        "2021-11-17 05:34:44Z",
        "2021-13-01T00:00:00Z",
        "2021-11-17T25:00:00Z",
        "0000-00-00T00:00:00Z",
        "2021-11-17T05:34:44+14:00",
        "2021-11-17T05:34:44-12:00",
        "9999-12-31T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z",
        "2021-W46-3",
        "P1D",
        ""
    };

    private final List<byte[]> donors;
    private final String salt;
    private final List<TreeMutation> tree = List.of(
            IngestMutations::removeField,
            IngestMutations::swapType,
            IngestMutations::newTime,
            IngestMutations::badTime,
            IngestMutations::edgeString,
            IngestMutations::enumValue,
            IngestMutations::nestedJsonString,
            IngestMutations::reshapeArray,
            this::splice,
            IngestMutations::renameField,
            this::newKey,
            IngestMutations::edgeNumber);
    private final List<ByteMutation> bytes = List.of(
            IngestMutations::flipBits,
            IngestMutations::truncate,
            IngestMutations::insertBytes,
            IngestMutations::deleteRange,
            IngestMutations::duplicateRange,
            IngestMutations::invalidUtf8,
            IngestMutations::bom,
            IngestMutations::trailing,
            IngestMutations::escapes,
            IngestMutations::whole,
            IngestMutations::duplicateKeys);

    /**
     * @param donors payloads whose parts are spliced into others
     * @param salt appended to the tracking ids this class makes up, so that they are this run's own
     */
    IngestMutations(List<byte[]> donors, String salt) {
        this.donors = List.copyOf(donors);
        this.salt = salt;
    }

    /** One to three tree mutations (when the seed is JSON), then, for some, one or two byte mutations. */
    Mutant mutate(byte[] seed, SplittableRandom rnd) {
        List<String> applied = new ArrayList<>();
        byte[] body = seed;
        JsonNode root = parse(seed);
        int roll = rnd.nextInt(10);
        if (root != null && roll < 3) {
            // A new update of the same shape (its own key or update time) and perhaps one more change: the paths past
            // validation, through dedup to the topic.
            root = newKey(root, rnd, applied);
            root = rnd.nextBoolean() ? newTime(root, rnd, applied) : root;
            root = rnd.nextBoolean() ? tree.get(rnd.nextInt(tree.size())).apply(root, rnd, applied) : root;
            return new Mutant(write(root, rnd.nextBoolean()), applied);
        }
        if (root != null && roll < 8) {
            int n = rnd.nextInt(10) < 7 ? 1 : 2 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                root = tree.get(rnd.nextInt(tree.size())).apply(root, rnd, applied);
            }
            body = write(root, rnd.nextBoolean());
        }
        if (root == null || applied.isEmpty() || rnd.nextInt(10) < 2) {
            int n = 1 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                body = bytes.get(rnd.nextInt(bytes.size())).apply(body, rnd, applied);
            }
        }
        return new Mutant(body, applied);
    }

    // ---- tree ----------------------------------------------------------------------------------------------------

    /** A place in the tree: the container and the field name or index of one value in it. */
    private record Slot(JsonNode parent, String field, int index) {

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        String name() {
            return field != null ? field : "[" + index + "]";
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(new Slot(node, e.getKey(), -1));
                collect(e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Slot(node, null, i));
                collect(node.get(i), out);
            }
        }
    }

    private static Slot pick(JsonNode root, SplittableRandom rnd, java.util.function.Predicate<Slot> which) {
        List<Slot> all = slots(root).stream().filter(which).toList();
        return all.isEmpty() ? null : all.get(rnd.nextInt(all.size()));
    }

    private static JsonNode removeField(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(root, rnd, x -> x.field() != null);
        if (s != null) {
            ((ObjectNode) s.parent()).remove(s.field());
            applied.add("remove " + s.name());
        }
        return root;
    }

    private static JsonNode swapType(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(root, rnd, x -> true);
        JsonNode value = switch (rnd.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(rnd.nextBoolean());
            case 2 -> NODES.numberNode(rnd.nextInt(-3, 10));
            case 3 -> NODES.textNode("x");
            case 4 -> NODES.objectNode();
            case 5 -> NODES.arrayNode();
            case 6 -> NODES.arrayNode().add(NODES.nullNode());
            case 7 -> NODES.objectNode().set("a", NODES.objectNode());
            case 8 -> NODES.numberNode(1.5);
            case 9 -> NODES.textNode("x".repeat(new int[] {1_000, 100_000, 300_000}[rnd.nextInt(3)]));
            case 10 -> nested(new int[] {10, 55, 62, 63, 64, 65, 70}[rnd.nextInt(7)], rnd.nextBoolean());
            default -> root.deepCopy();
        };
        if (s == null) {
            applied.add("root replaced by " + describe(value));
            return value;
        }
        s.set(value);
        applied.add("type of " + s.name() + " → " + describe(value));
        return root;
    }

    private static JsonNode newTime(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(
                root, rnd, x -> x.get().isTextual() && looksLikeTime(x.get().asText()));
        if (s != null) {
            Instant t = Instant.ofEpochSecond(946_684_800L + rnd.nextLong(1_000_000_000L), rnd.nextInt(1_000_000_000));
            String text = switch (rnd.nextInt(3)) {
                case 0 -> t.toString();
                case 1 ->
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.ofHours(rnd.nextInt(-12, 15))));
                default -> t.toString().replace("Z", "+00:00");
            };
            s.set(TextNode.valueOf(text));
            applied.add("new time " + s.name() + "=" + text);
        }
        return root;
    }

    private static JsonNode badTime(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(
                root, rnd, x -> x.get().isTextual() && looksLikeTime(x.get().asText()));
        if (s != null) {
            JsonNode value = rnd.nextInt(5) == 0
                    ? NODES.numberNode(rnd.nextLong())
                    : TextNode.valueOf(TIMES[rnd.nextInt(TIMES.length)]);
            s.set(value);
            applied.add("bad time " + s.name() + "=" + value);
        }
        return root;
    }

    private static JsonNode edgeString(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(root, rnd, x -> x.get().isValueNode());
        if (s != null) {
            String value = STRINGS[rnd.nextInt(STRINGS.length)];
            s.set(TextNode.valueOf(value));
            applied.add("edge string " + s.name() + "='" + printable(value) + "'");
        }
        return root;
    }

    private static JsonNode edgeNumber(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(root, rnd, x -> x.get().isValueNode());
        if (s != null) {
            JsonNode value = switch (rnd.nextInt(6)) {
                case 0 -> NODES.numberNode(new BigDecimal("1e400"));
                case 1 -> NODES.numberNode(new BigInteger("9".repeat(30)));
                case 2 -> NODES.numberNode(Long.MIN_VALUE);
                case 3 -> NODES.numberNode(-0.0);
                case 4 -> NODES.numberNode(new BigDecimal("1e-400"));
                default -> NODES.numberNode(Integer.MAX_VALUE + 1L);
            };
            s.set(value);
            applied.add("edge number " + s.name() + "=" + value);
        }
        return root;
    }

    private static JsonNode enumValue(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(
                root, rnd, x -> x.field() != null && Arrays.asList(ENUM_FIELDS).contains(x.field()));
        if (s != null) {
            JsonNode value = rnd.nextInt(4) == 0
                    ? NODES.numberNode(rnd.nextInt(-1, 9))
                    : TextNode.valueOf(ENUM_VALUES[rnd.nextInt(ENUM_VALUES.length)]);
            s.set(value);
            applied.add("enum " + s.name() + "=" + value);
        }
        return root;
    }

    /** Mutates the JSON inside a string value (Azure sends impactedServices stringified), or cuts it short. */
    private static JsonNode nestedJsonString(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(
                root, rnd, x -> x.get().isTextual() && x.get().asText().trim().matches("(?s)[\\[{].*"));
        if (s == null) {
            return root;
        }
        String inner = s.get().asText();
        JsonNode parsed = parse(inner.getBytes(StandardCharsets.UTF_8));
        String out;
        if (parsed != null && rnd.nextBoolean()) {
            List<String> innerApplied = new ArrayList<>();
            JsonNode m = List.<TreeMutation>of(
                            IngestMutations::removeField,
                            IngestMutations::swapType,
                            IngestMutations::edgeString,
                            IngestMutations::reshapeArray)
                    .get(rnd.nextInt(4))
                    .apply(parsed, rnd, innerApplied);
            out = new String(write(m, false), StandardCharsets.UTF_8);
            applied.add("inside " + s.name() + ": " + String.join(", ", innerApplied));
        } else {
            out = inner.isEmpty() ? "[" : inner.substring(0, rnd.nextInt(inner.length()));
            applied.add("cut the JSON inside " + s.name());
        }
        s.set(TextNode.valueOf(out));
        return root;
    }

    private static JsonNode reshapeArray(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(root, rnd, x -> true);
        if (s == null) {
            return root;
        }
        JsonNode v = s.get();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                s.set(NODES.arrayNode().add(v.deepCopy()));
                applied.add("wrap " + s.name() + " in an array");
            }
            case 1 -> {
                if (v.isArray() && !v.isEmpty()) {
                    s.set(v.get(0));
                    applied.add("unwrap " + s.name());
                }
            }
            case 2 -> {
                if (v.isArray()) {
                    ((ArrayNode) v).removeAll();
                    applied.add("empty array " + s.name());
                }
            }
            default -> {
                if (v.isArray() && !v.isEmpty()) {
                    int n = 1 + rnd.nextInt(new int[] {3, 50, 500}[rnd.nextInt(3)]);
                    for (int i = 0; i < n; i++) {
                        ((ArrayNode) v).add(v.get(rnd.nextInt(v.size())).deepCopy());
                    }
                    applied.add("repeat " + n + " element(s) of " + s.name());
                }
            }
        }
        return root;
    }

    private JsonNode splice(JsonNode root, SplittableRandom rnd, List<String> applied) {
        JsonNode donor = parse(donors.get(rnd.nextInt(donors.size())));
        if (donor == null) {
            return root;
        }
        Slot from = pick(donor, rnd, x -> true);
        Slot to = pick(root, rnd, x -> true);
        if (from == null || to == null) {
            return root;
        }
        to.set(from.get().deepCopy());
        applied.add("splice " + from.name() + " of another payload into " + to.name());
        return root;
    }

    private static JsonNode renameField(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(root, rnd, x -> x.field() != null);
        if (s != null) {
            String name = switch (rnd.nextInt(4)) {
                case 0 -> s.field().toUpperCase();
                case 1 -> s.field().toLowerCase();
                case 2 -> " " + s.field();
                default -> s.field() + "x";
            };
            ObjectNode parent = (ObjectNode) s.parent();
            JsonNode v = parent.remove(s.field());
            parent.set(name, v);
            applied.add("rename " + s.field() + " → '" + name + "'");
        }
        return root;
    }

    /** A new tracking id or resource name, so that the mutant is a new event rather than a duplicate. */
    private JsonNode newKey(JsonNode root, SplittableRandom rnd, List<String> applied) {
        Slot s = pick(
                root,
                rnd,
                x -> x.field() != null
                        && x.get().isTextual()
                        && (x.field().equalsIgnoreCase("trackingId")
                                || x.field().equalsIgnoreCase("subject")
                                || x.field().equalsIgnoreCase("resourceId")
                                || x.field().equalsIgnoreCase("id")));
        if (s == null) {
            Slot ids = pick(
                    root,
                    rnd,
                    x -> x.field() != null
                            && x.field().equalsIgnoreCase("resourceIds")
                            && x.get().isArray());
            if (ids == null) {
                return root;
            }
            ((ArrayNode) ids.get())
                    .add("/subscriptions/" + salt
                            + "/resourcegroups/fuzz/providers/microsoft.compute/virtualmachines/vm-"
                            + rnd.nextInt(1_000_000));
            applied.add("new resource id in " + ids.name());
            return root;
        }
        String value = s.get().asText() + "-" + rnd.nextInt(1_000_000);
        s.set(TextNode.valueOf(value));
        applied.add("new key " + s.name() + "=" + value);
        return root;
    }

    // ---- bytes ---------------------------------------------------------------------------------------------------

    private static byte[] flipBits(byte[] body, SplittableRandom rnd, List<String> applied) {
        if (body.length == 0) {
            return body;
        }
        byte[] out = body.clone();
        int n = 1 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            out[rnd.nextInt(out.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        applied.add("flip " + n + " bit(s)");
        return out;
    }

    private static byte[] truncate(byte[] body, SplittableRandom rnd, List<String> applied) {
        int at = body.length == 0 ? 0 : rnd.nextInt(body.length);
        applied.add("truncate at byte " + at);
        return Arrays.copyOf(body, at);
    }

    private static byte[] insertBytes(byte[] body, SplittableRandom rnd, List<String> applied) {
        byte[] insert = new byte[1 + rnd.nextInt(8)];
        for (int i = 0; i < insert.length; i++) {
            insert[i] = (byte) rnd.nextInt(256);
        }
        int at = rnd.nextInt(body.length + 1);
        applied.add("insert " + insert.length + " random byte(s) at " + at);
        return splice(body, at, at, insert);
    }

    private static byte[] deleteRange(byte[] body, SplittableRandom rnd, List<String> applied) {
        if (body.length == 0) {
            return body;
        }
        int at = rnd.nextInt(body.length);
        int n = Math.min(body.length - at, 1 + rnd.nextInt(64));
        applied.add("delete " + n + " byte(s) at " + at);
        return splice(body, at, at + n, new byte[0]);
    }

    private static byte[] duplicateRange(byte[] body, SplittableRandom rnd, List<String> applied) {
        if (body.length == 0) {
            return body;
        }
        int at = rnd.nextInt(body.length);
        int n = Math.min(body.length - at, 1 + rnd.nextInt(256));
        int to = rnd.nextInt(body.length + 1);
        applied.add("copy " + n + " byte(s) from " + at + " to " + to);
        return splice(body, to, to, Arrays.copyOfRange(body, at, at + n));
    }

    private static byte[] invalidUtf8(byte[] body, SplittableRandom rnd, List<String> applied) {
        byte[][] bad = {
            {(byte) 0xC3, 0x28},
            {(byte) 0xFF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        byte[] insert = bad[rnd.nextInt(bad.length)];
        // Inside a string value where there is one, so that the JSON around it stays valid.
        int quote = indexOf(body, (byte) '"', body.length == 0 ? 0 : rnd.nextInt(body.length));
        int at = quote < 0 ? rnd.nextInt(body.length + 1) : quote + 1;
        applied.add("invalid UTF-8 at " + at);
        return splice(body, at, at, insert);
    }

    private static byte[] bom(byte[] body, SplittableRandom rnd, List<String> applied) {
        applied.add("byte order mark");
        return splice(body, 0, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }

    private static byte[] trailing(byte[] body, SplittableRandom rnd, List<String> applied) {
        String[] tails = {"}", "]", "x", " {}", "\n{\"second\":1}", ",", "\u0000", "// comment", "\n\n\n"};
        String tail = tails[rnd.nextInt(tails.length)];
        applied.add("trailing '" + printable(tail) + "'");
        return splice(body, body.length, body.length, tail.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] escapes(byte[] body, SplittableRandom rnd, List<String> applied) {
        String[] escapes = {"\\ud800", "\\udfff", "\\u0000", "\\uD83D\\uDE00", "\\u202e", "\\x41", "\\", "\\u12"};
        String e = escapes[rnd.nextInt(escapes.length)];
        int quote = indexOf(body, (byte) '"', body.length == 0 ? 0 : rnd.nextInt(body.length));
        int at = quote < 0 ? rnd.nextInt(body.length + 1) : quote + 1;
        applied.add("escape '" + e + "' at " + at);
        return splice(body, at, at, e.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] duplicateKeys(byte[] body, SplittableRandom rnd, List<String> applied) {
        String text = new String(body, StandardCharsets.UTF_8);
        int brace = text.indexOf('{');
        if (brace < 0) {
            return body;
        }
        String key = new String[] {"schemaId", "data", "kind", "trackingId", "lastUpdate", "stage", "eventType"}
                [rnd.nextInt(7)];
        applied.add("duplicate key '" + key + "' first");
        return (text.substring(0, brace + 1) + "\"" + key + "\":\"dup\"," + text.substring(brace + 1))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] whole(byte[] body, SplittableRandom rnd, List<String> applied) {
        int pick = rnd.nextInt(16);
        byte[] out = switch (pick) {
            case 0 -> new byte[0];
            case 1 -> "   \n\t ".getBytes(StandardCharsets.UTF_8);
            case 2 -> "null".getBytes(StandardCharsets.UTF_8);
            case 3 -> "[]".getBytes(StandardCharsets.UTF_8);
            case 4 -> "{}".getBytes(StandardCharsets.UTF_8);
            case 5 -> "[{}]".getBytes(StandardCharsets.UTF_8);
            case 6 -> "\"text\"".getBytes(StandardCharsets.UTF_8);
            case 7 -> "0".getBytes(StandardCharsets.UTF_8);
            case 8 -> ("[".repeat(63) + "]".repeat(63)).getBytes(StandardCharsets.UTF_8);
            case 9 -> ("[".repeat(64) + "]".repeat(64)).getBytes(StandardCharsets.UTF_8);
            case 10 -> ("[".repeat(65) + "]".repeat(65)).getBytes(StandardCharsets.UTF_8);
            case 11 -> "{\"a\":".repeat(100_000).getBytes(StandardCharsets.UTF_8);
            case 12 ->
                "{'schemaId': 'azureMonitorCommonAlertSchema', /* c */ data: NaN}".getBytes(StandardCharsets.UTF_8);
            // Over the webhook's and the Activity Log's caps: 413 before the body is read.
            case 13 -> pad(body, (1 << 20) + 1 + rnd.nextInt(4096));
            // Just under 1 MiB: over the webhook's cap, read in full by the Activity Log and canonical endpoints.
            case 14 -> pad(body, (1 << 20) - 64);
            default -> ("[" + "{},".repeat(20_000) + "{}]").getBytes(StandardCharsets.UTF_8);
        };
        applied.add("whole body #" + pick + " (" + out.length + " bytes)");
        return out;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** {@code body} padded with spaces before its first byte to {@code size} bytes: still the same JSON. */
    private static byte[] pad(byte[] body, int size) {
        byte[] out = new byte[Math.max(size, body.length)];
        int pad = out.length - body.length;
        Arrays.fill(out, 0, pad, (byte) ' ');
        System.arraycopy(body, 0, out, pad, body.length);
        return out;
    }

    private static JsonNode nested(int depth, boolean arrays) {
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < depth; i++) {
            node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
        }
        return node;
    }

    private static boolean looksLikeTime(String s) {
        return s.matches("\\d{4}-\\d{2}-\\d{2}T.*");
    }

    static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] write(JsonNode node, boolean pretty) {
        try {
            return pretty
                    ? JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node)
                    : JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static byte[] splice(byte[] body, int from, int to, byte[] insert) {
        byte[] out = new byte[body.length - (to - from) + insert.length];
        System.arraycopy(body, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(body, to, out, from + insert.length, body.length - to);
        return out;
    }

    private static int indexOf(byte[] body, byte b, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(JsonNode value) {
        String s = value.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + " chars)" : s;
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20
                    || c == 0x7F
                    || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.length() > 80 ? out.substring(0, 80) + "…" : out.toString();
    }
}
