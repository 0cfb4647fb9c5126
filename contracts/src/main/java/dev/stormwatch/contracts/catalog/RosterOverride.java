package dev.stormwatch.contracts.catalog;

/** {@code contact} is on call instead of the rotation from {@code from} to {@code to} (ISO local date-times). */
public record RosterOverride(String from, String to, String contact) {}
