package io.github.sentrygithubbridge.extension;

import java.nio.file.Path;

/** An engineer's file (a route or a template) that cannot be used: startup stops with one line naming it. */
public class RouteFileException extends RuntimeException {

    public RouteFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /** The innermost message, where the parser says what and at which line. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
