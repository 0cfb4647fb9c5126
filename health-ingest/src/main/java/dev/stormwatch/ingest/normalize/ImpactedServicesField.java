package dev.stormwatch.ingest.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stormwatch.contracts.JsonCodec;
import dev.stormwatch.contracts.azure.Regions;
import dev.stormwatch.contracts.health.ImpactedService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Service Health {@code impactedServices} property: a JSON array written as a string inside the JSON
 * ({@code "[{\"ImpactedRegions\":[{\"RegionName\":\"East US\"}],\"ServiceName\":\"…\"}]"}), so decoded twice. Regions
 * become canonical ({@code eastus}); services stay as the provider wrote them. Bad inner JSON is tolerated (a Logic
 * Apps doc sample has it): the caller then falls back to the single {@code service}/{@code region} properties.
 */
public final class ImpactedServicesField {

    private ImpactedServicesField() {}

    /** The pairs of {@code value} (a string holding JSON, or the already-decoded array); empty when unusable. */
    public static List<ImpactedService> parse(JsonNode value) {
        JsonNode array = value;
        if (value != null && value.isTextual()) {
            try {
                array = JsonCodec.mapper().readTree(value.asText());
            } catch (JsonProcessingException e) {
                return List.of();
            }
        }
        if (array == null || !array.isArray()) {
            return List.of();
        }
        Set<ImpactedService> pairs = new LinkedHashSet<>();
        for (JsonNode service : array) {
            String name = PayloadFields.text(service, "ServiceName", "impactedService");
            if (name == null) {
                continue;
            }
            JsonNode regions = PayloadFields.first(service, "ImpactedRegions");
            if (regions.isArray()) {
                for (JsonNode region : regions) {
                    String r = Regions.canonical(
                            region.isTextual()
                                    ? region.asText()
                                    : PayloadFields.text(region, "RegionName", "impactedRegion"));
                    if (r != null) {
                        pairs.add(new ImpactedService(name, r));
                    }
                }
            }
        }
        return new ArrayList<>(pairs);
    }
}
