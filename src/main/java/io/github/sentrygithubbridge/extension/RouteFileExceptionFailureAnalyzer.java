package io.github.sentrygithubbridge.extension;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An engineer's file that does not load: the file and the parser's reason, in one line. */
class RouteFileExceptionFailureAnalyzer extends AbstractFailureAnalyzer<RouteFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RouteFileException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct the file and start the bridge again.", cause);
    }
}
