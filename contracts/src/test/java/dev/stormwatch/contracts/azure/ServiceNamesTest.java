package dev.stormwatch.contracts.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ServiceNamesTest {

    @Test
    void namesFromProvidersAndPeopleCompareInOneForm() {
        assertEquals("key vault", ServiceNames.normalize("Azure Key Vault"));
        assertEquals("key vault", ServiceNames.normalize("KeyVault "));
        assertEquals("key vault", ServiceNames.normalize("  key   vault"));
        assertEquals("storage", ServiceNames.normalize("Storage"));
        assertEquals("storage", ServiceNames.normalize("Azure Data Lake Storage Gen2"));
        assertEquals("storage", ServiceNames.normalize("Storage Accounts"));
        assertEquals("entra id", ServiceNames.normalize("Azure Active Directory"));
        assertEquals("entra id", ServiceNames.normalize("Microsoft Entra ID"));
        assertEquals("front door", ServiceNames.normalize("Azure FrontDoor"));
        assertEquals("synapse analytics", ServiceNames.normalize("SQL Data Warehouse"));
        assertEquals("power bi", ServiceNames.normalize("Microsoft Power BI Embedded"));
        assertEquals("virtual machines", ServiceNames.normalize("Virtual Machines"));
        assertEquals("event hubs", ServiceNames.normalize("Event-Hubs"));
        assertEquals("sql database", ServiceNames.normalize("SQL_Database"));
        assertEquals("monitor alerts", ServiceNames.normalize("Monitor & Alerts"));
        assertEquals("cosmos db nosql", ServiceNames.normalize("Azure Cosmos DB (NoSQL)"));
        assertEquals("databricks", ServiceNames.normalize("Azure Databricks"));
        assertEquals("x", ServiceNames.normalize("Azure Microsoft X"));
        assertEquals("azure x", ServiceNames.normalize("Microsoft Azure X"));
        assertEquals("azure", ServiceNames.normalize("Azure"));
    }

    @Test
    void blankOrMissingIsNoName() {
        assertNull(ServiceNames.normalize(null));
        assertNull(ServiceNames.normalize("   "));
        assertEquals("", ServiceNames.normalize("()"));
    }

    @Test
    void lettersBeyondAsciiSeparateWordsAsBefore() {
        assertEquals("caf services", ServiceNames.normalize("Café Services"));
    }
}
