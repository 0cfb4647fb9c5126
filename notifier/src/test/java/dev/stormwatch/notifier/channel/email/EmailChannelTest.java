package dev.stormwatch.notifier.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stormwatch.notifier.channel.ChannelFixtures;
import dev.stormwatch.notifier.channel.ChannelResult;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.SMTPException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the email channel asks of the mailer and makes of its answers, with a recording mailer in place of SMTP (the
 * SMTP dialogue itself is exercised against GreenMail in {@code NotifierApplicationIT}).
 */
class EmailChannelTest {

    Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** One mailer call as the mailer saw it: the message, its thread and the Vert.x context it ran on. */
    record Call(Mail mail, boolean onEventLoop, Context context) {}

    static ReactiveMailer recording(List<Call> calls, Function<Mail, Uni<Void>> answer) {
        return mails -> Uni.createFrom().deferred(() -> {
            calls.add(new Call(mails[0], Context.isOnEventLoopThread(), Vertx.currentContext()));
            return answer.apply(mails[0]);
        });
    }

    @Test
    void everyMessageIsHandedToTheMailerOnOneEventLoopWhicheverThreadSendsIt() throws Exception {
        List<Call> calls = new CopyOnWriteArrayList<>();
        EmailChannel email =
                new EmailChannel(recording(calls, m -> Uni.createFrom().voidItem()), vertx, Duration.ofSeconds(5));
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            List<Future<ChannelResult>> results = senders.invokeAll(List.of(
                    () -> send(email, "a@example.test"),
                    () -> send(email, "b@example.test"),
                    () -> send(email, "c@example.test")));
            for (Future<ChannelResult> r : results) {
                assertEquals(ChannelResult.delivered("accepted by the SMTP server"), r.get());
            }
        } finally {
            senders.shutdownNow();
        }
        assertEquals(3, calls.size());
        for (Call call : calls) {
            assertTrue(call.onEventLoop(), "the mailer was called off the event loop");
            assertSame(calls.get(0).context(), call.context(), "the mailer was called on more than one context");
        }
        assertEquals(
                List.of("a@example.test", "b@example.test", "c@example.test"),
                calls.stream().map(c -> c.mail().getTo().get(0)).sorted().toList());
    }

    @Test
    void aPermanentSmtpAnswerRefusesAndATransientOneRetries() throws Exception {
        List<Call> calls = new CopyOnWriteArrayList<>();
        EmailChannel email = new EmailChannel(
                recording(
                        calls,
                        m -> Uni.createFrom()
                                .failure(
                                        m.getTo().get(0).startsWith("gone")
                                                ? reply(550, "550 5.1.1 <gone@example.test>: no such mailbox")
                                                : reply(421, "421 4.3.2 service not available, try later"))),
                vertx,
                Duration.ofSeconds(5));
        assertEquals(
                ChannelResult.refused("SMTP 550 5.1.1 <gone@example.test>: no such mailbox"),
                send(email, "gone@example.test"));
        assertEquals(
                ChannelResult.retry("SMTP 421 4.3.2 service not available, try later"),
                send(email, "busy@example.test"));
    }

    @Test
    void noAnswerWithinTheAttemptsTimeoutIsRetried() throws Exception {
        EmailChannel email = new EmailChannel(
                recording(new CopyOnWriteArrayList<>(), m -> Uni.createFrom().nothing()),
                vertx,
                Duration.ofMillis(200));
        assertEquals(ChannelResult.retry("no answer from the SMTP server in PT0.2S"), send(email, "slow@example.test"));
    }

    /** An SMTP reply as the Vert.x mail client reports it: the code, and the server's lines as they came. */
    static SMTPException reply(int code, String line) {
        return new SMTPException("sending the mail failed", code, List.of(line), true);
    }

    static ChannelResult send(EmailChannel email, String to) throws Exception {
        return email.send(ChannelFixtures.outgoing("email", to, null, Instant.parse("2026-12-07T03:00:00Z"), false))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }
}
