package dev.stormwatch.local;

import dev.stormwatch.local.kafka.SharedBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Points a Quarkus test application at the real Kafka broker of this JVM ({@link SharedBroker}): one KRaft broker for
 * all test classes of a module, every topic of the contract created before the application starts, and a Kafka Streams
 * state directory that lives exactly as long as that broker.
 *
 * <p>The broker is shared: records written by one test class are still there for the next; tests use their own keys (or
 * read from the end offsets they noted) rather than expecting empty topics.
 *
 * <p>Use with {@code @QuarkusTestResource(KafkaBrokerTestResource.class)} or {@code @WithTestResource}.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = (String) invoke("acquire");
        return Map.of(
                "kafka.bootstrap.servers",
                bootstrap,
                "quarkus.kafka-streams.bootstrap-servers",
                bootstrap,
                "mp.messaging.connector.smallrye-kafka.bootstrap.servers",
                bootstrap,
                // Local state stores live and die with this broker's changelogs (see SharedBroker).
                "kafka-streams.state.dir",
                (String) invoke("streamsStateDir"));
    }

    @Override
    public void stop() {
        invoke("release");
    }

    /**
     * Calls {@link SharedBroker} as loaded by the system class loader: Quarkus loads this resource once per test
     * application in its own class loader, where a static field would mean one broker per application, and a broker
     * whose classes vanish when that application's class loader closes.
     */
    private static Object invoke(String method) {
        Class<?> shared;
        try {
            shared = Class.forName(SharedBroker.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            // A runner without the test classpath on the system class loader: the resource's own loader is all there
            // is.
            shared = SharedBroker.class;
        }
        try {
            Method m = shared.getMethod(method);
            return m.invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Kafka broker " + method + " failed", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + shared.getName() + "." + method, e);
        }
    }
}
