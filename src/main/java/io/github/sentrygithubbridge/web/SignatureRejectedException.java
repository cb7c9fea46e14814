package io.github.sentrygithubbridge.web;

import io.github.sentrygithubbridge.RefusedRequestException;

/** The delivery is not signed with our secret, or its timestamp is out of the allowed window. */
public class SignatureRejectedException extends RefusedRequestException {

    public SignatureRejectedException(String reason) {
        super(401, "rejected", reason);
    }
}
