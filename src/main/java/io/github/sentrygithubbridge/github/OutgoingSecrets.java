package io.github.sentrygithubbridge.github;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The secrets the bridge is configured with, so that nothing it sends to GitHub carries one. An engineer's route
 * runs with the bridge's rights: it can read {@code ${env:GITHUB_TOKEN}} or {@code {{github.token}}} and hand it
 * on as a label; a Sentry payload may quote one too.
 */
@Component
public class OutgoingSecrets {

    /** A shorter value would match ordinary words; no real token, secret or key is this short. */
    static final int SHORTEST = 8;

    /** Each secret value, with the variable it is set by. */
    private final Map<String, String> secrets = new LinkedHashMap<>();

    public OutgoingSecrets(Environment settings) {
        add("GITHUB_TOKEN", settings.getProperty("github.token"));
        add("GITHUB_WEBHOOK_SECRET", settings.getProperty("github.webhook-secret"));
        add("SENTRY_WEBHOOK_SECRET", settings.getProperty("bridge.webhook.secret"));
        add("BRIDGE_ADMIN_TOKEN", settings.getProperty("bridge.admin-token"));
        add("SENTRY_API_TOKEN", settings.getProperty("bridge.sentry-api.token"));
        add("BRIDGE_DB_PASSWORD", settings.getProperty("bridge.store.db-password"));
        String key = settings.getProperty("github.app.private-key");
        if (key != null) {
            // a PEM key's lines: any of them gives the key away
            for (String line : key.replace("\\n", "\n").split("\n")) {
                if (!line.startsWith("-----")) {
                    add("GITHUB_APP_PRIVATE_KEY", line);
                }
            }
        }
    }

    private void add(String variable, String value) {
        if (value == null) {
            return;
        }
        // the webhook secrets are comma lists while they are rotated
        for (String one : value.split(",")) {
            String secret = one.strip();
            if (secret.length() >= SHORTEST) {
                secrets.putIfAbsent(secret, variable);
            }
        }
    }

    /** The variable whose secret the text holds, or null. */
    public String foundIn(String text) {
        if (text == null || text.length() < SHORTEST) {
            return null;
        }
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            if (text.contains(secret.getKey())) {
                return secret.getValue();
            }
        }
        return null;
    }

    /** The text with every secret in it replaced by {@code ****}. */
    public String masked(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets.keySet()) {
            masked = masked.replace(secret, "****");
        }
        return masked;
    }
}
