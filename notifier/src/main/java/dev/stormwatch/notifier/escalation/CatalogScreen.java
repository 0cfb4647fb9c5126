package dev.stormwatch.notifier.escalation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stormwatch.contracts.CloudEvent;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.catalog.Catalog;
import dev.stormwatch.contracts.catalog.Contact;
import dev.stormwatch.contracts.catalog.ContactChannel;
import dev.stormwatch.contracts.outbound.DestinationPolicy;
import dev.stormwatch.notifier.channel.ChannelSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global {@code catalogs} store from {@code catalog.v1}: a newer catalog for a platform replaces the older, a
 * tombstone removes it, and a catalog that points a channel at a destination the configuration does not allow, or that
 * names a setting (secretRef, addressRef) that is not a channel secret, is refused as a whole: the platform keeps its
 * last accepted catalog, and a refusal marker ({@code refused/<platform>}) tells the escalation processor to write the
 * refusal, with every offending channel, to the audit trail. Kafka Streams replays {@code catalog.v1} through this
 * processor when it restores the store, so a refused catalog stays refused after a restart.
 */
final class CatalogScreen implements Processor<String, byte[], Void, Void> {

    static final String REFUSED = "refused/";
    /**
     * A small entry naming the accepted catalog's event id, so readers can tell a change without reading the catalog.
     */
    static final String ACCEPTED_ID = "id/";

    static final String REFUSED_TYPE = "dev.stormwatch.notifier.catalog-refused";

    private final DestinationPolicy destinations;
    private final ChannelSecrets secrets;
    private final CatalogRefusals refusals;
    private KeyValueStore<String, CloudEvent> store;
    private ProcessorContext<Void, Void> context;

    CatalogScreen(DestinationPolicy destinations, ChannelSecrets secrets, CatalogRefusals refusals) {
        this.destinations = destinations;
        this.secrets = secrets;
        this.refusals = refusals;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.CATALOGS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String platform = record.key();
        if (platform == null || platform.startsWith(REFUSED) || platform.startsWith(ACCEPTED_ID)) {
            return;
        }
        if (record.value() == null) {
            store.delete(platform);
            store.delete(ACCEPTED_ID + platform);
            store.delete(REFUSED + platform);
            return;
        }
        CloudEvent event;
        try {
            event = JsonCodec.fromJson(record.value(), CloudEvent.class);
        } catch (RuntimeException e) {
            refuse(platform, "unreadable-" + where(), "the record is not a CloudEvent: " + e.getMessage());
            return;
        }
        Catalog catalog;
        try {
            catalog = JsonCodec.data(event, Catalog.class);
        } catch (RuntimeException e) {
            refuse(platform, event.id(), "the event's data is not a catalog: " + e.getMessage());
            return;
        }
        List<String> names = settingProblems(catalog);
        List<String> problems = problems(catalog);
        if (!names.isEmpty() || !problems.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            if (!names.isEmpty()) {
                reasons.add("it names settings that are not channel secrets: " + String.join("; ", names));
            }
            if (!problems.isEmpty()) {
                reasons.add("it points the notifier at destinations the configuration does not allow: "
                        + String.join("; ", problems));
            }
            refuse(platform, event.id(), String.join("; and ", reasons));
            return;
        }
        store.put(platform, event);
        store.put(
                ACCEPTED_ID + platform,
                new CloudEvent(
                        CloudEvent.SPEC_VERSION,
                        event.id(),
                        "/stormwatch/notifier",
                        "dev.stormwatch.notifier.catalog-accepted",
                        null,
                        platform,
                        null,
                        null,
                        null));
        store.delete(REFUSED + platform);
    }

    List<String> problems(Catalog catalog) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < catalog.contacts().size(); i++) {
            Contact c = catalog.contacts().get(i);
            for (int j = 0; j < c.channels().size(); j++) {
                ContactChannel ch = c.channels().get(j);
                if (ch.type() == null || ch.type().equals("email")) {
                    continue;
                }
                // A URL named by addressRef is checked as configured now; each attempt checks the address it connects
                // to.
                Optional<String> address = secrets.address(ch);
                if (address.isEmpty()) {
                    continue;
                }
                Optional<String> refusal = destinations.refusal(address.get());
                if (refusal.isPresent()) {
                    problems.add("contacts[" + i + "].channels[" + j + "] (" + c.id() + ", " + ch.type() + "): "
                            + refusal.get());
                }
            }
        }
        return problems;
    }

    /** Every secretRef and addressRef that names a setting other than a channel secret. */
    List<String> settingProblems(Catalog catalog) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < catalog.contacts().size(); i++) {
            Contact c = catalog.contacts().get(i);
            for (int j = 0; j < c.channels().size(); j++) {
                ContactChannel ch = c.channels().get(j);
                String at = "contacts[" + i + "].channels[" + j + "] (" + c.id() + ", " + ch.type() + "): ";
                if (ch.secretRef() != null) {
                    secrets.refusal("secretRef", ch.secretRef()).ifPresent(why -> problems.add(at + why));
                }
                if (ch.addressRef() != null) {
                    secrets.refusal("addressRef", ch.addressRef()).ifPresent(why -> problems.add(at + why));
                }
            }
        }
        return problems;
    }

    private void refuse(String platform, String eventId, String reason) {
        ObjectNode data = JsonCodec.mapper().createObjectNode();
        data.put("platformId", platform);
        data.put("eventId", eventId);
        data.put("reason", reason);
        store.put(
                REFUSED + platform,
                new CloudEvent(
                        CloudEvent.SPEC_VERSION,
                        eventId,
                        "/stormwatch/notifier",
                        REFUSED_TYPE,
                        null,
                        platform,
                        null,
                        null,
                        data));
        refusals.refused();
    }

    private String where() {
        return context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("record");
    }
}
