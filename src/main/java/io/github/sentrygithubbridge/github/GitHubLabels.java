package io.github.sentrygithubbridge.github;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * The labels this process has made sure of (created, or found existing), per repository. An issue's labels that are
 * not among them, and the regression label, are made in its repository before it is opened: GitHub may leave a
 * label that does not exist off the issue.
 */
@Component("gitHubLabels")
public class GitHubLabels {

    /** "owner/name label", lower case: GitHub's repository and label names are case-insensitive. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private final String regressionLabel;

    public GitHubLabels(io.github.sentrygithubbridge.lifecycle.LifecycleProperties lifecycle) {
        this.regressionLabel = lifecycle.regressionLabel();
    }

    public List<Map<String, String>> notYetEnsured(@ExchangeProperty("githubRequest") NewIssue created,
                                                   @ExchangeProperty("githubRepository") String repository) {
        return Stream.concat(created.issue().labels().stream(), Stream.of(regressionLabel)).distinct()
                .filter(name -> !ensured.contains(key(repository, name)))
                .map(name -> Map.of("name", name, "color", GitHubRequests.LABEL_COLOUR))
                .toList();
    }

    public void ensured(@ExchangeProperty("githubLabel") String name, @ExchangeProperty("githubLabelMade") Boolean made,
                        @ExchangeProperty("githubRepository") String repository) {
        if (Boolean.TRUE.equals(made)) {
            ensured.add(key(repository, name));
        }
    }

    private static String key(String repository, String label) {
        return (repository + " " + label).toLowerCase(Locale.ROOT);
    }
}
