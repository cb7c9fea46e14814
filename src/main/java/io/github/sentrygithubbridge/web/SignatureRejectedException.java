package io.github.sentrygithubbridge.web;

/** The delivery is not signed with our secret, or its timestamp is out of the allowed window. */
public class SignatureRejectedException extends RefusedRequestException {

    public SignatureRejectedException(String reason) {
        super(401, "rejected", reason);
    }
}
