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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s, every manifest the kustomization lists, read as YAML and checked against the code and against each other:
 * Deployments (probes, resources, replicas, ports, variables), their PodDisruptionBudgets, Services and
 * ServiceMonitors, Secrets only through secretKeyRef, the Strimzi Kafka and one KafkaTopic per contract topic. No
 * cluster is needed; nothing is applied.
 */
class KubernetesManifestsTest {

    private static final Pattern SERVICE_URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)");

    private static Path k8s;
    private static Map<String, Object> kustomization;
    /** Every object of the kustomization, by "Kind/name". */
    private static Map<String, Map<String, Object>> objects;

    private static Map<String, Map<String, Object>> exampleSecrets;
    private static Map<String, ServiceConfiguration> code;

    @BeforeAll
    static void read() {
        k8s = DeployFiles.repo().resolve("deploy/k8s");
        kustomization = DeployFiles.yaml(k8s.resolve("kustomization.yaml"));
        objects = new LinkedHashMap<>();
        for (Object resource : list(kustomization, "resources")) {
            Path file = k8s.resolve(String.valueOf(resource));
            assertTrue(Files.isRegularFile(file), "kustomization resource " + resource + " is a file here");
            for (Object document : DeployFiles.documents(file)) {
                Map<String, Object> object = map(document, file.toString());
                String key = scalar(object, "kind") + "/" + scalar(object, "metadata", "name");
                assertFalse(objects.containsKey(key), "defined twice: " + key);
                objects.put(key, object);
            }
        }
        exampleSecrets = new LinkedHashMap<>();
        for (Object document : DeployFiles.documents(k8s.resolve("secret.example.yaml"))) {
            Map<String, Object> secret = map(document, "secret.example.yaml");
            assertEquals("Secret", scalar(secret, "kind"));
            exampleSecrets.put(scalar(secret, "metadata", "name"), secret);
        }
        code = DeployFiles.services();
        System.out.println("[deploy] No Kubernetes cluster here: the manifests are checked by parsing them against the"
                + " services' configuration, not by applying them.");
    }

    @Test
    void listsEveryManifestInTheKustomizationAndKeepsTheExampleSecretsOut() throws IOException {
        Set<String> listed = new TreeSet<>();
        list(kustomization, "resources").forEach(r -> listed.add(String.valueOf(r)));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(k8s)) {
            files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .map(f -> k8s.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.equals("kustomization.yaml") && !f.equals("secret.example.yaml"))
                    .forEach(present::add);
        }
        assertEquals(present, listed, "every manifest is part of the kustomization");
        assertFalse(listed.contains("secret.example.yaml"), "example Secret values are never applied");
        assertTrue(objects.keySet().stream().noneMatch(k -> k.startsWith("Secret/")), "no Secret in the kustomization");
        assertEquals(scalar(kustomization, "namespace"), scalar(object("Namespace", "stormwatch"), "metadata", "name"));
        exampleSecrets
                .values()
                .forEach(s -> assertEquals(
                        scalar(kustomization, "namespace"),
                        scalar(s, "metadata", "namespace"),
                        "example Secrets go to the same namespace"));
    }

    @Test
    void runsEachServiceWithProbesOnQuarkusHealthResourcesAndAtLeastTwoReplicas() {
        for (String name : DeployFiles.SERVICES) {
            Map<String, Object> deployment = object("Deployment", name);
            Object replicas = child(deployment, "spec").get("replicas");
            assertTrue(replicas instanceof Integer r && r >= 2, name + " replicas >= 2: " + replicas);
            Map<String, Object> container = container(name);
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                String expected = probe.equals("readinessProbe") ? "/q/health/ready" : "/q/health/live";
                assertEquals(expected, scalar(container, probe, "httpGet", "path"), name + " " + probe);
                assertEquals(
                        code.get(name).httpPort,
                        containerPort(container, scalar(container, probe, "httpGet", "port")),
                        name + " " + probe + " port");
            }
            if (container.containsKey("startupProbe")) {
                assertTrue(scalar(container, "startupProbe", "httpGet", "path").startsWith("/q/health/"), name);
            }
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(
                            scalar(container, "resources", kind, resource),
                            name + " resources." + kind + "." + resource);
                }
            }
        }
    }

    @Test
    void exposesEachServiceOnItsRealPort() {
        for (String name : DeployFiles.SERVICES) {
            ServiceConfiguration service = code.get(name);
            Map<String, Integer> expected = new java.util.LinkedHashMap<>();
            expected.put("http", service.httpPort);
            if (service.managementPort != null) {
                expected.put("management", service.managementPort);
            }
            Map<String, Object> container = container(name);
            Map<String, Integer> containerPorts = new java.util.LinkedHashMap<>();
            for (Object p : list(container, "ports")) {
                containerPorts.put(
                        scalar(map(p, name), "name"), (Integer) map(p, name).get("containerPort"));
            }
            assertEquals(
                    expected,
                    containerPorts,
                    name + " container ports = quarkus.http.port (+ quarkus.management.port)");
            Map<String, Object> svc = object("Service", name);
            assertTrue(
                    labels(object("Deployment", name), "spec", "template", "metadata", "labels")
                            .entrySet()
                            .containsAll(child(svc, "spec", "selector").entrySet()),
                    name + ": Service selects the pods");
            Map<String, Integer> servicePorts = new java.util.LinkedHashMap<>();
            for (Object p : list(svc, "spec", "ports")) {
                Map<String, Object> servicePort = map(p, name);
                assertEquals(
                        servicePort.get("port"),
                        containerPort(container, String.valueOf(servicePort.get("targetPort"))),
                        name + " targetPort of " + servicePort.get("name"));
                servicePorts.put(scalar(servicePort, "name"), (Integer) servicePort.get("port"));
            }
            assertEquals(expected, servicePorts, name + " Service ports");
        }
    }

    @Test
    void givesEachDeploymentAPodDisruptionBudgetThatLeavesOneReplicaUp() {
        for (String name : DeployFiles.SERVICES) {
            Map<String, Object> deployment = object("Deployment", name);
            Map<String, Object> podLabels = labels(deployment, "spec", "template", "metadata", "labels");
            List<Map<String, Object>> budgets = new ArrayList<>();
            for (var object : objects.values()) {
                if ("PodDisruptionBudget".equals(scalar(object, "kind"))
                        && podLabels
                                .entrySet()
                                .containsAll(child(object, "spec", "selector", "matchLabels")
                                        .entrySet())
                        && !child(object, "spec", "selector", "matchLabels").isEmpty()) {
                    budgets.add(object);
                }
            }
            assertEquals(1, budgets.size(), name + ": one PodDisruptionBudget selects its pods");
            Map<String, Object> spec = child(budgets.get(0), "spec");
            int replicas = (Integer) child(deployment, "spec").get("replicas");
            if (spec.get("minAvailable") instanceof Integer min) {
                assertTrue(min >= 1 && min < replicas, name + ": minAvailable " + min + " of " + replicas);
            } else {
                assertTrue(
                        spec.get("maxUnavailable") instanceof Integer max && max >= 1 && max < replicas,
                        name + ": the budget sets minAvailable or maxUnavailable as a number below the replicas");
            }
            assertEquals("policy/v1", scalar(budgets.get(0), "apiVersion"));
        }
    }

    @Test
    void scrapesEachServiceOnQuarkusMetrics() {
        for (String name : DeployFiles.SERVICES) {
            Map<String, Object> monitor = object("ServiceMonitor", name);
            assertEquals("monitoring.coreos.com/v1", scalar(monitor, "apiVersion"));
            Map<String, Object> service = object("Service", name);
            assertTrue(
                    labels(service, "metadata", "labels")
                            .entrySet()
                            .containsAll(child(monitor, "spec", "selector", "matchLabels")
                                    .entrySet()),
                    name + " monitor selects its Service");
            List<Object> endpoints = list(monitor, "spec", "endpoints");
            assertEquals(1, endpoints.size(), name);
            Map<String, Object> endpoint = map(endpoints.get(0), name);
            assertEquals("/q/metrics", endpoint.get("path"), name);
            // Metrics live on the management interface when the service has one (no credentials there), else on http.
            assertEquals(
                    code.get(name).managementPort != null ? "management" : "http",
                    endpoint.get("port"),
                    name + " scrapes the Service's named port");
        }
    }

    @Test
    void passesEachServiceOnlyVariablesItReads() {
        List<String> unknown = new ArrayList<>();
        for (String name : DeployFiles.SERVICES) {
            for (String variable : environment(name).keySet()) {
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
        Set<String> used = new HashSet<>();
        DeployFiles.SERVICES.forEach(s -> used.addAll(configMapsOf(s)));
        for (String key : objects.keySet()) {
            if (key.startsWith("ConfigMap/")) {
                assertTrue(used.contains(key.substring("ConfigMap/".length())), key + " is used by a Deployment");
            }
        }
    }

    @Test
    void takesSecretsOnlyFromSecretsNeverFromPlainValuesOrConfigMaps() {
        Set<String> secretValues = new HashSet<>();
        // The values of the credentials (keys, tokens, secrets, connection strings); ids such as tenant-id are not
        // secret.
        exampleSecrets
                .values()
                .forEach(s -> child(s, "stringData").forEach((k, v) -> {
                    if (ComposeFileTest.secretLike(ServiceConfiguration.envForm(k))) {
                        secretValues.add(String.valueOf(v));
                    }
                }));
        for (String name : DeployFiles.SERVICES) {
            for (Object item : list(container(name), "env")) {
                Map<String, Object> env = map(item, name);
                String variable = scalar(env, "name");
                if (env.containsKey("value")) {
                    assertFalse(
                            ComposeFileTest.secretLike(variable),
                            name + ": " + variable + " has a plain value;" + " take it from a Secret (secretKeyRef)");
                    assertFalse(secretValues.contains(String.valueOf(env.get("value"))), name + ": " + variable);
                } else {
                    Map<String, Object> ref = child(env, "valueFrom", "secretKeyRef");
                    assertFalse(ref.isEmpty(), name + ": " + variable + " comes from a secretKeyRef");
                    if (objects.containsKey("KafkaUser/" + scalar(ref, "name"))) {
                        // Strimzi's User Operator writes this Secret for the KafkaUser of the same name.
                        assertEquals(name, scalar(ref, "name"), name + ": " + variable + " is its own Kafka user's");
                        assertTrue(
                                Set.of("sasl.jaas.config", "password").contains(scalar(ref, "key")),
                                name + ": " + variable);
                        continue;
                    }
                    Map<String, Object> secret = exampleSecrets.get(scalar(ref, "name"));
                    assertNotNull(secret, name + ": Secret " + scalar(ref, "name") + " is in secret.example.yaml");
                    assertTrue(
                            child(secret, "stringData").containsKey(scalar(ref, "key")),
                            name + ": key " + scalar(ref, "key") + " of Secret " + scalar(ref, "name")
                                    + " is in secret.example.yaml");
                }
            }
            for (Object from : list(container(name), "envFrom")) {
                assertTrue(
                        child(map(from, name), "secretRef").isEmpty(),
                        name + ": whole Secrets as envFrom would hide which keys a service reads; use secretKeyRef");
            }
        }
        for (var entry : objects.entrySet()) {
            if (!entry.getKey().startsWith("ConfigMap/")) {
                continue;
            }
            for (var data : child(entry.getValue(), "data").entrySet()) {
                assertFalse(
                        ComposeFileTest.secretLike(data.getKey()),
                        entry.getKey() + ": " + data.getKey() + " belongs in a Secret");
                assertFalse(
                        secretValues.contains(String.valueOf(data.getValue())),
                        entry.getKey() + ": " + data.getKey() + " holds a Secret's value");
            }
        }
    }

    @Test
    void keepsKafkaStreamsStateInAMountedDirectoryUnderAStableApplicationId() {
        int brokers =
                (Integer) child(object("KafkaNodePool", "dual-role"), "spec").get("replicas");
        for (String name : DeployFiles.SERVICES) {
            if (!code.get(name).kafkaStreams) {
                continue;
            }
            Map<String, String> env = environment(name);
            String stateDir = env.get("KAFKA_STREAMS_STATE_DIR");
            assertNotNull(stateDir, name + " runs Kafka Streams: set its state directory");
            List<String> mounts = new ArrayList<>();
            list(container(name), "volumeMounts").forEach(m -> mounts.add(scalar(map(m, name), "mountPath")));
            assertTrue(mounts.contains(stateDir), name + ": a volume is mounted at " + stateDir);
            boolean idInCode = code.get(name).properties.contains("quarkus.kafka-streams.application-id");
            assertTrue(
                    idInCode || env.containsKey("QUARKUS_KAFKA_STREAMS_APPLICATION_ID"),
                    name + ": fixed application id");
            String replication = env.get("KAFKA_STREAMS_REPLICATION_FACTOR");
            if (replication != null) {
                assertTrue(Integer.parseInt(replication) <= brokers, name + ": replication factor within the brokers");
            }
        }
    }

    @Test
    void pointsTheServicesAtTheStrimziBootstrapAndAtEachOthersRealPorts() {
        Map<String, Object> kafka = object("Kafka", "stormwatch");
        Map<String, Object> listener =
                map(list(kafka, "spec", "kafka", "listeners").get(0), "Kafka listeners");
        String bootstrap = "stormwatch-kafka-bootstrap:" + listener.get("port");
        List<String> wrong = new ArrayList<>();
        for (String name : DeployFiles.SERVICES) {
            Map<String, String> env = environment(name);
            assertEquals(bootstrap, env.get("KAFKA_BOOTSTRAP_SERVERS"), name);
            for (String value : env.values()) {
                Matcher m = SERVICE_URL.matcher(value);
                while (m.find()) {
                    ServiceConfiguration target = code.get(m.group(1));
                    if (target == null || target.httpPort != Integer.parseInt(m.group(2))) {
                        wrong.add(name + " calls " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "in-cluster URLs name a Service on its real port");
    }

    @Test
    void routesTheIngressToServicesOnTheirRealPortsAndServesTheNotifiersAcknowledgeLinks() {
        List<String> routes = new ArrayList<>();
        for (var object : objects.values()) {
            if (!"Ingress".equals(scalar(object, "kind"))) {
                continue;
            }
            for (Object rule : list(object, "spec", "rules")) {
                Map<String, Object> r = map(rule, "rules");
                for (Object path : list(r, "http", "paths")) {
                    Map<String, Object> p = map(path, "paths");
                    String service = scalar(p, "backend", "service", "name");
                    Object port = child(p, "backend", "service", "port").get("number");
                    assertTrue(code.containsKey(service), "Ingress backend " + service + " is a Stormwatch service");
                    assertEquals(code.get(service).httpPort, port, "Ingress to " + service);
                    routes.add("https://" + scalar(r, "host") + scalar(p, "path") + " -> " + service);
                }
            }
        }
        String publicUrl = environment("notifier").get("STORMWATCH_NOTIFIER_PUBLIC_URL");
        assertNotNull(publicUrl, "the notifier's acknowledge links need its public URL");
        assertTrue(
                routes.contains(publicUrl + "/ack -> notifier"),
                publicUrl + "/ack is routed to the notifier: " + routes);
    }

    @Test
    void runsStrimziKafkaInKraftModeWithNodePoolsAtTheBuildsKafkaVersion() {
        Map<String, Object> kafka = object("Kafka", "stormwatch");
        assertEquals(AppInfoParser.getVersion(), scalar(kafka, "spec", "kafka", "version"));
        assertFalse(child(kafka, "spec").containsKey("zookeeper"), "KRaft: no ZooKeeper");
        assertTrue(
                child(kafka, "spec", "entityOperator").containsKey("topicOperator"),
                "the Topic Operator applies the KafkaTopics");
        Map<String, Object> pool = object("KafkaNodePool", "dual-role");
        assertEquals("stormwatch", scalar(pool, "metadata", "labels", "strimzi.io/cluster"));
        assertEquals(List.of("controller", "broker"), list(pool, "spec", "roles"));
        int brokers = (Integer) child(pool, "spec").get("replicas");
        Map<String, Object> config = child(kafka, "spec", "kafka", "config");
        int minIsr = (Integer) config.get("min.insync.replicas");
        assertTrue(minIsr < brokers, "a broker can be drained without refusing acks=all writes");
        assertEquals(false, config.get("auto.create.topics.enable"), "topics only from KafkaTopic resources");
    }

    @Test
    void declaresOneKafkaTopicPerContractTopicWithTheSameSettings() {
        Map<String, List<Object>> declared = new LinkedHashMap<>();
        int brokers =
                (Integer) child(object("KafkaNodePool", "dual-role"), "spec").get("replicas");
        for (var object : objects.values()) {
            if (!"KafkaTopic".equals(scalar(object, "kind"))) {
                continue;
            }
            assertEquals("stormwatch", scalar(object, "metadata", "labels", "strimzi.io/cluster"));
            Map<String, Object> spec = child(object, "spec");
            String topic =
                    spec.containsKey("topicName") ? scalar(spec, "topicName") : scalar(object, "metadata", "name");
            Map<String, Object> config = child(spec, "config");
            assertEquals(
                    Set.of("cleanup.policy", "retention.ms"),
                    config.keySet(),
                    topic + ": settings beyond the contract");
            declared.put(
                    topic,
                    List.of(
                            spec.get("partitions"),
                            config.get("cleanup.policy"),
                            ((Number) config.get("retention.ms")).longValue()));
            int replicas = (Integer) spec.get("replicas");
            assertTrue(replicas <= brokers && replicas >= 2, topic + ": replicas " + replicas);
        }
        Map<String, List<Object>> contract = new LinkedHashMap<>();
        Topics.ALL.forEach(t -> contract.put(t.name(), List.of(t.partitions(), t.cleanupPolicy(), t.retentionMs())));
        assertEquals(contract, declared, "KafkaTopic resources vs Topics.ALL");
    }

    // --- reading the manifests ---------------------------------------------------------------------------------------

    private static Map<String, Object> object(String kind, String name) {
        Map<String, Object> object = objects.get(kind + "/" + name);
        assertNotNull(object, "no " + kind + " named " + name + " in deploy/k8s");
        return object;
    }

    private static Map<String, Object> container(String name) {
        List<Object> containers = list(object("Deployment", name), "spec", "template", "spec", "containers");
        assertEquals(1, containers.size(), name + " has one container");
        return map(containers.get(0), name);
    }

    private static Map<String, Object> labels(Map<String, Object> object, String... path) {
        return child(object, path);
    }

    /** The port number a probe or Service names, by number or by the container port's name. */
    private static int containerPort(Map<String, Object> container, String port) {
        assertNotNull(port, "a port is named");
        if (port.matches("\\d+")) {
            return Integer.parseInt(port);
        }
        for (Object p : list(container, "ports")) {
            Map<String, Object> entry = map(p, "ports");
            if (port.equals(entry.get("name"))) {
                return (Integer) entry.get("containerPort");
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    private static List<String> configMapsOf(String name) {
        List<String> out = new ArrayList<>();
        for (Object from : list(container(name), "envFrom")) {
            String configMap = scalar(map(from, name), "configMapRef", "name");
            if (configMap != null) {
                out.add(configMap);
            }
        }
        return out;
    }

    /** The environment a service's container gets: its ConfigMaps (envFrom), then its own env entries. */
    private static Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String configMap : configMapsOf(name)) {
            child(object("ConfigMap", configMap), "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        for (Object item : list(container(name), "env")) {
            Map<String, Object> entry = map(item, name);
            env.put(
                    scalar(entry, "name"),
                    entry.containsKey("value") ? String.valueOf(entry.get("value")) : "(secret)");
        }
        return env;
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
