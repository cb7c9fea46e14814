package io.github.sentrygithubbridge;

import java.util.List;
import java.util.Objects;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Why the bridge did not start (a setting, a route file, a template), in the one line its start prints: for the test
 * command, which starts the engineer's routes in-process.
 */
public final class StartupFailure {

    private StartupFailure() {
    }

    public static String describe(Throwable failure) {
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
