package io.github.sentrygithubbridge;

import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * A header exactly as the client sent it. Camel also copies query parameters and form fields into the message's
 * headers, so {@code ?Authorization=…} would pass for a header: credentials, signatures and timestamps are read here,
 * from the request itself — before a step that sets the body (Camel then swaps the HTTP message for a plain one).
 */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    /** The request's header, or null when there is none (or the message did not come over HTTP). */
    public static String header(Message message, String name) {
        return message instanceof PlatformHttpMessage http && http.getRequest() != null ? http.getRequest().getHeader(name) : null;
    }
}
