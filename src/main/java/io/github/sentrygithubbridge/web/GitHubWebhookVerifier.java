package io.github.sentrygithubbridge.web;

import io.github.sentrygithubbridge.RequestHeaders;

import java.util.Arrays;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} with GITHUB_WEBHOOK_SECRET (a comma
 * list while rotating). Without a secret every event is refused: the GitHub webhook is optional.
 */
@Component("gitHubWebhookVerifier")
public class GitHubWebhookVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookVerifier.class);
    private static final String PREFIX = "sha256=";

    private final List<SecretKeySpec> keys;

    public GitHubWebhookVerifier(@Value("${github.webhook-secret:}") String secret) {
        this.keys = SignatureVerifier.keys(Arrays.stream(secret.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        if (keys.isEmpty()) {
            LOG.info("GITHUB_WEBHOOK_SECRET is not set: /webhooks/github refuses every event; the write lane still reads "
                    + "each issue before it changes it");
        }
    }

    /** The signature header of the HTTP request itself. */
    String headerOf(Message request) {
        return RequestHeaders.header(request, "X-Hub-Signature-256");
    }

    /** Throws {@link SignatureRejectedException} unless the body is signed with a configured secret. */
    public void verify(byte[] body, String signature) {
        if (keys.isEmpty()) {
            throw new SignatureRejectedException("no GitHub webhook secret is configured: every event is refused");
        }
        if (signature == null || !signature.trim().startsWith(PREFIX)) {
            throw new SignatureRejectedException("missing X-Hub-Signature-256 header (sha256=…)");
        }
        if (!SignatureVerifier.matchesAny(keys, body, signature.trim().substring(PREFIX.length()))) {
            throw new SignatureRejectedException("signature does not match the body");
        }
    }
}
