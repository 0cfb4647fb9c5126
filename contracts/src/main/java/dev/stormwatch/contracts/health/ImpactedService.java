package dev.stormwatch.contracts.health;

/** One (service, region) pair a provider event names; {@code region} is canonical ({@code westeurope}). */
public record ImpactedService(String service, String region) {}
