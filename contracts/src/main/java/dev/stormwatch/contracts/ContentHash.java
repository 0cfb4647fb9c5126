package dev.stormwatch.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of content, for ids that must be equal exactly when the content is (CloudEvent ids that idempotent consumers
 * dedupe by, fingerprints) and for comparing secrets by digest. One digest per thread: looking the algorithm up for
 * every record showed in the correlator's profile.
 */
public final class ContentHash {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    });

    private ContentHash() {}

    /** The full 32-byte digest of the chunks, hashed one after the other. */
    public static byte[] sha256(byte[]... chunks) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        for (byte[] chunk : chunks) {
            sha.update(chunk);
        }
        return sha.digest();
    }

    /** The first {@code bytes} bytes (1–32) of the digest of the chunks, as lower-case hex. */
    public static String hex(int bytes, byte[]... chunks) {
        return HexFormat.of().formatHex(sha256(chunks), 0, bytes);
    }

    /** The first {@code bytes} bytes (1–32) of the digest of {@code text}'s UTF-8 encoding, as lower-case hex. */
    public static String hex(int bytes, String text) {
        return hex(bytes, text.getBytes(StandardCharsets.UTF_8));
    }
}
