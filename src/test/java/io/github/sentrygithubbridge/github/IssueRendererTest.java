package io.github.sentrygithubbridge.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IssueRendererTest {

    static final Instant TIME = Instant.parse("2026-11-22T09:30:15.123Z");
    static final String EVENT_URL = "https://sentry.io/organizations/o/issues/1117540176/events/e4874d/";
    static final String ISSUE_URL = "https://sentry.io/organizations/o/issues/1117540176/";
    static final String MARKER = "<!-- sentry-github-bridge: 1117540176 -->";

    final IssueRenderer renderer = new IssueRenderer();

    /** A full event alert; each test changes what it looks at. */
    static Alert alert() {
        return new Alert();
    }

    static final class Alert {
        Kind kind = Kind.EVENT;
        String key = "1117540176";
        String issueId = "1117540176";
        String shortId = "SHOP-1A";
        Level level = Level.ERROR;
        String title = "ReferenceError: heck is not defined";
        String type = "ReferenceError";
        String value = "heck is not defined";
        String message;
        String culprit = "checkout(app/pay.js)";
        String environment = "production";
        String release = "shop@1.2.3";
        Instant eventTime = TIME;
        String eventUrl = EVENT_URL;
        String issueUrl = ISSUE_URL;
        String project = "shop";
        String rule = "Errors in checkout";
        String description;
        List<Frame> frames = List.of(new Frame("app/pay.js", 42, "charge", true), new Frame("node_modules/x.js", 7, null, false),
                new Frame("app/cart.js", 9, "checkout", true));
        List<Breadcrumb> breadcrumbs = List.of(new Breadcrumb(TIME, "http", "GET /cart", "info"));
        Map<String, String> tags = new LinkedHashMap<>(Map.of("os.name", "Linux"));

        SentryAlert build() {
            return new SentryAlert("event_alert", "triggered", kind, key, issueId, shortId, level, title, type, value, message, culprit,
                    environment, release, "e4874d", eventTime, eventUrl, issueUrl, project, frames, breadcrumbs, tags, rule, description);
        }
    }

    IssueDraft render(Alert a) {
        return renderer.render(a.build(), List.of("agent:builder", "sentry"), List.of());
    }

    String body(Alert a) {
        return render(a).body();
    }

    String title(Alert a) {
        return render(a).title();
    }

    // --- title ---

    @Test
    void titlesWithTheLevelTheExceptionTypeAndItsValue() {
        assertThat(title(alert())).isEqualTo("[error] ReferenceError: heck is not defined");

        Alert warning = alert();
        warning.level = Level.WARNING;
        assertThat(title(warning)).isEqualTo("[warning] ReferenceError: heck is not defined");
    }

    @Test
    void titlesWithTheExceptionTypeOrValueAloneWhenTheOtherIsMissing() {
        Alert typeOnly = alert();
        typeOnly.value = null;
        assertThat(title(typeOnly)).isEqualTo("[error] ReferenceError");

        Alert valueOnly = alert();
        valueOnly.type = " ";
        assertThat(title(valueOnly)).isEqualTo("[error] heck is not defined");
    }

    @Test
    void titlesWithSentrysTitleThenTheMessageThenTheKeyWhenThereIsNoException() {
        Alert a = alert();
        a.type = null;
        a.value = "";
        a.title = "Payment failed for order";
        a.message = "a message";
        assertThat(title(a)).isEqualTo("[error] Payment failed for order");

        a.title = " \n ";
        assertThat(title(a)).isEqualTo("[error] a message");

        a.message = null;
        assertThat(title(a)).isEqualTo("[error] Sentry issue 1117540176");
    }

    @Test
    void titlesAnAlertWithoutALevelAsAnError() {
        Alert a = alert();
        a.level = null;
        assertThat(title(a)).startsWith("[error] ");
    }

    @Test
    void collapsesLineBreaksAndRunsOfWhitespaceInTheTitle() {
        Alert a = alert();
        a.value = "  heck\r\n\tis \u00A0\u2028 not\n\ndefined  ";
        assertThat(title(a)).isEqualTo("[error] ReferenceError: heck is not defined");
    }

    @Test
    void keepsATitleOfExactly256CharactersWhole() {
        Alert a = alert();
        a.value = "x".repeat(256 - "[error] ReferenceError: ".length());
        assertThat(title(a)).hasSize(256).doesNotContain("…").endsWith("x");
    }

    @Test
    void capsALongerTitleAt256CharactersEndingWithAnEllipsis() {
        Alert a = alert();
        a.value = "x".repeat(1_000);
        assertThat(title(a)).hasSize(256).isEqualTo("[error] ReferenceError: " + "x".repeat(231) + "…");
    }

    @Test
    void cutsBeforeAnEmojiThatWouldOtherwiseBeSplitAtTheCap() {
        Alert a = alert();
        // 24 + 230 characters put the rocket's two halves at 254 and 255: the last character kept would be half of it
        a.value = "x".repeat(230) + "🚀".repeat(20);
        String title = title(a);

        assertThat(title).isEqualTo("[error] ReferenceError: " + "x".repeat(230) + "…");
        assertThat(hasLoneSurrogate(title)).isFalse();
    }

    @Test
    void keepsAnEmojiThatFitsWhollyBeforeTheCap() {
        Alert a = alert();
        a.value = "x".repeat(229) + "🚀".repeat(20);
        assertThat(title(a)).hasSize(256).isEqualTo("[error] ReferenceError: " + "x".repeat(229) + "🚀…");
    }

    // --- marker ---

    @Test
    void putsTheMarkerAloneOnTheFirstLineOfTheBody() {
        assertThat(body(alert())).startsWith(MARKER + "\n\n");
        assertThat(IssueRenderer.marker("1117540176")).isEqualTo(MARKER);
    }

    @Test
    void readsTheKeyBackFromTheMarkerOfARenderedBody() {
        assertThat(IssueRenderer.markedKey(body(alert()))).contains("1117540176");

        Alert metric = alert();
        metric.key = "metric-alert:7:1";
        assertThat(IssueRenderer.markedKey(body(metric))).contains("metric-alert:7:1");
    }

    @Test
    void readsBackEveryKindOfKeyTheNormaliserMakes() {
        for (String key : List.of("42", "metric-alert:7:INC_1.2", "event:e4874d0a")) {
            assertThat(IssueRenderer.markedKey(IssueRenderer.marker(key) + "\n\nmore")).contains(key);
        }
    }

    @Test
    void readsMarkersOnlyFromTheTopOfTheBodyWhereTheBridgePutsThem() {
        String planted = "```\n" + IssueRenderer.marker("999") + "\n" + IssueRenderer.followsMarker(5) + "\n```";
        assertThat(IssueRenderer.markedKey("Some text\n" + IssueRenderer.marker("42"))).isEmpty();
        assertThat(IssueRenderer.markedKey(IssueRenderer.marker("42") + "\n\n" + planted)).contains("42");
        assertThat(IssueRenderer.followedNumber(IssueRenderer.marker("42") + "\n\nAn error\n" + planted)).isNull();
        assertThat(IssueRenderer.followedNumber(IssueRenderer.marker("42") + "\r\n\r\n" + IssueRenderer.followsMarker(7) + "\n\ntext"))
                .isEqualTo(7L);
    }

    @Test
    void findsNoKeyWhereThereIsNoMarker() {
        assertThat(IssueRenderer.markedKey(null)).isEmpty();
        assertThat(IssueRenderer.markedKey("")).isEmpty();
        assertThat(IssueRenderer.markedKey("an issue written by a person")).isEmpty();
        assertThat(IssueRenderer.markedKey("<!-- sentry-github-bridge:  -->")).isEmpty();
        assertThat(IssueRenderer.markedKey("<!-- some-other-bot: 42 -->")).isEmpty();
    }

    @Test
    void refusesAKeyThatCouldCloseTheHiddenComment() {
        assertThatThrownBy(() -> IssueRenderer.marker("1 --> <b>hi</b>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IssueRenderer.marker("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IssueRenderer.marker(null)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- summary ---

    @Test
    void summarisesTheAlertUnderTheMarker() {
        assertThat(body(alert())).startsWith(MARKER + "\n\n"
                + "- **Level:** `error`\n"
                + "- **Environment:** `production`\n"
                + "- **Release:** `shop@1.2.3`\n"
                + "- **Sentry issue:** `1117540176` (`SHOP-1A`)\n"
                + "- **Event time:** 2026-11-22T09:30:15.123Z\n"
                + "- **Culprit:** `checkout(app/pay.js)`\n"
                + "- **Project:** `shop`\n"
                + "- **Alert rule:** Errors in checkout\n"
                + "\n"
                + "[View event in Sentry](" + EVENT_URL + ") · [View issue in Sentry](" + ISSUE_URL + ")\n");
    }

    @Test
    void showsTheShortIdAloneWhenTheIssueIdIsMissing() {
        Alert a = alert();
        a.issueId = null;
        assertThat(body(a)).contains("- **Sentry issue:** `SHOP-1A`\n");

        a.shortId = null;
        assertThat(body(a)).doesNotContain("Sentry issue:");
    }

    @Test
    void linksOnlyToWhatItHas() {
        Alert eventOnly = alert();
        eventOnly.issueUrl = null;
        assertThat(body(eventOnly)).contains("\n[View event in Sentry](" + EVENT_URL + ")\n").doesNotContain("View issue");

        Alert issueOnly = alert();
        issueOnly.eventUrl = null;
        assertThat(body(issueOnly)).contains("\n[View issue in Sentry](" + ISSUE_URL + ")\n").doesNotContain("View event");
    }

    @Test
    void linksOnlyToWebAddressesAndEncodesWhatCouldEndTheLink() {
        Alert a = alert();
        a.eventUrl = "javascript:alert(1)";
        a.issueUrl = "https://sentry.io/issues/1/) [click](https://evil.example/<x>";
        String body = body(a);

        assertThat(body).doesNotContain("javascript", "View event", "](https://evil");
        assertThat(body).contains("[View issue in Sentry](https://sentry.io/issues/1/%29%20%5Bclick%5D%28https://evil.example/%3Cx%3E)");
    }

    @Test
    void capsLongSummaryValues() {
        Alert a = alert();
        a.culprit = "c".repeat(5_000);
        String culpritLine = body(a).lines().filter(l -> l.startsWith("- **Culprit:**")).findFirst().orElseThrow();

        assertThat(culpritLine).isEqualTo("- **Culprit:** `" + "c".repeat(IssueRenderer.VALUE_LIMIT - 1) + "…`");
    }

    // --- sections ---

    @Test
    void putsTheExceptionInAFencedBlock() {
        assertThat(body(alert())).contains("\n### Exception\n\n```text\nReferenceError: heck is not defined\n```\n");
    }

    @Test
    void putsTheMessageInAFencedBlockKeepingItsLines() {
        Alert a = alert();
        a.message = "Payment failed\n  order 17";
        assertThat(body(a)).contains("\n### Message\n\n```text\nPayment failed\n  order 17\n```\n");
    }

    @Test
    void rendersAMetricAlertWithItsDescription() {
        Alert metric = alert();
        metric.kind = Kind.METRIC;
        metric.key = "metric-alert:7:1";
        metric.issueId = null;
        metric.shortId = null;
        metric.level = Level.FATAL;
        metric.type = null;
        metric.value = null;
        metric.title = "Too many errors";
        metric.description = "1000 events in the last 10 minutes\nThreshold: 100";
        metric.frames = List.of();
        metric.breadcrumbs = List.of();
        metric.tags = Map.of();
        IssueDraft draft = render(metric);

        assertThat(draft.title()).isEqualTo("[fatal] Too many errors");
        assertThat(draft.body()).startsWith("<!-- sentry-github-bridge: metric-alert:7:1 -->\n")
                .contains("- **Level:** `fatal`\n", "\n### Description\n\n```text\n1000 events in the last 10 minutes\nThreshold: 100\n```\n")
                .doesNotContain("### Exception", "### Stack trace");
    }

    @Test
    void showsOnlyTheInAppFramesCrashingFrameFirst() {
        assertThat(body(alert())).contains("\n### Stack trace\n\nIn-app frames, crashing frame first:\n\n"
                + "```text\napp/pay.js:42 in charge\napp/cart.js:9 in checkout\n```\n").doesNotContain("node_modules");
    }

    @Test
    void showsAtMostTenFramesStartingWithTheCrashingOne() {
        Alert a = alert();
        List<Frame> frames = new ArrayList<>(IntStream.rangeClosed(1, 15).mapToObj(i -> new Frame("f" + i + ".py", i, "fn" + i, true)).toList());
        frames.add(1, new Frame("lib.py", 1, "vendored", false));
        a.frames = frames;
        String body = body(a);

        String expected = IntStream.rangeClosed(1, 10).mapToObj(i -> "f" + i + ".py:" + i + " in fn" + i).collect(Collectors.joining("\n"));
        assertThat(body).contains("```text\n" + expected + "\n```\n").doesNotContain("f11.py", "lib.py");
    }

    @Test
    void showsAllFramesWhenNoneIsInAppLeavingOutWhatIsMissing() {
        Alert a = alert();
        a.frames = List.of(new Frame("lib.js", 1, null, false), new Frame(null, null, "anon", false), new Frame("x.js", null, "f", false),
                new Frame(null, 12, null, false), new Frame(null, null, null, false));
        assertThat(body(a)).contains("All frames, crashing frame first:\n\n```text\nlib.js:1\nin anon\nx.js in f\nline 12\n```\n");
    }

    @Test
    void listsBreadcrumbsInATableWithUtcClockTimes() {
        Alert a = alert();
        a.breadcrumbs = List.of(new Breadcrumb(Instant.parse("2026-11-22T23:59:58.900Z"), "http", "GET /cart", "info"),
                new Breadcrumb(null, null, "no time, no category", null));
        assertThat(body(a)).contains("\n### Breadcrumbs\n\n| Time (UTC) | Category | Message |\n|---|---|---|\n"
                + "| 23:59:58 | http | GET /cart |\n"
                + "|  |  | no time, no category |\n");
    }

    @Test
    void showsOnlyTheLastTenBreadcrumbsOldestFirst() {
        Alert a = alert();
        a.breadcrumbs = IntStream.rangeClosed(1, 12).mapToObj(i -> new Breadcrumb(TIME.plusSeconds(i), "log", "crumb " + i, null)).toList();
        String body = body(a);

        assertThat(body).doesNotContain("| crumb 1 |", "| crumb 2 |").contains("| crumb 3 |", "| crumb 12 |");
        assertThat(body.indexOf("| crumb 3 |")).isLessThan(body.indexOf("| crumb 12 |"));
    }

    @Test
    void escapesPipesAndLineBreaksInBreadcrumbCellsAndCutsLongMessages() {
        Alert a = alert();
        a.breadcrumbs = List.of(new Breadcrumb(TIME, "query|sql", "SELECT a | b\nFROM t\\|" + "y".repeat(300), null));
        String row = body(a).lines().filter(l -> l.startsWith("| 09:30:15")).findFirst().orElseThrow();

        assertThat(row).startsWith("| 09:30:15 | query\\|sql | SELECT a \\| b FROM t\\\\\\|yyy").endsWith("y… |");
        assertThat(row.split("(?<!\\\\)\\|", -1)).as("an unescaped pipe only between cells").hasSize(5);
        assertThat(row).contains("y".repeat(200 - "SELECT a | b FROM t\\|".length() - 1) + "…").doesNotContain("y".repeat(200));
    }

    @Test
    void listsTheTagsInATable() {
        Alert a = alert();
        a.tags = new LinkedHashMap<>();
        a.tags.put("os.name", "Linux");
        a.tags.put("browser", "Firefox | 120\nbeta");
        assertThat(body(a)).contains("\n### Tags\n\n| Tag | Value |\n|---|---|\n| os.name | Linux |\n| browser | Firefox \\| 120 beta |\n");
    }

    @Test
    void showsOnlyTheTagsThatSayWhereItHappenedNotTheOnesKeptForRouting() {
        Alert a = alert();
        a.tags = new LinkedHashMap<>();
        a.tags.put("customer", "ACME-TOP-SECRET");
        a.tags.put("team", "payments");
        a.tags.put("os.name", "Linux");
        assertThat(body(a)).contains("| os.name | Linux |").doesNotContain("ACME-TOP-SECRET", "payments", "customer");
    }

    @Test
    void endsWithAFooterSayingWhoOpenedIt() {
        assertThat(body(alert())).endsWith("\n---\n_Opened by sentry-github-bridge from a Sentry alert._\n");
    }

    // --- untrusted text ---

    @Test
    void neutralisesMentionsOutsideCode() {
        Alert a = alert();
        a.rule = "ping @acme/oncall and \\@admin and &#64;root";
        a.tags = Map.of("transaction", "@admin");
        a.breadcrumbs = List.of(new Breadcrumb(TIME, "@ci-bot", "cc @alice", null));
        String body = body(a);

        assertThat(outsideCode(body)).doesNotContainPattern("@[A-Za-z0-9]").doesNotContain("&#64;");
        assertThat(body).contains("@\u200Dacme/oncall", "\\\\@\u200Dadmin", "&amp;#\u200D64;root", "| @\u200Dadmin |", "| @\u200Dci-bot | cc @\u200Dalice |");
    }

    @Test
    void leavesMentionsAloneInsideCodeWhereTheyCannotPing() {
        Alert a = alert();
        a.value = "@everyone look";
        a.culprit = "@team/x";
        String body = body(a);

        assertThat(body).contains("```text\nReferenceError: @everyone look\n```", "- **Culprit:** `@team/x`");
    }

    @Test
    void neutralisesIssueReferencesOutsideCode() {
        Alert a = alert();
        a.rule = "see #123 and octo/repo#9";
        assertThat(body(a)).contains("see #\u200D123 and octo/repo#\u200D9");
    }

    @Test
    void escapesHtmlOutsideCode() {
        Alert a = alert();
        a.rule = "<img src=x onerror=alert(1)>";
        a.tags = Map.of("os", "<details open>");
        a.breadcrumbs = List.of(new Breadcrumb(TIME, "ui", "<script>x</script>", null));
        String body = body(a);

        assertThat(outsideCode(body.substring(MARKER.length()))).doesNotContain("<", ">");
        assertThat(body).contains("&lt;img src=x onerror=alert(1)&gt;", "&lt;details open&gt;", "&lt;script&gt;x&lt;/script&gt;");
    }

    @Test
    void escapesMarkdownThatCouldAddLinksOrFormattingOutsideCode() {
        Alert a = alert();
        a.rule = "[click](https://evil.example) *bold* _it_ ~~gone~~ `code`";
        assertThat(body(a)).contains("- **Alert rule:** \\[click\\](https://evil.example) \\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`\n");
    }

    @Test
    void keepsBackticksInsideTheExceptionFromClosingItsFence() {
        Alert a = alert();
        a.value = "bad ``` input\n```\n@everyone";
        assertThat(body(a)).contains("````text\nReferenceError: bad ``` input\n```\n@everyone\n````\n");

        a.value = "`".repeat(10) + "\ndone";
        assertThat(body(a)).contains("\n" + "`".repeat(11) + "text\n");
        assertThat(openFenceAtEnd(body(a))).isNull();
    }

    @Test
    void keepsBackticksInASummaryValueFromClosingItsCodeSpan() {
        Alert a = alert();
        a.culprit = "a`b";
        assertThat(body(a)).contains("- **Culprit:** ``a`b``\n");

        a.culprit = "`x` @y";
        assertThat(body(a)).contains("- **Culprit:** `` `x` @y ``\n");
    }

    // --- size ---

    @Test
    void leavesABodyUnderTheLimitWhole() {
        Alert a = alert();
        a.value = "boom ".repeat(10_000);
        assertThat(body(a)).doesNotContain("truncated").contains("boom ".repeat(10_000));
    }

    @Test
    void truncatesAHugeBodyBelowGitHubsLimitKeepingTheMarkerAndClosingTheFence() {
        Alert a = alert();
        a.value = "boom ".repeat(20_000);
        String body = body(a);

        assertThat(body.length()).isLessThan(65_536);
        assertThat(body).startsWith(MARKER + "\n\n- **Level:** `error`\n")
                .contains("### Exception\n\n```text\nReferenceError: boom boom")
                .containsPattern("\n```\n\n_…truncated: [0-9]+ characters omitted._\n$");
        assertThat(openFenceAtEnd(body)).as("fences balanced").isNull();
    }

    @Test
    void countsTheCharactersItOmits() {
        String original = IssueRenderer.marker("1") + "\n\n````text\n" + "y".repeat(100_000) + "\n````\n";
        String truncated = IssueRenderer.truncate(original);
        String kept = truncated.substring(0, truncated.indexOf("\n````\n\n_…truncated"));

        assertThat(truncated.length()).isLessThanOrEqualTo(IssueRenderer.BODY_LIMIT);
        assertThat(original).startsWith(kept);
        assertThat(truncated).endsWith("_…truncated: " + (original.length() - kept.length()) + " characters omitted._\n");
    }

    @Test
    void cutsOutsideCodeOnlyAtALineEndSoNoCodeSpanIsLeftOpen() {
        String row = "- **Row:** `" + "@everyone <b> ".repeat(20) + "`\n";
        String truncated = IssueRenderer.truncate(IssueRenderer.marker("1") + "\n\n" + row.repeat(1_000));

        List<String> lines = truncated.lines().toList();
        assertThat(truncated.length()).isLessThanOrEqualTo(IssueRenderer.BODY_LIMIT);
        assertThat(lines.get(0)).isEqualTo(IssueRenderer.marker("1"));
        assertThat(lines.subList(2, lines.size() - 2)).allSatisfy(line -> assertThat(line + "\n").isEqualTo(row));
        assertThat(lines.get(lines.size() - 2)).isEmpty();
        assertThat(lines.get(lines.size() - 1)).matches("_…truncated: [0-9]+ characters omitted._");
    }

    @Test
    void aThousandTagsKeptForRoutingDoNotGrowTheBodyAndShownOnesAreCutAtTheirCell() {
        Alert a = alert();
        a.value = null;
        a.type = null;
        a.tags = new LinkedHashMap<>();
        IntStream.range(0, 1_000).forEach(i -> a.tags.put("tag" + i, "@v|<" + "w".repeat(400)));
        a.tags.put("transaction", "@v|<" + "w".repeat(400));
        String body = body(a);

        assertThat(body.length()).isLessThan(5_000);
        assertThat(body).doesNotContain("| tag");
        assertThat(body.lines().filter(l -> l.startsWith("| transaction"))).singleElement().satisfies(l -> assertThat(l).endsWith("… |"));
        assertThat(outsideCode(body)).doesNotContainPattern("@[A-Za-z0-9]");
    }

    @Test
    void staysBelowTheLimitWhenTheFenceToCloseIsLong() {
        Alert a = alert();
        a.value = "`".repeat(5_000) + "\n" + "boom ".repeat(20_000);
        String body = body(a);

        assertThat(body.length()).isLessThan(65_536);
        assertThat(body).startsWith(MARKER).contains("\n" + "`".repeat(17) + "\n\n_…truncated:");
        assertThat(openFenceAtEnd(body)).isNull();
    }

    @Test
    void shortensAnExceptionThatIsOneHugeBacktickRunAndKeepsTheRestOfTheBody() {
        Alert a = alert();
        a.value = "`".repeat(70_000);
        String body = body(a);

        assertThat(body.length()).isLessThan(5_000);
        assertThat(body).startsWith(MARKER + "\n").doesNotContain("truncated")
                .contains("ReferenceError: " + "`".repeat(16) + "…", "### Stack trace", "app/pay.js:42 in charge", "| os.name | Linux |",
                        "_Opened by sentry-github-bridge");
        assertThat(IssueRenderer.markedKey(body)).contains("1117540176");
        assertThat(openFenceAtEnd(body)).isNull();
    }

    @Test
    void removesControlAndBidiCharactersAndNeutralisesMentionsAndReferencesInTheTitle() {
        Alert a = alert();
        a.type = "Error\u0000\u0007\u001B[31m";
        a.value = "pay \u202Eevil\u202C @acme/oncall see #1 and @bob";
        String title = title(a);

        assertThat(title).doesNotContainPattern("[\\p{Cc}\u202A-\u202E\u2066-\u2069]")
                .doesNotContainPattern("@[A-Za-z0-9]").doesNotContainPattern("#[0-9]")
                .startsWith("[error] Error[31m: pay evil").contains("@\u200Dacme/oncall", "#\u200D1");
    }

    @Test
    void removesBidiControlsInsideFencedBlocksButKeepsTheirLines() {
        Alert a = alert();
        a.message = "line one \u202Eenil\u202C\r\nline two\u0000";
        a.type = null;
        a.value = null;
        assertThat(body(a)).contains("```text\nline one enil\nline two\n```");
    }

    @Test
    void neverSplitsASurrogatePairWhenTruncating() {
        // one extra character moves the cut from between two emoji into the middle of one
        for (String shift : List.of("", "x")) {
            Alert a = alert();
            a.value = shift + "🚀".repeat(40_000);
            String body = body(a);

            assertThat(body.length()).isLessThan(65_536);
            assertThat(hasLoneSurrogate(body)).isFalse();
        }
    }

    // --- text that must survive, and text that must not appear ---

    @Test
    void keepsNonAsciiTextIntact() {
        Alert a = alert();
        a.value = "Ünïcödé 日本語 🚀";
        a.message = "Ошибка: ¿qué? — ∑";
        a.culprit = "café.handler";
        a.breadcrumbs = List.of(new Breadcrumb(TIME, "ui", "ß → 東京", null));
        a.tags = Map.of("os.name", "Windows ™");
        IssueDraft draft = render(a);

        assertThat(draft.title()).isEqualTo("[error] ReferenceError: Ünïcödé 日本語 🚀");
        assertThat(draft.body()).contains("ReferenceError: Ünïcödé 日本語 🚀\n", "Ошибка: ¿qué? — ∑\n", "`café.handler`", "| ß → 東京 |",
                "| Windows ™ |");
    }

    @Test
    void leavesOutWhatIsMissingAndNeverWritesNull() {
        Alert bare = alert();
        bare.issueId = null;
        bare.shortId = null;
        bare.level = null;
        bare.title = null;
        bare.type = null;
        bare.value = null;
        bare.culprit = null;
        bare.environment = null;
        bare.release = null;
        bare.eventTime = null;
        bare.eventUrl = null;
        bare.issueUrl = null;
        bare.project = null;
        bare.rule = null;
        bare.frames = null;
        bare.breadcrumbs = null;
        bare.tags = null;
        IssueDraft draft = render(bare);

        assertThat(draft.title()).isEqualTo("[error] Sentry issue 1117540176");
        assertThat(draft.body()).isEqualTo(MARKER + "\n\n- **Level:** `error`\n\n---\n_Opened by sentry-github-bridge from a Sentry alert._\n");
    }

    @Test
    void treatsBlankTextAndEmptyCollectionsAsMissing() {
        Alert blank = alert();
        blank.shortId = "";
        blank.culprit = " ";
        blank.environment = "\n";
        blank.release = "\t";
        blank.project = "";
        blank.rule = "";
        blank.message = "  ";
        blank.description = "";
        blank.type = "";
        blank.value = " ";
        blank.frames = List.of(new Frame(null, null, " ", true));
        blank.breadcrumbs = List.of();
        blank.tags = Map.of();
        String body = body(blank);

        assertThat(body).doesNotContain("null", "``", "###", "Culprit", "Environment", "Release", "Project", "Alert rule")
                .contains("- **Sentry issue:** `1117540176`\n");
    }

    // --- comment ---

    @Test
    void writesAShortUpdateComment() {
        CommentDraft comment = renderer.renderComment(alert().build(), 17, Instant.parse("2026-11-22T03:00:00Z"));

        assertThat(comment.body()).isEqualTo(MARKER + "\n\n"
                + "**17 more events** since 2026-11-22T03:00:00Z.\n\n"
                + "- **Latest event:** 2026-11-22T09:30:15.123Z\n"
                + "- **Release:** `shop@1.2.3`\n"
                + "- **Environment:** `production`\n"
                + "\n[View the latest event in Sentry](" + EVENT_URL + ")\n");
    }

    @Test
    void saysEventInTheSingularForOneEvent() {
        assertThat(renderer.renderComment(alert().build(), 1, TIME).body()).contains("**1 more event** since 2026-11-22T09:30:15.123Z.");
    }

    @Test
    void commentsWithoutWhatTheLatestEventDoesNotCarry() {
        Alert a = alert();
        a.eventUrl = null;
        a.eventTime = null;
        a.release = null;
        a.environment = " ";
        String body = renderer.renderComment(a.build(), 3, TIME).body();

        assertThat(body).isEqualTo(MARKER + "\n\n**3 more events** since 2026-11-22T09:30:15.123Z.\n\n");
        assertThat(IssueRenderer.markedKey(body)).contains("1117540176");
    }

    // --- labels ---

    @Test
    void copiesTheLabelsItIsGivenIntoAnImmutableList() {
        List<String> labels = new ArrayList<>(List.of("agent:builder", "sentry"));
        IssueDraft draft = renderer.render(alert().build(), labels, null);
        labels.add("later");

        assertThat(draft.labels()).containsExactly("agent:builder", "sentry");
        assertThatThrownBy(() -> draft.labels().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    // --- helpers ---

    private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,})[^`]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(?<!`)(`+)(?!`).*?(?<!`)\\1(?!`)");

    /** The fence still open at the end of a Markdown text by CommonMark's rules, or null when all are closed. */
    static String openFenceAtEnd(String markdown) {
        String open = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher m = FENCE_OPEN.matcher(line);
            if (open == null && m.matches()) {
                open = m.group(1);
            } else if (open != null && line.strip().matches("`{" + open.length() + ",}")) {
                open = null;
            }
        }
        return open;
    }

    /** The Markdown text left once fenced blocks and code spans are taken out: what GitHub would treat as text. */
    static String outsideCode(String markdown) {
        StringBuilder text = new StringBuilder();
        String open = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher m = FENCE_OPEN.matcher(line);
            if (open == null && m.matches()) {
                open = m.group(1);
            } else if (open != null) {
                if (line.strip().matches("`{" + open.length() + ",}")) {
                    open = null;
                }
            } else {
                text.append(CODE_SPAN.matcher(line).replaceAll("")).append('\n');
            }
        }
        return text.toString();
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
