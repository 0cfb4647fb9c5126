package dev.stormwatch.contracts.azure;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Azure Resource Manager resource type a catalog service is deployed as, to ask the resource providers whether a
 * region offers it. The catalog names services as the provider's health signals do ("Key Vault", "SQL Database"); ARM
 * lists {@code Microsoft.KeyVault/vaults} with its locations. A service missing here (Power BI, which ARM does not
 * deploy per region) is not checked.
 */
public final class ServiceResourceTypes {

    /** Normalized service name ({@link ServiceNames#normalize}) → resource type, as ARM spells it. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("key vault", "Microsoft.KeyVault/vaults"),
            Map.entry("storage", "Microsoft.Storage/storageAccounts"),
            Map.entry("sql database", "Microsoft.Sql/servers"),
            Map.entry("sql managed instance", "Microsoft.Sql/managedInstances"),
            Map.entry("virtual network", "Microsoft.Network/virtualNetworks"),
            Map.entry("data factory", "Microsoft.DataFactory/factories"),
            Map.entry("databricks", "Microsoft.Databricks/workspaces"),
            Map.entry("synapse analytics", "Microsoft.Synapse/workspaces"),
            Map.entry("analysis services", "Microsoft.AnalysisServices/servers"),
            Map.entry("virtual machines", "Microsoft.Compute/virtualMachines"),
            Map.entry("cosmos db", "Microsoft.DocumentDB/databaseAccounts"),
            Map.entry("service bus", "Microsoft.ServiceBus/namespaces"),
            Map.entry("event hubs", "Microsoft.EventHub/namespaces"),
            Map.entry("database for postgresql flexible servers", "Microsoft.DBforPostgreSQL/flexibleServers"),
            Map.entry("function apps", "Microsoft.Web/sites"),
            Map.entry("app service", "Microsoft.Web/sites"),
            Map.entry("kubernetes service", "Microsoft.ContainerService/managedClusters"));

    private ServiceResourceTypes() {}

    /** The resource type of a catalog service name, if known. */
    public static Optional<String> of(String service) {
        String key = ServiceNames.normalize(service);
        return key == null ? Optional.empty() : Optional.ofNullable(TYPES.get(key));
    }

    /** Every resource type of the table, in one comparable form ({@link #key}). */
    public static Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        TYPES.values().forEach(t -> keys.add(key(t)));
        return keys;
    }

    /** A resource type in one comparable form: ARM's namespace and type names are case-insensitive. */
    public static String key(String resourceType) {
        return resourceType.toLowerCase(Locale.ROOT);
    }
}
