package io.github.sentrygithubbridge;

import java.nio.file.Path;

/** An engineer's file (a route or a template) that cannot be used: startup stops with one line naming it. */
public class UnusableFileException extends RuntimeException {

    public UnusableFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** The innermost message, where the parser says what and at which line. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
