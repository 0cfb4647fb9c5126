package dev.stormwatch.contracts.azure;

import java.util.Locale;
import java.util.Map;

/**
 * Azure service names in one comparable form. Sources disagree on case, on an "Azure"/"Microsoft" prefix and, after
 * renames, on the name itself ("Azure Active Directory" vs "Microsoft Entra ID"); the catalog can add its own aliases
 * on top of this table.
 */
public final class ServiceNames {

    /** Renames and well-known synonyms seen in provider data, normalized key → normalized key. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("active directory", "entra id"),
            Map.entry("windows virtual desktop", "virtual desktop"),
            Map.entry("frontdoor", "front door"),
            Map.entry("functions", "function apps"),
            Map.entry("storage accounts", "storage"),
            Map.entry("data lake storage gen2", "storage"),
            Map.entry("data lake storage", "storage"),
            Map.entry("blob storage", "storage"),
            Map.entry("sql data warehouse", "synapse analytics"),
            Map.entry("power bi embedded", "power bi"));

    private ServiceNames() {}

    /** "Azure Key Vault", "key vault", "KeyVault "… → "key vault"; applies the synonym table. */
    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String s = words(name.toLowerCase(Locale.ROOT));
        for (String prefix : new String[] {"azure ", "microsoft "}) {
            if (s.startsWith(prefix) && s.length() > prefix.length()) {
                s = s.substring(prefix.length());
            }
        }
        if (s.equals("keyvault")) {
            s = "key vault";
        }
        return SYNONYMS.getOrDefault(s, s);
    }

    /**
     * The lower-cased name's runs of letters a-z and digits, joined by single spaces. Written out rather than as a
     * regular expression: every provider event is matched against the catalogs by name, and this runs for each of its
     * services.
     */
    private static String words(String lower) {
        StringBuilder out = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                out.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return out.toString();
    }
}
