package dev.trafficwizard.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Cache keys for secrets: HMAC-SHA256 with a key drawn at random per process, so a cache (or a
 * heap dump of it) never holds a password or token, and its keys cannot be matched offline.
 */
final class SecretHash {

    private static final byte[] KEY = randomKey();

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** One initialised MAC per thread: no algorithm look-up and key set-up on every request. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(SecretHash::newMac);

    private SecretHash() {
    }

    private static Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static String of(String... parts) {
        Mac mac = MAC.get(); // doFinal resets it for the next call
        for (String part : parts) {
            byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
            mac.update(intBytes(bytes.length)); // length-prefixed: ("ab","c") differs from ("a","bc")
            mac.update(bytes);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private static byte[] intBytes(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
