package io.github.sentrygithubbridge.routetest;

import io.github.sentrygithubbridge.lifecycle.Transition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;

/** A case's expect: every key optional, each one given must hold for what /internal/preview would answer. */
record Expectations(String decision, String repository, List<String> labels, List<String> assignees, String title,
                    Pattern titleMatches, List<String> bodyContains, List<String> bodyNotContains) {

    private static final List<String> KEYS = List.of("decision", "repository", "labels", "assignees", "title",
            "title_matches", "body_contains", "body_not_contains");

    /** The decisions by the names /internal/preview gives them. */
    static final List<String> DECISIONS = Arrays.stream(Transition.values()).map(Expectations::name).toList();

    static String name(Transition transition) {
        return transition.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Expectations read(YamlNodes yaml, Node node) {
        Map<String, Node> entries = yaml.mapping(node, "expect", KEYS);
        String decision = null;
        if (entries.containsKey("decision")) {
            decision = yaml.text(entries.get("decision"), "expect.decision");
            if (!DECISIONS.contains(decision)) {
                throw yaml.error(entries.get("decision"), "unknown decision '" + decision + "' (known: " + String.join(", ", DECISIONS) + ")");
            }
        }
        Pattern titleMatches = null;
        if (entries.containsKey("title_matches")) {
            try {
                titleMatches = Pattern.compile(yaml.text(entries.get("title_matches"), "expect.title_matches"));
            } catch (PatternSyntaxException e) {
                throw yaml.error(entries.get("title_matches"), "title_matches is not a regular expression: " + e.getDescription());
            }
        }
        return new Expectations(decision,
                entries.containsKey("repository") ? yaml.text(entries.get("repository"), "expect.repository") : null,
                entries.containsKey("labels") ? yaml.texts(entries.get("labels"), "expect.labels") : null,
                entries.containsKey("assignees") ? assignees(yaml, entries.get("assignees")) : null,
                entries.containsKey("title") ? yaml.scalar(entries.get("title"), "expect.title") : null,
                titleMatches,
                entries.containsKey("body_contains") ? yaml.texts(entries.get("body_contains"), "expect.body_contains") : null,
                entries.containsKey("body_not_contains") ? yaml.texts(entries.get("body_not_contains"), "expect.body_not_contains") : null);
    }

    /** An empty list says "nobody assigned". */
    private static List<String> assignees(YamlNodes yaml, Node node) {
        return node instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence && sequence.getValue().isEmpty()
                ? List.of() : yaml.texts(node, "expect.assignees");
    }

    /** What differs, one line per key: empty when the case passes. */
    List<String> differences(Map<String, Object> actual) {
        List<String> differences = new ArrayList<>();
        String gotDecision = (String) actual.get("decision");
        if (decision != null && !decision.equals(gotDecision)) {
            differences.add("decision: expected " + decision + ", got " + gotDecision + " (" + actual.get("reason") + ")");
        }
        String gotRepository = (String) actual.get("repository");
        if (repository != null && !repository.equals(gotRepository)) {
            differences.add("repository: expected " + repository + ", got " + show(gotRepository));
        }
        List<String> gotLabels = list(actual.get("labels"));
        if (labels != null && !gotLabels.containsAll(labels)) {
            List<String> missing = labels.stream().filter(l -> !gotLabels.contains(l)).toList();
            differences.add("labels: expected " + labels + " among them, got " + gotLabels + " (missing " + missing + ")");
        }
        List<String> gotAssignees = list(actual.get("assignees"));
        if (assignees != null && !Set.copyOf(assignees).equals(Set.copyOf(gotAssignees))) {
            differences.add("assignees: expected exactly " + assignees + ", got " + gotAssignees);
        }
        String gotTitle = (String) actual.get("title");
        if (title != null && !title.equals(gotTitle)) {
            differences.add("title: expected " + quote(title) + ", got " + show(gotTitle));
        }
        if (titleMatches != null && (gotTitle == null || !titleMatches.matcher(gotTitle).find())) {
            differences.add("title_matches: expected a title matching " + quote(titleMatches.pattern()) + ", got " + show(gotTitle));
        }
        String body = Objects.toString(actual.get("body"), "");
        for (String text : bodyContains == null ? List.<String>of() : bodyContains) {
            if (!body.contains(text)) {
                differences.add("body_contains: expected the body to contain " + quote(text) + excerpt(actual.get("body")));
            }
        }
        for (String text : bodyNotContains == null ? List.<String>of() : bodyNotContains) {
            if (body.contains(text)) {
                differences.add("body_not_contains: expected the body not to contain " + quote(text) + ", found on line "
                        + (body.substring(0, body.indexOf(text)).chars().filter(c -> c == '\n').count() + 1));
            }
        }
        return differences;
    }

    private static List<String> list(Object value) {
        return value instanceof List<?> items ? items.stream().map(String::valueOf).toList() : List.of();
    }

    private static String show(String value) {
        return value == null ? "none" : quote(value);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Enough of the body to see what it says instead; all of it is in the JUnit report. */
    private static String excerpt(Object body) {
        if (body == null) {
            return ", got no body";
        }
        String text = body.toString();
        return ", got a body of " + text.lines().count() + " lines beginning " + quote(text.length() > 120 ? text.substring(0, 120) + "…" : text);
    }
}
