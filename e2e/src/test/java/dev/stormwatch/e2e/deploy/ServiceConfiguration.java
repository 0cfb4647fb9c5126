package dev.stormwatch.e2e.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service really reads from its configuration, taken from its sources at test time: the keys of its
 * {@code application.properties} (profile-less or {@code %prod.}), the names inside its {@code ${…}} expressions (an
 * upper-case name is an environment variable read directly, a dotted one a property), the properties of its
 * {@code @ConfigMapping} interfaces, its {@code @ConfigProperty(name = …)} injections, and the environment variables of
 * the libraries it calls (DefaultAzureCredential) or of the catalog secrets it resolves from the environment.
 *
 * <p>An environment variable is read when it is one of those directly, or when it is the environment form of one of
 * those properties: SmallRye Config maps {@code FOO_BAR_BAZ} to {@code foo.bar-baz} by replacing every character that
 * is not a letter or a digit with {@code _} and upper-casing.
 */
final class ServiceConfiguration {

    /**
     * What DefaultAzureCredential reads (EnvironmentCredential, WorkloadIdentityCredential) when a service builds one.
     */
    static final Set<String> DEFAULT_AZURE_CREDENTIAL_ENV = Set.of(
            "AZURE_TENANT_ID",
            "AZURE_CLIENT_ID",
            "AZURE_CLIENT_SECRET",
            "AZURE_CLIENT_CERTIFICATE_PATH",
            "AZURE_CLIENT_CERTIFICATE_PASSWORD",
            "AZURE_FEDERATED_TOKEN_FILE",
            "AZURE_AUTHORITY_HOST");

    /**
     * The security settings Quarkus's Kafka Streams extension reads itself ({@code quarkus.kafka-streams.*}), the ones
     * the deployments set to authenticate a Kafka Streams application.
     */
    static final Set<String> KAFKA_STREAMS_SECURITY = Set.of(
            "quarkus.kafka-streams.security-protocol",
            "quarkus.kafka-streams.sasl.mechanism",
            "quarkus.kafka-streams.sasl.jaas-config",
            "quarkus.kafka-streams.ssl.truststore.type",
            "quarkus.kafka-streams.ssl.truststore.location",
            "quarkus.kafka-streams.ssl.truststore.certificates");

    /** The KAFKA_* connection variables that reach a client built from Quarkus's default-kafka-broker map. */
    private static final Pattern KAFKA_CONNECTION_ENV =
            Pattern.compile("KAFKA_(BOOTSTRAP_SERVERS|SECURITY_PROTOCOL|SASL_[A-Z0-9_]+|SSL_[A-Z0-9_]+)");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern SECRET_REF = Pattern.compile("(?:secretRef|addressRef):\\s*\"?([A-Za-z0-9_.-]+)\"?");

    final String module;
    final int httpPort;
    /** The Quarkus management interface's port (its /q/metrics), or null when the service has none. */
    final Integer managementPort;
    /** Property names the service reads (exact). */
    final Set<String> properties;
    /** Property names with {@code *} for a map key ({@code Map<String, Group>} in a mapping). */
    final Set<String> propertyPatterns;
    /** Environment variables the service (or a library it calls) reads by that exact name. */
    final Set<String> environment;
    /** Whether the module runs Kafka Streams (it needs a stable application id and a state directory). */
    final boolean kafkaStreams;
    /**
     * Whether its plain Kafka clients start from Quarkus's {@code default-kafka-broker} map (every {@code kafka.*}
     * property and {@code KAFKA_*} variable), so that they read the connection variables (security protocol, SASL,
     * TLS).
     */
    final boolean kafkaConnection;

    private ServiceConfiguration(
            String module,
            int httpPort,
            Integer managementPort,
            Set<String> properties,
            Set<String> propertyPatterns,
            Set<String> environment,
            boolean kafkaStreams,
            boolean kafkaConnection) {
        this.module = module;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.properties = properties;
        this.propertyPatterns = propertyPatterns;
        this.environment = environment;
        this.kafkaStreams = kafkaStreams;
        this.kafkaConnection = kafkaConnection;
    }

    /** Reads module {@code module} of the repository at {@code repo}. */
    static ServiceConfiguration of(Path repo, String module) {
        Path moduleDir = repo.resolve(module);
        Path propertiesFile = moduleDir.resolve("src/main/resources/application.properties");
        Properties props = new Properties();
        if (Files.exists(propertiesFile)) {
            try (Reader reader = Files.newBufferedReader(propertiesFile)) {
                props.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<String> properties = new TreeSet<>();
        Set<String> environment = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            String name = key.startsWith("%prod.") ? key.substring("%prod.".length()) : key;
            if (!name.startsWith("%")) {
                properties.add(name);
            }
            collectExpressions(props.getProperty(key), properties, environment);
        }
        String port = props.getProperty("quarkus.http.port");
        if (port == null) {
            throw new IllegalStateException(module + ": no quarkus.http.port in " + repo.relativize(propertiesFile));
        }

        Set<String> patterns = new TreeSet<>();
        List<Path> sources = javaSources(moduleDir.resolve("src/main/java"));
        for (ConfigMappingSource.Property p : ConfigMappingSource.properties(sources)) {
            (p.name().contains("*") ? patterns : properties).add(p.name());
        }
        boolean azureCredential = false;
        boolean environmentSecrets = false;
        boolean kafkaConnection = false;
        for (Path source : sources) {
            String text = read(source);
            Matcher m = CONFIG_PROPERTY.matcher(text);
            while (m.find()) {
                properties.add(m.group(1));
            }
            azureCredential |= text.contains("DefaultAzureCredentialBuilder");
            kafkaConnection |= text.contains("@Identifier(\"default-kafka-broker\")");
            environmentSecrets |=
                    text.contains("SecretSource.environment()") || text.contains("interface SecretSource");
        }
        if (azureCredential) {
            environment.addAll(DEFAULT_AZURE_CREDENTIAL_ENV);
        }
        if (environmentSecrets) {
            environment.addAll(catalogSecretRefs(repo.resolve("deploy/catalog")));
        }
        boolean streams = properties.stream().anyMatch(p -> p.startsWith("quarkus.kafka-streams."))
                || read(moduleDir.resolve("pom.xml")).contains("<artifactId>quarkus-kafka-streams</artifactId>");
        if (streams) {
            properties.addAll(KAFKA_STREAMS_SECURITY);
        }
        Integer management = null;
        if ("true"
                .equals(props.getProperty("quarkus.management.enabled", "false").trim())) {
            // "${STORMWATCH_MANAGEMENT_PORT:9080}" → its default; Quarkus's own default is 9000.
            String value = props.getProperty("quarkus.management.port", "9000").trim();
            Matcher d = Pattern.compile("\\$\\{[^:}]+:(\\d+)}").matcher(value);
            management = Integer.parseInt(d.matches() ? d.group(1) : value);
        }
        return new ServiceConfiguration(
                module,
                Integer.parseInt(port.trim()),
                management,
                properties,
                patterns,
                environment,
                streams,
                kafkaConnection);
    }

    /** Whether the service reads environment variable {@code name}. */
    boolean readsEnvironment(String name) {
        if (environment.contains(name)) {
            return true;
        }
        if (kafkaConnection && KAFKA_CONNECTION_ENV.matcher(name).matches()) {
            return true;
        }
        if (properties.stream().anyMatch(p -> envForm(p).equals(name))) {
            return true;
        }
        return propertyPatterns.stream()
                .anyMatch(p -> envPattern(p).matcher(name).matches());
    }

    /** Whether the service reads property {@code name} (as in a ConfigMap of properties or a system property). */
    boolean readsProperty(String name) {
        return properties.contains(name)
                || propertyPatterns.stream()
                        .anyMatch(p -> propertyPattern(p).matcher(name).matches());
    }

    /** SmallRye Config's environment form of a property name. */
    static String envForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Pattern envPattern(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(envForm(parts[i])));
        }
        return Pattern.compile(regex.toString());
    }

    private static Pattern propertyPattern(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[^.]+");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    private static void collectExpressions(String value, Set<String> properties, Set<String> environment) {
        Matcher m = EXPRESSION.matcher(value);
        while (m.find()) {
            String name = m.group(1).trim();
            (ENV_NAME.matcher(name).matches() ? environment : properties).add(name);
        }
    }

    /** The environment variables the example catalogs name as channel secrets. */
    private static Set<String> catalogSecretRefs(Path catalogDir) {
        Set<String> refs = new LinkedHashSet<>();
        if (!Files.isDirectory(catalogDir)) {
            return refs;
        }
        try (Stream<Path> files = Files.list(catalogDir)) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .toList()) {
                Matcher m = SECRET_REF.matcher(read(file));
                while (m.find()) {
                    refs.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return refs;
    }

    static List<Path> javaSources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return new ArrayList<>(
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return module + " (port " + httpPort + ")";
    }
}
