package io.github.sentrygithubbridge.web;

import io.github.sentrygithubbridge.RefusedRequestException;

/** What an /internal request asked about is not known to the bridge: 404, status unknown. */
public class NotFoundException extends RefusedRequestException {

    public NotFoundException(String reason) {
        super(404, "unknown", reason);
    }
}
