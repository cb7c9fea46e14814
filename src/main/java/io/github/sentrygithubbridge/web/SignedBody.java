package io.github.sentrygithubbridge.web;

import java.io.IOException;
import java.io.InputStream;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * A webhook's body as the exact bytes its sender signed (at most BRIDGE_MAX_BODY), once the signature is checked:
 * Sentry's or GitHub's. The signature headers are read from the HTTP request itself, so a query parameter of the
 * same name is no signature.
 */
@Component("signedBody")
public class SignedBody {

    private final WebhookBody body;
    private final SignatureVerifier sentry;
    private final GitHubWebhookVerifier github;

    public SignedBody(WebhookBody body, SignatureVerifier sentry, GitHubWebhookVerifier github) {
        this.body = body;
        this.sentry = sentry;
        this.github = github;
    }

    /** A Sentry delivery's body, signed with SENTRY_WEBHOOK_SECRET; else {@link SignatureRejectedException}. */
    public byte[] fromSentry(Message request) throws IOException {
        SignatureVerifier.SignatureHeaders headers = sentry.headersOf(request);
        byte[] bytes = read(request);
        sentry.verify(bytes, headers.signature(), headers.legacySignature(), headers.timestamp());
        return bytes;
    }

    /** A GitHub event's body, signed with GITHUB_WEBHOOK_SECRET; else {@link SignatureRejectedException}. */
    public byte[] fromGitHub(Message request) throws IOException {
        String signature = github.headerOf(request);
        byte[] bytes = read(request);
        github.verify(bytes, signature);
        return bytes;
    }

    private byte[] read(Message request) throws IOException {
        return body.read(request.getBody(InputStream.class), request.getHeader("Content-Length", Long.class));
    }
}
