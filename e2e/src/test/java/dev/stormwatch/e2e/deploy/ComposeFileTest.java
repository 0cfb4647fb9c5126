package dev.stormwatch.e2e.deploy;

import static dev.stormwatch.e2e.deploy.DeployFiles.child;
import static dev.stormwatch.e2e.deploy.DeployFiles.list;
import static dev.stormwatch.e2e.deploy.DeployFiles.map;
import static dev.stormwatch.e2e.deploy.DeployFiles.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/docker-compose.yml, read as YAML and checked against the code: every port, topic and variable it names
 * is one the services really have. Docker is not needed (and not on the build machine): nothing is started.
 */
class ComposeFileTest {

    private static final Pattern TOPIC_LINE =
            Pattern.compile("(?m)^\\s*topic\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(-?\\d+)\\s*$");
    /** A Compose interpolation; {@code $$} is a literal {@code $} (a shell variable in a one-shot's script). */
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern SERVICE_URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)");

    private static Path composeDir;
    private static Map<String, Object> services;
    private static Map<String, ServiceConfiguration> code;

    @BeforeAll
    static void read() {
        composeDir = DeployFiles.repo().resolve("deploy/compose");
        services = child(DeployFiles.yaml(composeDir.resolve("docker-compose.yml")), "services");
        code = DeployFiles.services();
        System.out.println("[deploy] No Docker engine on the build machine: docker-compose.yml is checked by parsing it"
                + " against the services' configuration, not by starting it.");
    }

    @Test
    void givesTheKafkaStreamsStateVolumesToTheServicesUserBeforeTheyStart() {
        // The images run as uid 185 (ContainerImageTest); a new named volume is root's until this one-shot hands it
        // over.
        Map<String, Object> owner = service("state-volumes");
        List<String> command = strings(list(owner, "command"));
        assertEquals(List.of("chown", "-R", "185:185"), command.subList(0, 3), "state-volumes: " + command);
        for (String name : DeployFiles.SERVICES) {
            List<String> volumes = strings(list(service(name), "volumes"));
            if (!code.get(name).kafkaStreams) {
                continue;
            }
            assertEquals(
                    "service_completed_successfully",
                    scalar(service(name), "depends_on", "state-volumes", "condition"),
                    name + " starts once its state volume is its own");
            for (String volume : volumes) {
                String source = volume.substring(0, volume.indexOf(':'));
                String mounted = strings(list(owner, "volumes")).stream()
                        .filter(v -> v.startsWith(source + ":"))
                        .map(v -> v.substring(v.indexOf(':') + 1))
                        .findFirst()
                        .orElse(null);
                assertNotNull(mounted, name + ": state-volumes mounts " + source);
                assertTrue(command.contains(mounted), "state-volumes chowns " + mounted);
            }
        }
    }

    @Test
    void publishesEachServiceOnItsOwnPortAndChecksItsReadiness() {
        for (String name : DeployFiles.SERVICES) {
            int port = code.get(name).httpPort;
            Integer management = code.get(name).managementPort;
            Map<String, Object> service = service(name);
            // The management port serves /q/metrics without credentials: on the host's loopback only.
            List<String> published = management == null
                    ? List.of(port + ":" + port)
                    : List.of(port + ":" + port, "127.0.0.1:" + management + ":" + management);
            assertEquals(
                    published,
                    strings(list(service, "ports")),
                    name + " publishes quarkus.http.port (+ management port)");
            String check = String.join(" ", strings(list(service, "healthcheck", "test")));
            assertTrue(check.contains("http://localhost:" + port + "/q/health/ready"), name + " healthcheck: " + check);
        }
    }

    @Test
    void startsEachServiceOnlyAfterKafkaIsHealthyAndTheTopicsExist() {
        for (String name : DeployFiles.SERVICES) {
            Map<String, Object> dependsOn = child(service(name), "depends_on");
            assertEquals("service_healthy", scalar(dependsOn, "kafka", "condition"), name);
            assertEquals("service_completed_successfully", scalar(dependsOn, "kafka-topics", "condition"), name);
            for (var dependency : dependsOn.entrySet()) {
                assertTrue(services.containsKey(dependency.getKey()), name + " depends on a defined service");
                String condition = scalar(map(dependency.getValue(), name), "condition");
                if ("service_healthy".equals(condition)) {
                    assertFalse(
                            child(service(dependency.getKey()), "healthcheck").isEmpty(),
                            name + " waits for " + dependency.getKey() + " to be healthy: it needs a healthcheck");
                }
            }
        }
        assertEquals("service_healthy", scalar(service("kafka-topics"), "depends_on", "kafka", "condition"));
    }

    @Test
    void passesEachServiceOnlyVariablesItReads() {
        List<String> unknown = new ArrayList<>();
        for (String name : DeployFiles.SERVICES) {
            for (String variable : environment(service(name)).keySet()) {
                if (!code.get(name).readsEnvironment(variable)) {
                    unknown.add(name + ": " + variable);
                }
            }
        }
        assertEquals(
                List.of(),
                unknown,
                "variables no service reads (application.properties, @ConfigMapping,"
                        + " @ConfigProperty, DefaultAzureCredential)");
    }

    @Test
    void pointsTheServicesAtKafkasAdvertisedInternalListener() {
        Map<String, String> kafka = environment(service("kafka"));
        List<String> advertised = new ArrayList<>();
        for (String listener : kafka.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            advertised.add(listener.substring(listener.indexOf("://") + 3));
        }
        for (String name : DeployFiles.SERVICES) {
            String bootstrap = environment(service(name)).get("KAFKA_BOOTSTRAP_SERVERS");
            assertNotNull(bootstrap, name + " sets KAFKA_BOOTSTRAP_SERVERS");
            assertTrue(
                    bootstrap.startsWith("kafka:") && advertised.contains(bootstrap),
                    name + ": " + bootstrap + " is one of Kafka's advertised listeners on the compose network "
                            + advertised);
        }
    }

    @Test
    void runsTheKafkaVersionTheBuildUsesInKraftModeWithItsDataOnAVolume() {
        Map<String, Object> kafka = service("kafka");
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), scalar(kafka, "image"));
        Map<String, String> env = environment(kafka);
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
        // Kafka is reached on the compose network only, and only with a user: no port on the host, no listener without
        // SASL.
        assertEquals(List.of(), strings(list(kafka, "ports")), "Kafka publishes no port on the host");
        for (String entry : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            assertTrue(
                    entry.endsWith(":SASL_PLAINTEXT") || entry.endsWith(":SASL_SSL"),
                    "listener without SASL: " + entry);
        }
        assertFalse(env.get("KAFKA_ADVERTISED_LISTENERS").contains("localhost"), "nothing advertised on the host");
        assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), "topics only with the contract's settings");
        assertMountedVolume("kafka", env.get("KAFKA_LOG_DIRS"));
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), scalar(service("kafka-topics"), "image"));
    }

    @Test
    void givesKafkaBrokerSettingsThatKafkaItselfAccepts() {
        // The apache/kafka image turns KAFKA_FOO_BAR into foo.bar ("__" is "_", "___" is "-"); Kafka's own config
        // class then validates roles, listeners, the controller quorum and the advertised addresses together.
        java.util.Properties props = new java.util.Properties();
        environment(service("kafka")).forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                String key = name.substring("KAFKA_".length())
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace("___", "-")
                        .replace("__", "\u0000")
                        .replace('_', '.')
                        .replace('\u0000', '_');
                props.setProperty(key, value);
            }
        });
        kafka.server.KafkaConfig config = new kafka.server.KafkaConfig(props, false);
        assertEquals(1, config.nodeId());
        assertEquals("BROKER", config.interBrokerListenerName().value());
        assertEquals(
                "org.apache.kafka.metadata.authorizer.StandardAuthorizer", config.getString("authorizer.class.name"));
        // The cluster id the image formats the storage with must be a Kafka UUID (16 bytes, base64).
        String clusterId = environment(service("kafka")).get("CLUSTER_ID");
        assertEquals(
                clusterId, org.apache.kafka.common.Uuid.fromString(clusterId).toString());
    }

    @Test
    void keepsKafkaStreamsStateOnAVolumeUnderAStableApplicationId() {
        for (String name : DeployFiles.SERVICES) {
            if (!code.get(name).kafkaStreams) {
                continue;
            }
            Map<String, String> env = environment(service(name));
            String stateDir = env.get("KAFKA_STREAMS_STATE_DIR");
            assertNotNull(stateDir, name + " runs Kafka Streams: its state directory must be set");
            assertMountedVolume(name, stateDir);
            boolean idInCode = code.get(name).properties.contains("quarkus.kafka-streams.application-id");
            assertTrue(
                    idInCode || env.containsKey("QUARKUS_KAFKA_STREAMS_APPLICATION_ID"),
                    name + " needs a fixed Kafka Streams application id");
        }
    }

    @Test
    void createsExactlyTheContractTopicsWithTheirSettings() {
        String script = String.join("\n", strings(list(service("kafka-topics"), "command")));
        Map<String, List<String>> created = new LinkedHashMap<>();
        Matcher m = TOPIC_LINE.matcher(script);
        while (m.find()) {
            created.put(m.group(1), List.of(m.group(2), m.group(3), m.group(4)));
        }
        Map<String, List<String>> contract = new LinkedHashMap<>();
        Topics.ALL.forEach(t -> contract.put(
                t.name(), List.of(String.valueOf(t.partitions()), t.cleanupPolicy(), String.valueOf(t.retentionMs()))));
        assertEquals(contract, created, "topic NAME PARTITIONS CLEANUP_POLICY RETENTION_MS lines vs Topics.ALL");
    }

    @Test
    void namesServicesOnlyOnTheirRealPorts() {
        List<String> wrong = new ArrayList<>();
        for (var entry : services.entrySet()) {
            Map<String, Object> service = map(entry.getValue(), entry.getKey());
            List<String> texts = new ArrayList<>(environment(service).values());
            texts.addAll(strings(list(service, "command")));
            for (String text : texts) {
                Matcher m = SERVICE_URL.matcher(text);
                while (m.find()) {
                    ServiceConfiguration target = code.get(m.group(1));
                    if (target != null && target.httpPort != Integer.parseInt(m.group(2))) {
                        wrong.add(entry.getKey() + " calls " + m.group() + ", " + target.module + " listens on "
                                + target.httpPort);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void sendsTheNotifiersMailToTheMailSink() {
        Map<String, String> env = environment(service("notifier"));
        String host = env.get("QUARKUS_MAILER_HOST");
        assertNotNull(host, "the notifier's mailer points at the mail sink");
        assertTrue(services.containsKey(host), "mail host " + host + " is a compose service");
        assertTrue(
                code.get("notifier").readsEnvironment("QUARKUS_MAILER_HOST"), "the notifier configures quarkus.mailer");
    }

    @Test
    void documentsEveryVariableItInterpolatesInTheEnvExample() throws IOException {
        Set<String> interpolated = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(Files.readString(composeDir.resolve("docker-compose.yml")));
        while (m.find()) {
            interpolated.add(m.group(1));
        }
        Set<String> documented = new TreeSet<>(envExample().keySet());
        assertEquals(interpolated, documented, ".env.example documents exactly the ${…} of docker-compose.yml");
    }

    @Test
    void envExampleHoldsNoRealLookingSecret() {
        for (var entry : envExample().entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            if (secretLike(name) && !value.isEmpty() && !name.endsWith("_SECRET_KEY")) {
                assertTrue(
                        value.startsWith("example-") || value.matches("[0-]+"),
                        name + " in .env.example must be an obvious example, not " + value);
            }
        }
    }

    @Test
    void takesEverySecretFromTheEnvironmentFileNeverAsALiteralNorAWorkingDefault() {
        for (String name : DeployFiles.SERVICES) {
            environment(service(name)).forEach((variable, value) -> {
                if (secretLike(variable)) {
                    // Demanded (${NAME:?message}: Compose refuses to start without it) or off when empty (${NAME:-}).
                    assertTrue(
                            value.matches("\\$\\{[A-Z0-9_]+(:\\?[^}]+|:-)\\}"),
                            name + ": " + variable + " is ${NAME:?message} or ${NAME:-}, never a default value: "
                                    + value);
                }
            });
        }
    }

    @Test
    void demandsEveryCredentialThatWouldOtherwiseHaveAWellKnownValue() throws IOException {
        String text = Files.readString(composeDir.resolve("docker-compose.yml"));
        for (String variable : List.of(
                "STORMWATCH_VIEWER_KEY",
                "STORMWATCH_RESPONDER_KEY",
                "STORMWATCH_DR_LEAD_KEY",
                "STORMWATCH_ADMIN_KEY",
                "STORMWATCH_INTERNAL_TOKEN",
                "STORMWATCH_NOTIFIER_ACK_SECRET",
                "STORMWATCH_INGEST_TOKEN",
                "STORMWATCH_KAFKA_ADMIN_PASSWORD",
                "STORMWATCH_KAFKA_HEALTH_INGEST_PASSWORD",
                "STORMWATCH_KAFKA_INCIDENT_CORRELATOR_PASSWORD",
                "STORMWATCH_KAFKA_NOTIFIER_PASSWORD",
                "STORMWATCH_KAFKA_STATUS_API_PASSWORD")) {
            Matcher uses =
                    Pattern.compile("\\$\\{" + variable + "(:?[-?+])?([^}]*)}").matcher(text);
            int count = 0;
            while (uses.find()) {
                count++;
                assertEquals(":?", uses.group(1), variable + " is demanded wherever it is used: " + uses.group());
            }
            assertTrue(count > 0, variable + " is used");
            assertEquals(
                    "",
                    envExample().get(variable),
                    variable + " is left empty in .env.example (generate-env.sh fills it)");
        }
        // No default anywhere in the file is a value a service takes as a credential.
        Matcher defaults = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]+)}").matcher(text);
        while (defaults.find()) {
            assertFalse(secretLike(defaults.group(1)), defaults.group(1) + " has a default: " + defaults.group());
        }
    }

    static boolean secretLike(String name) {
        return name.matches(".*(KEY|TOKEN|SECRET|PASSWORD|CONNECTION_STRING).*");
    }

    private void assertMountedVolume(String service, String path) {
        assertNotNull(path, service + ": directory to keep");
        Set<String> declared = child(DeployFiles.yaml(composeDir.resolve("docker-compose.yml")), "volumes")
                .keySet();
        boolean mounted = false;
        for (String volume : strings(list(service(service), "volumes"))) {
            String[] parts = volume.split(":");
            if (parts.length >= 2 && parts[1].equals(path)) {
                assertTrue(declared.contains(parts[0]), service + ": " + parts[0] + " is a named volume");
                mounted = true;
            }
        }
        assertTrue(mounted, service + ": a volume is mounted at " + path);
    }

    private Map<String, String> envExample() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(composeDir.resolve(".env.example"))) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                assertTrue(eq > 0, ".env.example line is NAME=value: " + line);
                out.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static Map<String, Object> service(String name) {
        assertTrue(services.containsKey(name), "compose service " + name);
        return map(services.get(name), name);
    }

    /** A service's environment as name → value, from the mapping form or the NAME=value list form. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> out = new LinkedHashMap<>();
        Object env = service.get("environment");
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    static List<String> strings(List<Object> items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(String.valueOf(i)));
        return out;
    }

    static Set<String> names(Map<String, ?> map) {
        return new LinkedHashSet<>(map.keySet());
    }
}
