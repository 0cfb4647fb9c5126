package dev.stormwatch.correlator.match;

/** A provider event hits this component in this (canonical) region. */
public record Hit(String componentId, String region) {}
