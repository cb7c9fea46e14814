package io.github.sentrygithubbridge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.ops.BridgeMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A webhook's body is read here, on the web server's thread, before Camel sees it: a body declared larger than
 * BRIDGE_MAX_BODY is refused unread (413), one that grows past it is cut off (413), and one that does not arrive
 * within BRIDGE_BODY_TIMEOUT is dropped (408) — each with the connection closed. Camel reads whole bodies into
 * memory on a small pool of threads, so neither a huge body nor a client that trickles one can get that far. A
 * forged signature is refused here too (401), for the price of an HMAC; the route checks it again.
 */
@Component
class WebhookBodyFilter extends OncePerRequestFilter {

    private static final int CHUNK = 8 * 1024;

    private final long limit;
    private final long deadlineNanos;
    private final ObjectMapper json;
    private final SignatureVerifier sentrySignatures;
    private final GitHubWebhookVerifier gitHubSignatures;
    private final BridgeMetrics metrics;

    WebhookBodyFilter(WebhookProperties properties, @Value("${bridge.webhook.body-timeout:PT5S}") Duration bodyTimeout, ObjectMapper json,
                      SignatureVerifier sentrySignatures, GitHubWebhookVerifier gitHubSignatures,
                      // filters start with the web server: the store behind the metrics is opened later, with the rest
                      @Lazy BridgeMetrics metrics) {
        this.limit = properties.maxBody().toBytes();
        this.deadlineNanos = bodyTimeout.toNanos();
        this.json = json;
        this.sentrySignatures = sentrySignatures;
        this.gitHubSignatures = gitHubSignatures;
        this.metrics = metrics;
    }

    /**
     * The path as the routes see it: decoded and normalised by the server ({@code /%77ebhooks/sentry} is
     * {@code /webhooks/sentry}), so that no spelling of a path gets past the gate to its route.
     */
    static String path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    /** The webhooks, and the preview, which takes a delivery's body too (behind the admin token). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !path.startsWith("/webhooks/") && !path.equals("/internal/preview");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.currentTimeMillis();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, started, 413, "the body (" + declared + " bytes) is larger than BRIDGE_MAX_BODY (" + limit + " bytes)", true);
            return;
        }
        byte[] body;
        try {
            body = read(request.getInputStream());
        } catch (PayloadTooLargeException e) {
            refuse(request, response, started, 413, "the body is larger than BRIDGE_MAX_BODY (" + limit + " bytes)", true);
            return;
        } catch (IOException e) {
            // a read timeout, or a deadline passed: the client stalls
            refuse(request, response, started, 408, "the body did not arrive in time", true);
            return;
        }
        String path = path(request);
        if ("POST".equals(request.getMethod()) && path.startsWith("/webhooks/")) {
            try {
                if (path.equals("/webhooks/github")) {
                    gitHubSignatures.verify(body, request.getHeader("X-Hub-Signature-256"));
                } else {
                    sentrySignatures.verify(body, request.getHeader("Sentry-Hook-Signature"), request.getHeader("sentry-app-signature"),
                            request.getHeader("Sentry-Hook-Timestamp"));
                }
            } catch (SignatureRejectedException e) {
                refuse(request, response, started, 401, e.getMessage(), false);
                return;
            }
        }
        chain.doFilter(new ReadRequest(request, body), response);
    }

    private byte[] read(InputStream in) throws IOException {
        long deadline = System.nanoTime() + deadlineNanos;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            body.write(chunk, 0, n);
            if (body.size() > limit) {
                throw new PayloadTooLargeException(limit);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the body did not arrive within the body timeout");
            }
        }
        return body.toByteArray();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long started, int status, String reason,
                        boolean close) throws IOException {
        response.setStatus(status);
        if (close) {
            // the rest of the body is not read: the connection goes
            response.setHeader("Connection", "close");
        }
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), new Reply(status, "rejected", reason, null, null));
        if (path(request).equals("/webhooks/sentry")) {
            metrics.webhookAnswered(request.getHeader("Sentry-Hook-Resource"), "rejected", started);
        }
    }

    /** The request with its body already read, for whoever reads it next. */
    private static final class ReadRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }
    }
}
