package io.github.sentrygithubbridge.routetest;

import java.util.List;

/** How one case went: passed when nothing differs; {@code unusable} when it could not be run as written. */
record CaseResult(RouteTestCase test, List<String> differences, String unusable, long millis) {

    boolean passed() {
        return unusable == null && differences.isEmpty();
    }
}
