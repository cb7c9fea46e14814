package io.github.sentrygithubbridge.web;

import io.github.sentrygithubbridge.RequestHeaders;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks Sentry's signature: lowercase hex HMAC-SHA256 of the exact body bytes, keyed by the client secret,
 * compared in constant time. Without a secret every delivery is refused.
 */
@Component("signatureVerifier")
public class SignatureVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureVerifier.class);

    private final List<SecretKeySpec> keys;
    private final Duration maxSkew;
    private final Clock clock;

    public SignatureVerifier(WebhookProperties properties, Clock clock) {
        this.keys = keys(properties.secrets());
        this.maxSkew = properties.maxSkew();
        this.clock = clock;
        if (keys.isEmpty()) {
            LOG.error("SENTRY_WEBHOOK_SECRET is not set: every delivery to /webhooks/sentry will be refused with 401. "
                    + "Set it to the client secret of the Sentry integration.");
        }
    }

    /** Sentry's signature headers as the request carries them (a query parameter of the same name is none). */
    public record SignatureHeaders(String signature, String legacySignature, String timestamp) {
    }

    /** The signature headers of the HTTP request itself. */
    SignatureHeaders headersOf(Message request) {
        return new SignatureHeaders(RequestHeaders.header(request, "Sentry-Hook-Signature"),
                RequestHeaders.header(request, "sentry-app-signature"), RequestHeaders.header(request, "Sentry-Hook-Timestamp"));
    }

    /** Throws {@link SignatureRejectedException} unless the body is signed with a configured secret. */
    public void verify(byte[] body, String signature, String legacySignature, String timestamp) {
        if (keys.isEmpty()) {
            throw new SignatureRejectedException("no webhook secret is configured: every delivery is refused");
        }
        String given = signature != null ? signature : legacySignature;
        if (given == null || given.isBlank()) {
            throw new SignatureRejectedException("missing Sentry-Hook-Signature header");
        }
        if (!matchesAny(keys, body, given)) {
            throw new SignatureRejectedException("signature does not match the body");
        }
        checkTimestamp(timestamp);
    }

    static List<SecretKeySpec> keys(List<String> secrets) {
        return secrets.stream().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).toList();
    }

    /** Whether the hex signature is the body's HMAC-SHA256 under one of the keys, in constant time. */
    static boolean matchesAny(List<SecretKeySpec> keys, byte[] body, String hexSignature) {
        byte[] expected = decodeHex(hexSignature.trim());
        boolean matches = false;
        for (SecretKeySpec key : keys) {
            // no early exit: the time taken does not depend on which secret matched
            matches |= MessageDigest.isEqual(hmac(key, body), expected);
        }
        return matches;
    }

    /** The signature Sentry would send for this body and secret. */
    public static String sign(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body));
    }

    private void checkTimestamp(String timestamp) {
        // Sentry always sends it. It is not signed, so it only stops a replay by someone who does not think to
        // change it; SENTRY_API_TOKEN lets a status change be checked with Sentry itself (README, security)
        if (timestamp == null || timestamp.isBlank()) {
            throw new SignatureRejectedException("Sentry-Hook-Timestamp is missing; Sentry sends it with every delivery");
        }
        Instant sent;
        try {
            sent = Instant.ofEpochMilli((long) (Double.parseDouble(timestamp.trim()) * 1000));
        } catch (NumberFormatException e) {
            throw new SignatureRejectedException("Sentry-Hook-Timestamp is not a Unix time: " + abbreviate(timestamp));
        }
        Duration skew = Duration.between(sent, clock.instant()).abs();
        if (skew.compareTo(maxSkew) > 0) {
            throw new SignatureRejectedException("Sentry-Hook-Timestamp is " + skew.toSeconds() + " s from now, more than " + maxSkew);
        }
    }

    private static byte[] decodeHex(String hex) {
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
