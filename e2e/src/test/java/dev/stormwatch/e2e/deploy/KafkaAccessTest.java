package dev.stormwatch.e2e.deploy;

import static dev.stormwatch.e2e.deploy.DeployFiles.child;
import static dev.stormwatch.e2e.deploy.DeployFiles.list;
import static dev.stormwatch.e2e.deploy.DeployFiles.map;
import static dev.stormwatch.e2e.deploy.DeployFiles.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.KafkaAccess;
import dev.stormwatch.contracts.Topic;
import dev.stormwatch.contracts.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on Kafka, derived three ways and required to agree: from the services' code (the {@code Topics} each
 * module names, the ones it produces to, its Kafka Streams topics and application id, its consumer groups), from
 * contracts' {@link KafkaAccess} (the declared matrix), and from the deployments' Kafka users (the Strimzi
 * {@code KafkaUser} ACLs of deploy/k8s and the {@code kafka-access} script of deploy/compose). A service that would
 * need a topic its user cannot reach fails here, and so does a user with a right its service does not use, such as a
 * write on {@code dr-decisions.v1} by anyone but the correlator, status-api and the notifier (automated steps).
 *
 * <p>ACLs are compared as {@code resourceType:patternType:name:Operation} strings, one per operation.
 */
class KafkaAccessTest {

    private static final Pattern TOPIC_REFERENCE = Pattern.compile("\\bTopics\\.([A-Z][A-Z0-9_]*)\\b");
    /** A statement that sends to the topics it names: a producer record, a publish or tombstone, a Streams sink. */
    private static final Pattern WRITE_IDIOM =
            Pattern.compile("new ProducerRecord\\b|\\.publish\\(|\\.delete\\(|new Outbound\\(|new Output\\(|\\.to\\(");

    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern COMPOSE_TOPICS = Pattern.compile("(?m)^(reads|writes) (\\S+) (.+)$");
    private static final Pattern COMPOSE_GROUPS = Pattern.compile("(?m)^groups (\\S+) (\\S+)$");
    private static final Pattern COMPOSE_STREAMS = Pattern.compile("(?m)^streams (\\S+) (\\S+)$");
    private static final Pattern COMPOSE_USER = Pattern.compile("(?m)^user (\\S+) \"\\$([A-Z0-9_]+)\"$");
    private static final Pattern JAAS = Pattern.compile(
            "org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required username=\"([^\"]+)\" "
                    + "password=\"\\$\\{([A-Z0-9_]+):\\?[^}]+}\";");

    private static Map<String, CodeUse> code;

    /** What one module's code does on Kafka, read from its sources and its application.properties. */
    record CodeUse(
            Set<String> named,
            Set<String> written,
            Set<String> streamsTopics,
            String applicationId,
            boolean joinsGroups,
            Set<String> literals) {}

    @BeforeAll
    static void readCode() {
        code = new LinkedHashMap<>();
        for (String service : DeployFiles.SERVICES) {
            code.put(service, codeUse(DeployFiles.repo().resolve(service)));
            System.out.println(
                    "[deploy] " + service + " names " + code.get(service).named() + ", writes "
                            + code.get(service).written());
        }
    }

    @Test
    void declaresForEachServiceExactlyTheTopicsItsCodeReadsAndWrites() {
        assertEquals(
                DeployFiles.SERVICES,
                KafkaAccess.ALL.stream().map(KafkaAccess::user).toList(),
                "one KafkaAccess per service, named as the service");
        List<String> wrong = new ArrayList<>();
        for (KafkaAccess access : KafkaAccess.ALL) {
            CodeUse use = code.get(access.user());
            String s = access.user();
            Set<String> reachable = access.topicNames();
            for (String topic : use.named()) {
                if (!reachable.contains(topic)) {
                    wrong.add(s + " names " + topic + " in its code, but its Kafka user can neither read nor write it");
                }
            }
            for (String topic : use.written()) {
                if (!access.writeNames().contains(topic)) {
                    wrong.add(s + " writes " + topic + ", but its Kafka user may not");
                }
            }
            for (String topic : access.writeNames()) {
                if (!use.written().contains(topic)) {
                    wrong.add(s + " may write " + topic + ", which its code never writes: a right it does not need");
                }
            }
            for (String topic : access.readNames()) {
                if (!use.named().contains(topic)) {
                    wrong.add(s + " may read " + topic + ", which its code never names: a right it does not need");
                }
            }
            for (String topic : use.named()) {
                if (!use.written().contains(topic) && !access.readNames().contains(topic)) {
                    wrong.add(s + " names " + topic + " without writing it, so it reads it: its user may not");
                }
            }
            for (String topic : use.streamsTopics()) {
                if (!reachable.contains(topic)) {
                    wrong.add(
                            s + ": quarkus.kafka-streams.topics waits for " + topic + ", which its user cannot reach");
                }
            }
            if (!java.util.Objects.equals(use.applicationId(), access.streamsApplicationId())) {
                wrong.add(s + ": Kafka Streams application id " + use.applicationId() + " in application.properties, "
                        + access.streamsApplicationId() + " declared");
            }
            if (use.joinsGroups() != (access.groupPrefix() != null)) {
                wrong.add(s
                        + (use.joinsGroups()
                                ? " joins consumer groups, none declared"
                                : " declares groups it never joins"));
            } else if (access.groupPrefix() != null
                    && use.literals().stream().noneMatch(l -> l.startsWith(access.groupPrefix()))) {
                wrong.add(s + ": no group id in its code starts with the declared " + access.groupPrefix());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void grantsEachKubernetesKafkaUserExactlyItsDeclaredAccess() {
        Map<String, Set<String>> granted = kubernetesAcls();
        Map<String, Set<String>> declared = new TreeMap<>();
        KafkaAccess.ALL.forEach(a -> declared.put(a.user(), acls(a)));
        assertEquals(declared.keySet(), granted.keySet(), "one KafkaUser per service, named as the service");
        for (String user : declared.keySet()) {
            assertEquals(
                    declared.get(user),
                    granted.get(user),
                    "deploy/k8s/kafka/users.yaml: ACLs of " + user
                            + "\n  missing: " + minus(declared.get(user), granted.get(user))
                            + "\n  not needed: " + minus(granted.get(user), declared.get(user)));
        }
    }

    @Test
    void grantsEachComposeKafkaUserExactlyItsDeclaredAccess() {
        Map<String, Set<String>> granted = composeAcls();
        Map<String, Set<String>> declared = new TreeMap<>();
        KafkaAccess.ALL.forEach(a -> declared.put(a.user(), acls(a)));
        assertEquals(declared.keySet(), granted.keySet(), "kafka-access: one user per service, named as the service");
        for (String user : declared.keySet()) {
            assertEquals(
                    declared.get(user),
                    granted.get(user),
                    "deploy/compose kafka-access: ACLs of " + user
                            + "\n  missing: " + minus(declared.get(user), granted.get(user))
                            + "\n  not needed: " + minus(granted.get(user), declared.get(user)));
        }
    }

    @Test
    void letsOnlyTheCorrelatorStatusApiAndTheStepRunnerWriteDecisionsAndKeepsTheCatalogFromIngest() {
        for (var deployment : Map.of("deploy/k8s", kubernetesAcls(), "deploy/compose", composeAcls())
                .entrySet()) {
            assertEquals(
                    Set.of("incident-correlator", "notifier", "status-api"),
                    usersAllowed(deployment.getValue(), Topics.DR_DECISIONS.name(), "Write"),
                    deployment.getKey() + ": who may write " + Topics.DR_DECISIONS.name());
            assertEquals(
                    Set.of("incident-correlator", "notifier", "status-api"),
                    usersAllowed(deployment.getValue(), Topics.CATALOG.name(), "Read"),
                    deployment.getKey() + ": who may read " + Topics.CATALOG.name() + " (channel addresses)");
        }
    }

    @Test
    void authenticatesEveryKubernetesServiceAsItsOwnUserOverAnAuthenticatedListener() {
        Map<String, Map<String, Object>> objects = kubernetesObjects();
        Map<String, Object> kafka = objects.get("Kafka/stormwatch");
        assertEquals("simple", scalar(kafka, "spec", "kafka", "authorization", "type"), "the brokers check ACLs");
        for (Object l : list(kafka, "spec", "kafka", "listeners")) {
            Map<String, Object> listener = map(l, "listener");
            String type = scalar(listener, "authentication", "type");
            assertTrue(
                    Set.of("scram-sha-512", "tls").contains(type),
                    "listener " + listener.get("name") + " authenticates its clients: " + type);
        }
        for (String service : DeployFiles.SERVICES) {
            Map<String, Object> container = map(
                    list(objects.get("Deployment/" + service), "spec", "template", "spec", "containers")
                            .get(0),
                    service);
            Map<String, String> secretRefs = new TreeMap<>();
            for (Object item : list(container, "env")) {
                Map<String, Object> env = map(item, service);
                Map<String, Object> ref = child(env, "valueFrom", "secretKeyRef");
                if (!ref.isEmpty()) {
                    secretRefs.put(scalar(env, "name"), scalar(ref, "name") + "/" + scalar(ref, "key"));
                }
            }
            ServiceConfiguration config = DeployFiles.services().get(service);
            if (config.kafkaConnection) {
                assertEquals(
                        service + "/sasl.jaas.config",
                        secretRefs.get("KAFKA_SASL_JAAS_CONFIG"),
                        service + ": its plain Kafka clients authenticate as its own KafkaUser");
            }
            if (config.kafkaStreams) {
                assertEquals(
                        service + "/sasl.jaas.config",
                        secretRefs.get("QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG"),
                        service + ": its Kafka Streams application authenticates as its own KafkaUser");
            }
        }
    }

    @Test
    void authenticatesEveryComposeServiceAsItsOwnUser() {
        Map<String, Object> services =
                child(DeployFiles.yaml(DeployFiles.repo().resolve("deploy/compose/docker-compose.yml")), "services");
        Map<String, String> access = ComposeFileTest.environment(map(services.get("kafka-access"), "kafka-access"));
        Map<String, String> passwords = new TreeMap<>();
        Matcher users = COMPOSE_USER.matcher(ComposeScript.script("kafka-access"));
        while (users.find()) {
            // The one-shot's variable holds ${STORMWATCH_…_PASSWORD:?…}: the .env variable the service's JAAS line
            // names.
            Matcher demanded = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(access.get(users.group(2)));
            assertTrue(demanded.find(), "kafka-access: " + users.group(2) + " is demanded from .env");
            passwords.put(users.group(1), demanded.group(1));
        }
        for (String service : DeployFiles.SERVICES) {
            Map<String, String> env = ComposeFileTest.environment(map(services.get(service), service));
            ServiceConfiguration config = DeployFiles.services().get(service);
            List<String> jaas = new ArrayList<>();
            if (config.kafkaConnection) {
                jaas.add("KAFKA_SASL_JAAS_CONFIG");
                assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), service);
                assertEquals("SASL_PLAINTEXT", env.get("KAFKA_SECURITY_PROTOCOL"), service);
            }
            if (config.kafkaStreams) {
                jaas.add("QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG");
                assertEquals("SCRAM-SHA-512", env.get("QUARKUS_KAFKA_STREAMS_SASL_MECHANISM"), service);
                assertEquals("SASL_PLAINTEXT", env.get("QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL"), service);
                assertEquals(
                        KafkaAccess.of(service).streamsApplicationId(),
                        env.get("QUARKUS_KAFKA_STREAMS_APPLICATION_ID"),
                        service + ": the application id its ACLs are named after");
            }
            for (String variable : jaas) {
                String value = env.get(variable);
                assertNotNull(value, service + " sets " + variable);
                Matcher m = JAAS.matcher(value);
                assertTrue(
                        m.matches(),
                        service + ": " + variable + " is a SCRAM login with a demanded password: " + value);
                assertEquals(service, m.group(1), service + ": " + variable + " logs in as its own user");
                assertEquals(
                        passwords.get(service),
                        m.group(2),
                        service + ": " + variable + " has the password kafka-access gives its user");
            }
        }
    }

    // --- the three sources
    // ---------------------------------------------------------------------------------------------

    /** The ACLs a service's declared access needs, as the deployments must grant them. */
    static Set<String> acls(KafkaAccess access) {
        Set<String> out = new TreeSet<>();
        access.readNames().forEach(t -> add(out, "topic", "literal", t, "Read", "Describe"));
        access.writeNames().forEach(t -> add(out, "topic", "literal", t, "Write", "Describe"));
        if (access.groupPrefix() != null) {
            add(out, "group", "prefix", access.groupPrefix(), "Read", "Describe");
        }
        String id = access.streamsApplicationId();
        if (id != null) {
            add(out, "group", "literal", id, "Read", "Describe");
            add(out, "topic", "prefix", id + "-", "All");
            add(out, "transactionalId", "prefix", id + "-", "Write", "Describe");
        }
        return out;
    }

    /** The ACLs of every KafkaUser in deploy/k8s, by user. */
    static Map<String, Set<String>> kubernetesAcls() {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Map<String, Object> user : kubernetesObjects().values()) {
            if (!"KafkaUser".equals(scalar(user, "kind"))) {
                continue;
            }
            String name = scalar(user, "metadata", "name");
            assertEquals("scram-sha-512", scalar(user, "spec", "authentication", "type"), name);
            assertEquals("simple", scalar(user, "spec", "authorization", "type"), name);
            Set<String> acls = new TreeSet<>();
            for (Object a : list(user, "spec", "authorization", "acls")) {
                Map<String, Object> acl = map(a, name);
                String type = String.valueOf(child(acl, "resource").getOrDefault("type", ""));
                assertTrue(!acl.containsKey("type") || "allow".equals(acl.get("type")), name + ": allow rules only");
                for (Object operation : list(acl, "operations")) {
                    add(
                            acls,
                            type,
                            scalar(acl, "resource", "patternType") == null
                                    ? "literal"
                                    : scalar(acl, "resource", "patternType"),
                            scalar(acl, "resource", "name"),
                            String.valueOf(operation));
                }
            }
            out.put(name, acls);
        }
        return out;
    }

    /** The ACLs the compose kafka-access script grants, by user, as its functions turn its lines into kafka-acls. */
    static Map<String, Set<String>> composeAcls() {
        String script = ComposeScript.script("kafka-access");
        Map<String, Set<String>> out = new TreeMap<>();
        Matcher users = COMPOSE_USER.matcher(script);
        while (users.find()) {
            out.put(users.group(1), new TreeSet<>());
        }
        Matcher topics = COMPOSE_TOPICS.matcher(script);
        while (topics.find()) {
            Set<String> acls = granted(out, topics.group(2));
            for (String topic : topics.group(3).trim().split("\\s+")) {
                add(acls, "topic", "literal", topic, topics.group(1).equals("reads") ? "Read" : "Write", "Describe");
            }
        }
        Matcher groups = COMPOSE_GROUPS.matcher(script);
        while (groups.find()) {
            add(granted(out, groups.group(1)), "group", "prefix", groups.group(2), "Read", "Describe");
        }
        Matcher streams = COMPOSE_STREAMS.matcher(script);
        while (streams.find()) {
            Set<String> acls = granted(out, streams.group(1));
            String id = streams.group(2);
            add(acls, "group", "literal", id, "Read", "Describe");
            add(acls, "topic", "prefix", id + "-", "All");
            add(acls, "transactionalId", "prefix", id + "-", "Write", "Describe");
        }
        return out;
    }

    private static Set<String> granted(Map<String, Set<String>> acls, String user) {
        Set<String> set = acls.get(user);
        assertNotNull(set, "kafka-access grants rights to " + user + " without creating the user");
        return set;
    }

    private static Set<String> usersAllowed(Map<String, Set<String>> acls, String topic, String operation) {
        Set<String> out = new TreeSet<>();
        acls.forEach((user, set) -> {
            for (String acl : set) {
                String[] p = acl.split(":", 4);
                boolean matches =
                        p[0].equals("topic") && (p[1].equals("literal") ? p[2].equals(topic) : topic.startsWith(p[2]));
                if (matches && (p[3].equals(operation) || p[3].equals("All"))) {
                    out.add(user);
                }
            }
        });
        return out;
    }

    static Map<String, Map<String, Object>> kubernetesObjects() {
        Path k8s = DeployFiles.repo().resolve("deploy/k8s");
        Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
        for (Object resource : list(DeployFiles.yaml(k8s.resolve("kustomization.yaml")), "resources")) {
            for (Object document : DeployFiles.documents(k8s.resolve(String.valueOf(resource)))) {
                Map<String, Object> object = map(document, String.valueOf(resource));
                objects.put(scalar(object, "kind") + "/" + scalar(object, "metadata", "name"), object);
            }
        }
        return objects;
    }

    /** Reads what module {@code dir} does on Kafka from its main sources and application.properties. */
    static CodeUse codeUse(Path dir) {
        Set<String> named = new TreeSet<>();
        Set<String> written = new TreeSet<>();
        Set<String> literals = new TreeSet<>();
        boolean groups = false;
        for (Path source : ServiceConfiguration.javaSources(dir.resolve("src/main/java"))) {
            String text = COMMENT.matcher(ServiceConfiguration.read(source)).replaceAll(" ");
            groups |= text.contains("GROUP_ID_CONFIG") || text.contains("TopicFollower.inGroup");
            Matcher literal = STRING_LITERAL.matcher(text);
            while (literal.find()) {
                literals.add(literal.group(1));
            }
            for (String statement : text.split(";")) {
                boolean writes = WRITE_IDIOM.matcher(statement).find();
                Matcher m = TOPIC_REFERENCE.matcher(statement);
                while (m.find()) {
                    Topic topic = topic(m.group(1));
                    if (topic != null) {
                        named.add(topic.name());
                        if (writes) {
                            written.add(topic.name());
                        }
                    }
                }
            }
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("src/main/resources/application.properties"))) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> streamsTopics = new TreeSet<>();
        String topicList = props.getProperty("quarkus.kafka-streams.topics");
        if (topicList != null) {
            for (String t : topicList.split(",")) {
                streamsTopics.add(t.trim());
            }
        }
        return new CodeUse(
                named,
                written,
                streamsTopics,
                props.getProperty("quarkus.kafka-streams.application-id"),
                groups,
                literals);
    }

    /** The Topic constant {@code Topics.<field>}, or null for another member (ALL, byName). */
    private static Topic topic(String field) {
        try {
            Object value = Topics.class.getField(field).get(null);
            return value instanceof Topic t ? t : null;
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(Set<String> acls, String type, String pattern, String name, String... operations) {
        for (String operation : operations) {
            acls.add(type + ":" + pattern + ":" + name + ":" + operation);
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
