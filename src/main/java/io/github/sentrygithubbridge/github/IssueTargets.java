package io.github.sentrygithubbridge.github;

import io.github.sentrygithubbridge.ops.BridgeMetrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reads what the choose-github-target route set (githubLabels, githubAssignees: comma lists) into the target of a
 * new issue. A value GitHub would refuse is left out with a warning: the alert is still filed.
 */
@Component("issueTargets")
public class IssueTargets implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(IssueTargets.class);
    /** GitHub's label names are at most 50 characters. */
    static final int LABEL_LIMIT = 50;
    /** A GitHub login: letters, digits and single hyphens, at most 39 characters. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    /** GitHub takes at most 10 assignees on an issue. */
    static final int ASSIGNEE_LIMIT = 10;

    private final List<String> repositories;
    private final BridgeMetrics metrics;
    private final OutgoingSecrets secrets;

    public IssueTargets(GitHubProperties github, @Lazy BridgeMetrics metrics, OutgoingSecrets secrets) {
        this.repositories = github.repositoryList();
        this.metrics = metrics;
        this.secrets = secrets;
    }

    /**
     * The enrich step of the claim: the engineer's route ran on a copy of the delivery's exchange, and only the
     * target it chose comes back. If it failed, the issue is filed with the defaults: an alert is never lost to it.
     */
    @Override
    public Exchange aggregate(Exchange delivery, Exchange chosen) {
        String key = delivery.getProperty("sentryIssueKey", String.class);
        boolean counting = !Boolean.TRUE.equals(delivery.getProperty("preview", Boolean.class));
        IssueTarget target = IssueTarget.DEFAULT;
        if (chosen.getException() != null) {
            LOG.error("The choose-github-target route failed for Sentry issue {} ({}): the issue gets BRIDGE_LABELS and no assignee",
                    key, chosen.getException().toString());
            count(counting);
            // /internal/preview and the test command show it
            delivery.setProperty("githubTargetFailure", chosen.getException().toString());
        } else {
            target = chosen(chosen.getProperty("githubLabels"), chosen.getProperty("githubAssignees"),
                    chosen.getProperty("githubRepository", String.class), key, counting);
        }
        delivery.setProperty("githubTarget", target);
        return delivery;
    }

    private void count(boolean counting) {
        if (counting) {
            metrics.extensionFailed("choose-github-target");
        }
    }

    /** Whether a chosen value holds a configured secret: refused, logged masked and counted. */
    private boolean holdsSecret(String what, String value, String key, boolean counting) {
        String secret = secrets.foundIn(value);
        if (secret == null) {
            return false;
        }
        LOG.error("choose-github-target: the {} '{}' of Sentry issue {} holds the value of {} and is left out: no secret leaves for GitHub",
                what, secrets.masked(value), key, secret);
        if (counting) {
            metrics.secretRefused(secret);
        }
        return true;
    }

    IssueTarget chosen(Object labels, Object assignees, String chosenRepository, String key, boolean counting) {
        String repository = null;
        if (chosenRepository != null && !chosenRepository.isBlank() && !holdsSecret("repository", chosenRepository, key, counting)) {
            // only a repository the bridge knows: its issues are read at startup, so a wiped store opens none twice
            repository = repositories.stream().filter(r -> r.equalsIgnoreCase(chosenRepository.strip())).findFirst().orElse(null);
            if (repository == null) {
                LOG.error("choose-github-target chose {} for Sentry issue {}, which is neither GITHUB_REPOSITORY nor in BRIDGE_REPOSITORIES: "
                        + "the issue goes to GITHUB_REPOSITORY", chosenRepository, key);
                count(counting);
            }
        }
        List<String> label = new ArrayList<>();
        for (String name : list(labels)) {
            if (holdsSecret("label", name, key, counting)) {
                continue;
            }
            if (name.length() > LABEL_LIMIT || name.chars().anyMatch(Character::isISOControl)) {
                LOG.warn("choose-github-target: label '{}' of Sentry issue {} left out: GitHub takes label names of at most {} printable characters",
                        name, key, LABEL_LIMIT);
            } else {
                label.add(name);
            }
        }
        List<String> assignee = new ArrayList<>();
        for (String login : list(assignees)) {
            if (holdsSecret("assignee", login, key, counting)) {
                continue;
            }
            String name = login.startsWith("@") ? login.substring(1) : login;
            if (!LOGIN.matcher(name).matches()) {
                LOG.warn("choose-github-target: assignee '{}' of Sentry issue {} left out: not a GitHub login", login, key);
            } else if (assignee.size() == ASSIGNEE_LIMIT) {
                LOG.warn("choose-github-target: assignee '{}' of Sentry issue {} left out: GitHub takes at most {}", login, key, ASSIGNEE_LIMIT);
            } else {
                assignee.add(name);
            }
        }
        return new IssueTarget(repository, label, assignee);
    }

    /** A comma list (or a Java list, from a route that built one) without blanks or repeats. */
    private static Set<String> list(Object value) {
        Set<String> items = new LinkedHashSet<>();
        if (value instanceof Iterable<?> iterable) {
            iterable.forEach(item -> items.addAll(list(item)));
        } else if (value != null) {
            for (String item : value.toString().split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }
}
