package io.github.sentrygithubbridge.routetest;

import java.nio.file.Path;

/** A test file that can't be used: the file, the line where one is known, and what is wrong, in one line. */
class RouteTestFileException extends RuntimeException {

    RouteTestFileException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
