package dev.stormwatch.notifier.channel;

import java.util.concurrent.CompletionStage;

/**
 * One way to reach a person (email, Teams, Slack, signed webhook). Never blocks the caller: the result completes when
 * the attempt is over, within the channel's timeout, and says whether trying again could help.
 */
public interface Channel {

    /** The catalog's channel type this handles: {@code email}, {@code teams}, {@code slack} or {@code webhook}. */
    String type();

    CompletionStage<ChannelResult> send(OutgoingMessage message);
}
