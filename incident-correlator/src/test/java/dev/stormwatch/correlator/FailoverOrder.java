package dev.stormwatch.correlator;

import java.util.List;

/** The example platform's recovery plan, in run order, as the tests expect it. */
public final class FailoverOrder {

    /** Components in dependency order: foundation first, then the workflow left to right. */
    public static final List<String> COMPONENTS = List.of(
            "key-vault",
            "shared-services",
            "source-systems",
            "adls-raw",
            "data-factory",
            "adls-enriched",
            "adls-curated",
            "databricks",
            "synapse",
            "analysis-services",
            "power-bi");

    /** The twelve runbook steps in run order. */
    public static final List<String> STEPS = List.of(
            "key-vault: Recover Key Vault secrets and access policies in the secondary region",
            "shared-services: Confirm binding to enterprise shared services (Entra ID, gateway, DNS, log offloading)",
            "source-systems: Confirm upstream source systems are available to the secondary region",
            "adls-raw: Fail over the raw storage account (GRS) to the secondary region",
            "data-factory: Enable the secondary integration runtime and linked services",
            "adls-enriched: Validate the enriched zone against raw and replay the gap",
            "adls-curated: Validate the curated zone and its watermark",
            "databricks: Deploy the workspace and clusters from IaC",
            "databricks: Restore jobs and secret scopes",
            "synapse: Restore the dedicated SQL pool from its geo-backup",
            "analysis-services: Deploy the tabular model and process it",
            "power-bi: Repoint datasets and gateways to the DR endpoints");

    private FailoverOrder() {}
}
