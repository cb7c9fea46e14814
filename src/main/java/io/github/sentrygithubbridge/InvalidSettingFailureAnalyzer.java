package io.github.sentrygithubbridge;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Startup stopped by a bad setting: the setting's own sentence, and no stack trace. */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + cause.variable() + " to a good value (the README lists every setting) "
                + "and start the bridge again.", cause);
    }
}
