package io.github.sentrygithubbridge;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An engineer's file that does not load: the file and the parser's reason, in one line. */
class UnusableFileFailureAnalyzer extends AbstractFailureAnalyzer<UnusableFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnusableFileException cause) {
        return new FailureAnalysis(cause.getMessage(), "Correct the file and start the bridge again.", cause);
    }
}
