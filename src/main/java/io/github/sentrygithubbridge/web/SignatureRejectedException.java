package io.github.sentrygithubbridge.web;

/**
 * The delivery is not signed with our secret, or its timestamp is out of the allowed window. An answer,
 * not a fault: no stack trace, which a flood of forged deliveries would otherwise pay for every time.
 */
public class SignatureRejectedException extends RuntimeException {

    public SignatureRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
