package dev.stormwatch.notifier.channel.email;

import dev.stormwatch.notifier.channel.AttemptTimeout;
import dev.stormwatch.notifier.channel.Channel;
import dev.stormwatch.notifier.channel.ChannelResult;
import dev.stormwatch.notifier.channel.OutgoingMessage;
import dev.stormwatch.notifier.message.MessageRenderer;
import dev.stormwatch.notifier.message.RenderedMessage;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.SMTPException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Email over SMTP with the Quarkus mailer (host, port, TLS and sender from {@code quarkus.mailer.*}): the message's
 * text as the plain-text body, a small HTML body with clickable acknowledge links, and the delivery id in a header.
 * SMTP 5xx answers (no such mailbox, relay refused) are permanent; connection failures, timeouts and 4xx are retried.
 *
 * <p>Every message is handed to the mailer on one Vert.x event loop. Called from any other thread (the escalation's
 * stream thread), the Vert.x mail client opens the socket on one event loop and starts listening for the server's
 * greeting on another; a server that greets at once (as local relays do) can then be heard before anyone listens, the
 * greeting is dropped and the attempt waits out its whole timeout. Seen as about one page in 150 on a busy two-core
 * machine; on a single loop the listener is in place before the loop reads the socket.
 */
public final class EmailChannel implements Channel {

    public static final String TYPE = "email";

    private final ReactiveMailer mailer;
    private final Duration timeout;
    private final TypedGuard<CompletionStage<ChannelResult>> attempt;
    private final Executor smtpLoop;

    public EmailChannel(ReactiveMailer mailer, Vertx vertx, Duration timeout) {
        this.mailer = mailer;
        this.timeout = timeout;
        this.attempt = AttemptTimeout.of(TYPE, timeout);
        Context loop = vertx.getOrCreateContext();
        if (!loop.isEventLoopContext()) {
            throw new IllegalStateException(
                    "the email channel needs an event loop; build it off Vert.x worker threads");
        }
        this.smtpLoop = task -> loop.runOnContext(ignored -> task.run());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CompletionStage<ChannelResult> send(OutgoingMessage m) {
        Mail mail = Mail.withText(
                        m.channel().address(), m.message().title(), m.message().text())
                .setHtml(html(m.message()))
                .addHeader("X-Stormwatch-Delivery-Id", m.deliveryId())
                .addHeader("X-Stormwatch-Attempt", Integer.toString(m.attempt()));
        return attempt.get(() -> mailer.send(mail)
                        .runSubscriptionOn(smtpLoop)
                        .onItem()
                        .transform(v -> ChannelResult.delivered("accepted by the SMTP server"))
                        .subscribeAsCompletionStage())
                .exceptionally(this::failure);
    }

    private ChannelResult failure(Throwable failure) {
        Throwable t =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof SMTPException smtp) {
            // The reply line as the server sent it, code first ("550 5.1.1 no such mailbox").
            String detail = "SMTP " + smtp.getReplyMessage();
            return smtp.isPermanent() ? ChannelResult.refused(detail) : ChannelResult.retry(detail);
        }
        if (AttemptTimeout.isTimeout(t)) {
            return ChannelResult.retry("no answer from the SMTP server in " + timeout);
        }
        return ChannelResult.retry(t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    static String html(RenderedMessage message) {
        StringBuilder out = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
        if (message.drill()) {
            out.append("<p><strong>").append(escape(MessageRenderer.DRILL_LINE)).append("</strong></p>");
        }
        out.append("<h2>").append(escape(message.title())).append("</h2>");
        for (RenderedMessage.RenderedItem item : message.items()) {
            if (message.items().size() > 1) {
                out.append("<h3>").append(escape(item.title())).append("</h3>");
            }
            out.append("<pre style=\"white-space:pre-wrap;font-family:inherit\">")
                    .append(escape(item.text()))
                    .append("</pre>");
            if (item.ackUrl() != null) {
                out.append("<p><a href=\"")
                        .append(escape(item.ackUrl()))
                        .append("\">Acknowledge ")
                        .append(escape(item.pageId()))
                        .append("</a></p>");
            }
        }
        return out.append("</body></html>").toString();
    }

    private static String escape(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
