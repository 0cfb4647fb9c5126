package dev.stormwatch.notifier.channel;

/** Outcome of one attempt: delivered, or failed and whether a retry on the same channel could succeed. */
public record ChannelResult(boolean delivered, boolean retryable, String detail) {

    public static ChannelResult delivered(String detail) {
        return new ChannelResult(true, false, detail);
    }

    public static ChannelResult retry(String detail) {
        return new ChannelResult(false, true, detail);
    }

    public static ChannelResult refused(String detail) {
        return new ChannelResult(false, false, detail);
    }
}
