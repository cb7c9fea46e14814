package io.github.sentrygithubbridge.sentry;

/** A signed delivery that is not the shape Sentry sends; the message tells the sender what is wrong. */
public class MalformedDeliveryException extends RuntimeException {

    public MalformedDeliveryException(String message) {
        super(message);
    }
}
