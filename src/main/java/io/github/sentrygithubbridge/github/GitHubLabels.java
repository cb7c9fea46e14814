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

    /** GitHub's default grey; the label's colour is the repository owner's choice, not ours. */
    static final String LABEL_COLOUR = "ededed";

    /** "owner/name label", lower case: GitHub's repository and label names are case-insensitive. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private final List<String> configured;
    private final String regressionLabel;

    public GitHubLabels(GitHubProperties github, io.github.sentrygithubbridge.lifecycle.LifecycleProperties lifecycle) {
        this.configured = github.labelList();
        this.regressionLabel = lifecycle.regressionLabel();
    }

    /** The labels to make sure of at startup: those put on every issue, and the regression label. */
    public List<Map<String, String>> configured() {
        return labels(configured.stream());
    }

    /** Before a creation: the issue's labels, and the regression label, not yet made in its repository. */
    public List<Map<String, String>> notYetEnsured(@ExchangeProperty("githubRequest") NewIssue created,
                                                   @ExchangeProperty("githubRepository") String repository) {
        return labels(created.issue().labels().stream()).stream()
                .filter(label -> !ensured.contains(key(repository, label.get("name")))).toList();
    }

    private List<Map<String, String>> labels(Stream<String> names) {
        return Stream.concat(names, Stream.of(regressionLabel)).distinct()
                .map(name -> Map.of("name", name, "color", LABEL_COLOUR)).toList();
    }

    /** The label is in the repository now (made, or GitHub said it exists): not made again by this process. */
    public void ensured(@ExchangeProperty("githubBody") Map<String, String> label, @ExchangeProperty("githubRepository") String repository) {
        ensured.add(key(repository, label.get("name")));
    }

    private static String key(String repository, String label) {
        return (repository + " " + label).toLowerCase(Locale.ROOT);
    }
}
