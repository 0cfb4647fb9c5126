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
import io.vertx.ext.mail.SMTPException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Email over SMTP with the Quarkus mailer (host, port, TLS and sender from {@code quarkus.mailer.*}): the message's
 * text as the plain-text body, a small HTML body with clickable acknowledge links, and the delivery id in a header.
 * SMTP 5xx answers (no such mailbox, relay refused) are permanent; connection failures, timeouts and 4xx are retried.
 */
public final class EmailChannel implements Channel {

    public static final String TYPE = "email";

    private final ReactiveMailer mailer;
    private final Duration timeout;
    private final TypedGuard<CompletionStage<ChannelResult>> attempt;

    public EmailChannel(ReactiveMailer mailer, Duration timeout) {
        this.mailer = mailer;
        this.timeout = timeout;
        this.attempt = AttemptTimeout.of(TYPE, timeout);
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
                        .onItem()
                        .transform(v -> ChannelResult.delivered("accepted by the SMTP server"))
                        .subscribeAsCompletionStage())
                .exceptionally(this::failure);
    }

    private ChannelResult failure(Throwable failure) {
        Throwable t =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof SMTPException smtp) {
            String detail = "SMTP " + smtp.getReplyCode() + ": " + smtp.getReplyMessage();
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
