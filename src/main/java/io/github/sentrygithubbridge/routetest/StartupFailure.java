package io.github.sentrygithubbridge.routetest;

import io.github.sentrygithubbridge.UnusableFileException;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Why the routes, templates or settings of a test file did not start, in the one line startup would print. */
final class StartupFailure {

    private StartupFailure() {
    }

    static String describe(Throwable failure) {
        // the bridge's own analyzers (a setting, a route file, a template); Spring's need a context there is none of
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(StartupFailure.class.getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(), (type, name, e) -> { });
        return analyzers.stream()
                .map(analyzer -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .map(FailureAnalysis::getDescription)
                .findFirst()
                .orElseGet(() -> UnusableFileException.describe(failure));
    }
}
