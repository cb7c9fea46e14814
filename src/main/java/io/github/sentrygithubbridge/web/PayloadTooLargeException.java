package io.github.sentrygithubbridge.web;

/** The delivery is larger than BRIDGE_MAX_BODY; it is refused before being parsed. An answer: no stack trace. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("the body is larger than " + limit + " bytes (BRIDGE_MAX_BODY)", null, false, false);
    }
}
