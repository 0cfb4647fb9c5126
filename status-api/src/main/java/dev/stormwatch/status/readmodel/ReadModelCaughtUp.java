package dev.stormwatch.status.readmodel;

/** Fired once, when the read model has consumed every record that was in Kafka when the service started. */
public record ReadModelCaughtUp(long records) {}
