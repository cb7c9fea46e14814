package io.github.sentrygithubbridge.github;

import java.io.IOException;

/** GitHub's answer does not say whether or where the write landed: it is tried again, looking first. */
public class UncertainWriteException extends IOException {

    public UncertainWriteException(String message) {
        super(message);
    }
}
