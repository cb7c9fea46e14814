package io.github.sentrygithubbridge.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The last line of defence for secrets in logs: every string written into a JSON log line (message, stack
 * trace, context fields) is masked for the configured secrets and for token, bearer and signature shapes.
 * The code already avoids logging them; this catches what a library or a future change might.
 */
public class SecretMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

    static final String MASK = "****";
    static final List<String> SECRET_VARIABLES = List.of("GITHUB_TOKEN", "SENTRY_WEBHOOK_SECRET", "BRIDGE_ADMIN_TOKEN",
            "SENTRY_DSN", "BRIDGE_DB_PASSWORD", "SENTRY_API_TOKEN", "GITHUB_WEBHOOK_SECRET", "GITHUB_APP_PRIVATE_KEY");

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(?i)(bearer|token)\\s+[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\\b"),
            // a GitHub App's private key, and the JWTs signed with it
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            // Sentry's user and organisation auth tokens (SENTRY_API_TOKEN)
            Pattern.compile("\\bsntry[us]_[A-Za-z0-9_=+/-]{20,}"),
            // HMAC-SHA256 signatures
            Pattern.compile("\\b[0-9a-fA-F]{64}\\b"),
            // the key in a Sentry DSN: https://KEY@host/1
            Pattern.compile("(?<=://)[0-9a-f]{16,}(?=(:[^@/]*)?@)"));

    private final List<String> secrets;

    public SecretMasking() {
        this(secretsFromEnvironment());
    }

    SecretMasking(List<String> secrets) {
        // longest first, so that a secret containing another is masked whole
        this.secrets = secrets.stream().filter(s -> s.length() >= 4).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, this::mask));
    }

    String mask(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String masked = value;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        for (Pattern shape : SHAPES) {
            masked = shape.matcher(masked).replaceAll(m -> m.group().toLowerCase().startsWith("bearer") ? "Bearer " + MASK
                    : m.group().toLowerCase().startsWith("token") ? "token " + MASK : MASK);
        }
        return masked;
    }

    private static List<String> secretsFromEnvironment() {
        List<String> secrets = new ArrayList<>();
        for (String name : SECRET_VARIABLES) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                secrets.add(value.trim());
                Arrays.stream(value.split(",")).map(String::trim).forEach(secrets::add);
                // a DSN's secret part is its user info
                int at = value.indexOf('@');
                int scheme = value.indexOf("://");
                if (scheme > 0 && at > scheme) {
                    secrets.add(value.substring(scheme + 3, at));
                }
            }
        }
        return secrets;
    }
}
