package io.github.sentrygithubbridge.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.sentry.Level;
import io.github.sentrygithubbridge.sentry.SentryAlert;
import io.github.sentrygithubbridge.sentry.SentryAlert.Breadcrumb;
import io.github.sentrygithubbridge.sentry.SentryAlert.Frame;
import io.github.sentrygithubbridge.sentry.SentryAlert.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IssueRendererTest {

    static final Instant TIME = Instant.parse("2026-11-22T09:30:15.123Z");
    final IssueRenderer renderer = new IssueRenderer();

    /** A full event alert; tests change what they look at. */
    static Alert alert() {
        return new Alert();
    }

    static final class Alert {
        Kind kind = Kind.EVENT;
        String key = "1117540176";
        String shortId = "SHOP-1A";
        Level level = Level.ERROR;
        String title = "ReferenceError: heck is not defined";
        String type = "ReferenceError";
        String value = "heck is not defined";
        String message;
        String culprit = "checkout(app/pay.js)";
        String environment = "production";
        String release = "shop@1.2.3";
        String rule = "Errors in checkout";
        String description;
        List<Frame> frames = List.of(new Frame("app/pay.js", 42, "charge", true), new Frame("node_modules/x.js", 7, null, false),
                new Frame("app/cart.js", 9, "checkout", true));
        List<Breadcrumb> breadcrumbs = List.of(new Breadcrumb(TIME, "http", "GET /cart", "info"));
        Map<String, String> tags = new LinkedHashMap<>(Map.of("os.name", "Linux"));

        SentryAlert build() {
            return new SentryAlert("event_alert", "triggered", kind, key, key, shortId, level, title, type, value, message, culprit,
                    environment, release, "e4874d", TIME, "https://sentry.io/organizations/o/issues/" + key + "/events/e4874d/",
                    "https://sentry.io/organizations/o/issues/" + key + "/", "shop", frames, breadcrumbs, tags, rule, description);
        }
    }

    IssueDraft render(Alert a) {
        return renderer.render(a.build(), List.of("agent:builder", "sentry"));
    }

    @Test
    void titlesWithLevelExceptionTypeAndValue() {
        assertThat(render(alert()).title()).isEqualTo("[error] ReferenceError: heck is not defined");
    }

    @Test
    void titlesWithSentrysTitleThenTheMessageThenTheKey() {
        Alert noException = alert();
        noException.type = null;
        noException.value = null;
        assertThat(render(noException).title()).isEqualTo("[error] ReferenceError: heck is not defined");

        noException.title = null;
        noException.message = "Payment\n  failed";
        assertThat(render(noException).title()).isEqualTo("[error] Payment failed");

        noException.message = null;
        assertThat(render(noException).title()).isEqualTo("[error] Sentry issue 1117540176");
    }

    @Test
    void capsTheTitleAt256CharactersWithoutSplittingAnEmoji() {
        Alert a = alert();
        a.value = "x".repeat(240) + "🚀".repeat(20);
        String title = render(a).title();

        assertThat(title.length()).isLessThanOrEqualTo(256);
        assertThat(title).endsWith("…");
        assertThat(Character.isHighSurrogate(title.charAt(title.length() - 2))).isFalse();
    }

    @Test
    void putsTheMarkerFirstAndReadsItBack() {
        String body = render(alert()).body();

        assertThat(body).startsWith("<!-- sentry-github-bridge: 1117540176 -->\n");
        assertThat(IssueRenderer.markedKey(body)).contains("1117540176");
        assertThat(IssueRenderer.markedKey("no marker here")).isEmpty();
        assertThat(IssueRenderer.markedKey(IssueRenderer.marker("metric-alert:7:1"))).contains("metric-alert:7:1");
    }

    @Test
    void listsTheContextAnAgentNeeds() {
        String body = render(alert()).body();

        assertThat(body).contains("**Level:** `error`", "**Environment:** `production`", "**Release:** `shop@1.2.3`",
                "**Sentry issue:** `1117540176` (`SHOP-1A`)", "**Event time:** 2026-11-22T09:30:15.123Z",
                "**Culprit:** `checkout(app/pay.js)`", "**Alert rule:** Errors in checkout",
                "[View event in Sentry](https://sentry.io/organizations/o/issues/1117540176/events/e4874d/)",
                "[View issue in Sentry](https://sentry.io/organizations/o/issues/1117540176/)",
                "### Exception", "ReferenceError: heck is not defined", "| os.name | Linux |", "| 09:30:15 | http | GET /cart |");
        assertThat(render(alert()).labels()).containsExactly("agent:builder", "sentry");
    }

    @Test
    void showsOnlyInAppFramesCrashingFirstAtMostTen() {
        String body = render(alert()).body();
        assertThat(body).contains("app/pay.js:42 in charge\napp/cart.js:9 in checkout").doesNotContain("node_modules");

        Alert many = alert();
        many.frames = IntStream.rangeClosed(1, 15).mapToObj(i -> new Frame("f" + i + ".py", i, "fn" + i, true)).toList();
        String manyBody = render(many).body();
        assertThat(manyBody).contains("f1.py:1 in fn1", "f10.py:10 in fn10").doesNotContain("f11.py");
    }

    @Test
    void showsAllFramesWhenNoneIsInApp() {
        Alert a = alert();
        a.frames = List.of(new Frame("lib.js", 1, null, false), new Frame(null, null, "anon", false));
        assertThat(render(a).body()).contains("lib.js:1\n? in anon");
    }

    @Test
    void escapesBreadcrumbCellsAndCutsLongMessages() {
        Alert a = alert();
        a.breadcrumbs = List.of(new Breadcrumb(TIME, "query", "SELECT a | b\nFROM t " + "y".repeat(300), null));
        String body = render(a).body();

        assertThat(body).contains("SELECT a \\| b FROM t").doesNotContain("y".repeat(200));
    }

    @Test
    void neutralisesMentionsAndHtmlOutsideCode() {
        Alert a = alert();
        a.rule = "ping @acme/oncall <img src=x onerror=alert(1)>";
        a.tags = Map.of("transaction", "@admin <b>");
        String body = render(a).body();

        assertThat(body).doesNotContain("@acme", "@admin", "<img", "<b>");
        assertThat(body).contains("@\u200Dacme/oncall", "&lt;img");
    }

    @Test
    void keepsBackticksInsideTheExceptionFromClosingTheFence() {
        Alert a = alert();
        a.value = "bad ``` input\n```\n@everyone";
        String body = render(a).body();

        assertThat(body).contains("````text\nReferenceError: bad ``` input\n```\n@everyone\n````");
    }

    @Test
    void truncatesAHugeBodyBelowGitHubsLimitKeepingTheMarkerAndClosingTheFence() {
        Alert a = alert();
        a.value = "boom ".repeat(20_000);
        String body = render(a).body();

        assertThat(body.length()).isLessThan(65_536);
        assertThat(body).startsWith("<!-- sentry-github-bridge: 1117540176 -->").contains("characters omitted._");
        assertThat(body.split("\n```", -1).length % 2).as("fences balanced").isEqualTo(1);
    }

    @Test
    void keepsNonAsciiText() {
        Alert a = alert();
        a.value = "Ünïcödé 日本語 🚀";
        assertThat(render(a).body()).contains("Ünïcödé 日本語 🚀");
        assertThat(render(a).title()).contains("Ünïcödé 日本語 🚀");
    }

    @Test
    void leavesOutEmptySectionsAndNeverWritesNull() {
        Alert bare = alert();
        bare.shortId = null;
        bare.culprit = null;
        bare.environment = null;
        bare.release = null;
        bare.rule = null;
        bare.frames = List.of();
        bare.breadcrumbs = List.of();
        bare.tags = Map.of();
        String body = render(bare).body();

        assertThat(body).doesNotContain("null", "Environment", "Release", "Stack trace", "Breadcrumbs", "Tags", "Alert rule");
    }

    @Test
    void rendersAMetricAlertWithItsDescription() {
        Alert metric = alert();
        metric.kind = Kind.METRIC;
        metric.key = "metric-alert:7:1";
        metric.level = Level.FATAL;
        metric.type = null;
        metric.value = null;
        metric.title = "Too many errors";
        metric.description = "1000 events in the last 10 minutes";
        IssueDraft draft = render(metric);

        assertThat(draft.title()).isEqualTo("[fatal] Too many errors");
        assertThat(draft.body()).contains("### Description", "1000 events in the last 10 minutes");
    }

    @Test
    void writesAShortUpdateComment() {
        CommentDraft comment = renderer.renderComment(alert().build(), 17, Instant.parse("2026-11-22T03:00:00Z"));

        assertThat(comment.body()).startsWith("<!-- sentry-github-bridge: 1117540176 -->")
                .contains("**17 more events** since 2026-11-22T03:00:00Z", "**Latest event:** 2026-11-22T09:30:15.123Z",
                        "**Release:** `shop@1.2.3`", "**Environment:** `production`",
                        "[View the latest event in Sentry](https://sentry.io/organizations/o/issues/1117540176/events/e4874d/)");
        assertThat(renderer.renderComment(alert().build(), 1, TIME).body()).contains("**1 more event**");
    }

    @Test
    void copiesTheLabelsItIsGiven() {
        List<String> labels = new ArrayList<>(List.of("agent:builder"));
        IssueDraft draft = renderer.render(alert().build(), labels);
        labels.add("later");

        assertThat(draft.labels()).containsExactly("agent:builder");
    }
}
