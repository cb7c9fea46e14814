package io.github.sentrygithubbridge.web;

import io.github.sentrygithubbridge.RefusedRequestException;

/** The delivery is larger than BRIDGE_MAX_BODY; it is refused before being parsed. */
public class PayloadTooLargeException extends RefusedRequestException {

    public PayloadTooLargeException(long limit) {
        super(413, "rejected", "the body is larger than " + limit + " bytes (BRIDGE_MAX_BODY)");
    }
}
