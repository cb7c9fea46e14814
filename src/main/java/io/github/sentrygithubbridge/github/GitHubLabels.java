package io.github.sentrygithubbridge.github;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The labels this process has made sure of (created, or found existing). An issue's labels that are not among them
 * are made before it is opened: GitHub may leave a label that does not exist off the issue.
 */
@Component("gitHubLabels")
public class GitHubLabels {

    /** GitHub's label names are case-insensitive. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public List<Map<String, String>> notYetEnsured(@ExchangeProperty("githubRequest") NewIssue created) {
        return created.issue().labels().stream()
                .filter(name -> !ensured.contains(name.toLowerCase(Locale.ROOT)))
                .map(name -> Map.of("name", name, "color", GitHubRequests.LABEL_COLOUR))
                .toList();
    }

    public void ensured(@ExchangeProperty("githubLabel") String name, @ExchangeProperty("githubLabelMade") Boolean made) {
        if (Boolean.TRUE.equals(made)) {
            ensured.add(name.toLowerCase(Locale.ROOT));
        }
    }
}
