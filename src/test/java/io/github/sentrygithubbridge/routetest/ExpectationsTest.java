package io.github.sentrygithubbridge.routetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each expect key holds or says, in one line, what was expected against what came out. */
class ExpectationsTest {

    static Map<String, Object> preview() {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("decision", "open-issue");
        reply.put("reason", "a GitHub issue will be opened");
        reply.put("repository", "acme/payments");
        reply.put("title", "fatal in production: PaymentDeclined");
        reply.put("body", "<!-- marker -->\n\nSeen in release shop@2.0.0\nCC @alice");
        reply.put("labels", List.of("agent:builder", "team:payments"));
        reply.put("assignees", List.of("alice", "bob"));
        return reply;
    }

    static Expectations expect(String decision, String repository, List<String> labels, List<String> assignees, String title,
                               String titleMatches, List<String> bodyContains, List<String> bodyNotContains) {
        return new Expectations(decision, repository, labels, assignees, title, titleMatches == null ? null : Pattern.compile(titleMatches),
                bodyContains, bodyNotContains);
    }

    @Test
    void whatHoldsSaysNothing() {
        Expectations all = expect("open-issue", "acme/payments", List.of("team:payments"), List.of("bob", "alice"),
                "fatal in production: PaymentDeclined", "^fatal in .*", List.of("Seen in release shop@2.0.0"), List.of("@carol"));

        assertThat(all.differences(preview())).isEmpty();
        assertThat(expect(null, null, null, null, null, null, null, null).differences(preview())).isEmpty();
    }

    @Test
    void eachKeyThatDoesNotHoldIsOneLine() {
        Expectations all = expect("ignore", "acme/shop", List.of("team:search", "agent:builder"), List.of("alice"),
                "fatal: PaymentDeclined", "^error", List.of("release shop@3"), List.of("@alice"));

        assertThat(all.differences(preview())).containsExactly(
                "decision: expected ignore, got open-issue (a GitHub issue will be opened)",
                "repository: expected acme/shop, got \"acme/payments\"",
                "labels: expected [team:search, agent:builder] among them, got [agent:builder, team:payments] (missing [team:search])",
                "assignees: expected exactly [alice], got [alice, bob]",
                "title: expected \"fatal: PaymentDeclined\", got \"fatal in production: PaymentDeclined\"",
                "title_matches: expected a title matching \"^error\", got \"fatal in production: PaymentDeclined\"",
                "body_contains: expected the body to contain \"release shop@3\", got a body of 4 lines beginning "
                        + "\"<!-- marker -->\\n\\nSeen in release shop@2.0.0\\nCC @alice\"",
                "body_not_contains: expected the body not to contain \"@alice\", found on line 4");
    }

    @Test
    void anIgnoredDeliveryHasNoRepositoryTitleOrAssignees() {
        Map<String, Object> ignored = new LinkedHashMap<>();
        ignored.put("decision", "ignore");
        ignored.put("reason", "level info is below BRIDGE_MIN_LEVEL=error");
        ignored.put("labels", List.of());
        ignored.put("assignees", List.of());

        assertThat(expect("open-issue", "acme/shop", null, List.of("alice"), "x", "x", List.of("x"), null).differences(ignored)).containsExactly(
                "decision: expected open-issue, got ignore (level info is below BRIDGE_MIN_LEVEL=error)",
                "repository: expected acme/shop, got none",
                "assignees: expected exactly [alice], got []",
                "title: expected \"x\", got none",
                "title_matches: expected a title matching \"x\", got none",
                "body_contains: expected the body to contain \"x\", got no body");
    }
}
