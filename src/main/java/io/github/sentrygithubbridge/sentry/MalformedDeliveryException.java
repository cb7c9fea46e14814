package io.github.sentrygithubbridge.sentry;

import io.github.sentrygithubbridge.RefusedRequestException;


/** A signed delivery that is not the shape Sentry sends; the message tells the sender what is wrong. */
public class MalformedDeliveryException extends RefusedRequestException {

    public MalformedDeliveryException(String message) {
        super(400, "invalid", message);
    }
}
