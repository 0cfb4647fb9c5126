package dev.stormwatch.status.readmodel;

/** Hears of every record after the views have applied it (the live stream). */
public interface ChangeListener {

    void changed(ConsumedRecord record);
}
