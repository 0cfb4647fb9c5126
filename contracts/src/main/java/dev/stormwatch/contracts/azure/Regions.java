package dev.stormwatch.contracts.azure;

import java.util.Locale;
import java.util.Set;

/**
 * Azure region names in one canonical form. Service Health speaks display names ("West Europe", "Australia Central 2"),
 * Resource Health and ARM short names ("westeurope"); both map to the short name, which is the display name lower-cased
 * without spaces for every public region. "Global" stays its own non-region value.
 */
public final class Regions {

    public static final String GLOBAL = "global";

    /** Public Azure regions, short names; used to flag a catalog typo, not to reject provider input. */
    private static final Set<String> KNOWN = Set.of(
            "eastus",
            "eastus2",
            "southcentralus",
            "westus2",
            "westus3",
            "australiaeast",
            "southeastasia",
            "northeurope",
            "swedencentral",
            "uksouth",
            "westeurope",
            "centralus",
            "southafricanorth",
            "centralindia",
            "eastasia",
            "japaneast",
            "koreacentral",
            "canadacentral",
            "francecentral",
            "germanywestcentral",
            "italynorth",
            "norwayeast",
            "polandcentral",
            "spaincentral",
            "switzerlandnorth",
            "mexicocentral",
            "uaenorth",
            "brazilsouth",
            "israelcentral",
            "qatarcentral",
            "centralusstage",
            "eastusstage",
            "eastus2stage",
            "northcentralus",
            "westus",
            "japanwest",
            "jioindiawest",
            "centraluseuap",
            "eastus2euap",
            "westcentralus",
            "southafricawest",
            "australiacentral",
            "australiacentral2",
            "australiasoutheast",
            "jioindiacentral",
            "koreasouth",
            "southindia",
            "westindia",
            "canadaeast",
            "francesouth",
            "germanynorth",
            "norwaywest",
            "switzerlandwest",
            "ukwest",
            "uaecentral",
            "brazilsoutheast",
            "newzealandnorth",
            "indonesiacentral",
            "malaysiawest",
            "chilecentral",
            "austriaeast",
            "belgiumcentral",
            "denmarkeast");

    private Regions() {}

    /** "West Europe", "westeurope", " WestEurope " → "westeurope"; null or blank → null. */
    public static String canonical(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    public static boolean isKnown(String canonicalName) {
        return GLOBAL.equals(canonicalName) || KNOWN.contains(canonicalName);
    }
}
