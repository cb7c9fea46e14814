package io.github.sentrygithubbridge.extension;

import io.github.sentrygithubbridge.UnusableFileException;
import java.nio.file.Path;
import org.apache.camel.FailedToCreateRouteException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A route from BRIDGE_ROUTES_DIR that loaded but does not build (an unknown endpoint, bean or option): its file, in one line. */
class RouteFileFailureAnalyzer extends AbstractFailureAnalyzer<FailedToCreateRouteException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FailedToCreateRouteException cause) {
        Path file = cause.getRouteId() == null ? null : RoutesDirectory.LOADED.get(cause.getRouteId());
        if (file == null) {
            return null;
        }
        String where = cause.getLocation() == null ? "" : " (at " + cause.getLocation() + ")";
        return new FailureAnalysis(file + ": route " + cause.getRouteId() + " does not build" + where + ": "
                + UnusableFileException.describe(cause), "Correct the route in " + file + " and start the bridge again.", cause);
    }
}
