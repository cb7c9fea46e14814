package io.github.sentrygithubbridge.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.sentrygithubbridge.sentry.SentryAlert.Breadcrumb;
import io.github.sentrygithubbridge.sentry.SentryAlert.Frame;
import io.github.sentrygithubbridge.sentry.SentryAlert.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SentryAlertNormaliserTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What each fixture under /sentry must become, with its Sentry-Hook-Resource; a new fixture needs a line here. */
    static final Map<String, Expected> FIXTURES = Map.ofEntries(
            expect("error_created.sentry-docs.json", "error", Kind.EVENT, "1170820242"),
            expect("event_alert_triggered.sentry-docs.json", "event_alert", Kind.EVENT, "1117540176"),
            expect("event_alert_with_secrets.json", "event_alert", Kind.EVENT, "777000111"),
            expect("issue_created.sentry-docs.json", "issue", Kind.ISSUE, "1234567890"),
            expect("metric_alert_resolved.sentry-docs.json", "metric_alert", Kind.NONE, "metric-alert:7:1"),
            expect("integration-platform-example/comment_created.json", "comment", Kind.NONE, "123"),
            expect("integration-platform-example/comment_deleted.json", "comment", Kind.NONE, "123"),
            expect("integration-platform-example/comment_updated.json", "comment", Kind.NONE, "123"),
            expect("integration-platform-example/event_alert_triggered.json", "event_alert", Kind.EVENT, "123"),
            expect("integration-platform-example/event_alert_triggered__with_alert_rule_action.json", "event_alert", Kind.EVENT, "123"),
            expect("integration-platform-example/installation_created.json", "installation", Kind.NONE, null),
            expect("integration-platform-example/installation_deleted.json", "installation", Kind.NONE, null),
            expect("integration-platform-example/issue_assigned.json", "issue", Kind.NONE, "123"),
            expect("integration-platform-example/issue_created.json", "issue", Kind.ISSUE, "123"),
            expect("integration-platform-example/issue_ignored.json", "issue", Kind.NONE, "123"),
            expect("integration-platform-example/issue_resolved.json", "issue", Kind.NONE, "123"),
            expect("integration-platform-example/metric_alert_critical.json", "metric_alert", Kind.METRIC, "metric-alert:456:789"),
            expect("integration-platform-example/metric_alert_critical__with_alert_rule_action.json", "metric_alert", Kind.METRIC,
                    "metric-alert:456:789"),
            expect("integration-platform-example/metric_alert_resolved.json", "metric_alert", Kind.NONE, "metric-alert:456:789"),
            expect("integration-platform-example/metric_alert_warning.json", "metric_alert", Kind.METRIC, "metric-alert:456:789"),
            expect("integration-platform-example/metric_alert_warning__with_alert_rule_action.json", "metric_alert", Kind.METRIC,
                    "metric-alert:456:789"));

    record Expected(String resource, Kind kind, String key) {
    }

    static Map.Entry<String, Expected> expect(String file, String resource, Kind kind, String key) {
        return Map.entry(file, new Expected(resource, kind, key));
    }

    final SentryAlertNormaliser normaliser = new SentryAlertNormaliser();

    // ---- every fixture ----

    static Stream<String> fixtureFiles() {
        try {
            Path root = Path.of(SentryAlertNormaliserTest.class.getResource("/sentry").toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.toString().endsWith(".json"))
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .sorted()
                        .toList()
                        .stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void hasAnExpectationForEveryFixtureFileAndAFileForEveryExpectation() {
        assertThat(fixtureFiles().collect(Collectors.toSet())).isEqualTo(FIXTURES.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void normalisesEveryFixtureToItsKindAndKey(String file) {
        Expected expected = FIXTURES.get(file);
        assertThat(expected).as("expectation for fixture %s", file).isNotNull();

        SentryAlert alert = fixture(expected.resource(), file);

        assertThat(alert.resource()).isEqualTo(expected.resource());
        assertThat(alert.kind()).isEqualTo(expected.kind());
        assertThat(alert.key()).isEqualTo(expected.key());
        assertThat(alert.level()).isNotNull();
        assertThat(alert.frames()).isNotNull();
        assertThat(alert.breadcrumbs()).isNotNull();
        assertThat(alert.tags()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void filesTheSameKindOfEveryFixtureWithoutTheResourceHeader(String file) {
        SentryAlert alert = fixture(null, file);

        assertThat(alert.kind()).isEqualTo(FIXTURES.get(file).kind());
        assertThat(alert.resource()).isIn(FIXTURES.get(file).resource(), "unknown");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureFiles")
    void returnsImmutableCollections(String file) {
        SentryAlert alert = fixture(FIXTURES.get(file).resource(), file);

        assertThatThrownBy(() -> alert.frames().add(new Frame("x", 1, "f", true))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> alert.breadcrumbs().add(new Breadcrumb(null, null, null, null)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> alert.tags().put("user", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- the documented payloads ----

    @Test
    void readsTheDocumentedEventAlert() {
        SentryAlert alert = fixture("event_alert", "event_alert_triggered.sentry-docs.json");

        assertThat(alert.action()).isEqualTo("triggered");
        assertThat(alert.sentryIssueId()).isEqualTo("1117540176");
        assertThat(alert.eventId()).isEqualTo("e4874d664c3540c1a32eab185f12c5ab");
        assertThat(alert.level()).isEqualTo(Level.ERROR);
        assertThat(alert.title()).isEqualTo("ReferenceError: heck is not defined");
        assertThat(alert.exceptionType()).isEqualTo("ReferenceError");
        assertThat(alert.exceptionValue()).isEqualTo("heck is not defined");
        assertThat(alert.message()).isNull();
        assertThat(alert.culprit()).isEqualTo("?(<anonymous>)");
        assertThat(alert.environment()).isNull();
        assertThat(alert.release()).isNull();
        assertThat(alert.project()).isEqualTo("1");
        assertThat(alert.eventTime()).isEqualTo(Instant.parse("2019-08-19T21:06:17.677Z"));
        assertThat(alert.eventUrl()).isEqualTo("https://sentry.io/organizations/test-org/issues/1117540176/events/e4874d664c3540c1a32eab185f12c5ab/");
        assertThat(alert.issueUrl()).isEqualTo("https://sentry.io/organizations/test-org/issues/1117540176/");
        assertThat(alert.triggeredRule()).isEqualTo("Very Important Alert Rule!");
        assertThat(alert.frames()).containsExactly(
                new Frame("<anonymous>", 3, null, false),
                new Frame("/js/prod/runner-4.1.7.min.js", 1, null, false),
                new Frame("/js/prod/runner-4.1.7.min.js", 1, null, false));
        assertThat(alert.breadcrumbs()).isEmpty();
        assertThat(alert.tags()).containsExactly(
                Map.entry("browser", "Chrome 75.0.3770"), Map.entry("browser.name", "Chrome"), Map.entry("handled", "no"),
                Map.entry("level", "error"), Map.entry("mechanism", "onerror"), Map.entry("os", "Mac OS X 10.14.0"),
                Map.entry("os.name", "Mac OS X"), Map.entry("url", "https://null.jsbin.com/runner"));
        assertThat(alert.toString()).doesNotContain("162.217.75.90");
    }

    @Test
    void readsTheDocumentedErrorCreated() {
        SentryAlert alert = fixture("error", "error_created.sentry-docs.json");

        assertThat(alert.kind()).isEqualTo(Kind.EVENT);
        assertThat(alert.action()).isEqualTo("created");
        assertThat(alert.sentryIssueId()).isEqualTo("1170820242");
        assertThat(alert.eventId()).isEqualTo("bb78c1407cea4519aa397afc059c793d");
        assertThat(alert.exceptionType()).isEqualTo("ReferenceError");
        assertThat(alert.exceptionValue()).isEqualTo("blooopy is not defined");
        assertThat(alert.culprit()).isEqualTo("?(runner)");
        assertThat(alert.eventTime()).isEqualTo(Instant.parse("2019-08-19T20:58:37.391Z"));
        assertThat(alert.issueUrl()).isEqualTo("https://sentry.io/organizations/test-org/issues/1170820242/");
        assertThat(alert.triggeredRule()).isNull();
        assertThat(alert.frames()).containsExactly(new Frame("/runner", 3, null, false));
        assertThat(alert.tags()).containsOnlyKeys("browser", "browser.name", "handled", "level", "mechanism", "os", "os.name", "url");
        // request headers, the user tag and the user's address stay behind
        assertThat(alert.toString()).doesNotContain("162.218.85.90", "162.217.75.90", "Mozilla", "<meta charset");
    }

    @Test
    void readsTheDocumentedIssueCreated() {
        SentryAlert alert = fixture("issue", "issue_created.sentry-docs.json");

        assertThat(alert.kind()).isEqualTo(Kind.ISSUE);
        assertThat(alert.sentryIssueId()).isEqualTo("1234567890");
        assertThat(alert.shortId()).isEqualTo("PYTHON-Y");
        assertThat(alert.level()).isEqualTo(Level.FATAL);
        assertThat(alert.title()).isEqualTo("Error generated with event_id: 495d375a-1df6-45c0-9890-34dae8e1b6a4(Priority: HIGH)");
        assertThat(alert.culprit()).isEqualTo("test-transaction-0-41e49cd3-7252-441f-8d27-63a9ad697b0a");
        assertThat(alert.project()).isEqualTo("python");
        assertThat(alert.eventTime()).isEqualTo(Instant.parse("2025-11-10T20:56:00.738Z"));
        assertThat(alert.issueUrl()).isEqualTo("https://example-org.sentry.io/issues/1234567890/");
        assertThat(alert.eventUrl()).isNull();
        assertThat(alert.eventId()).isNull();
        assertThat(alert.frames()).isEmpty();
    }

    @Test
    void readsTheDocumentedMetricAlertResolvedWithoutFilingIt() {
        SentryAlert alert = fixture("metric_alert", "metric_alert_resolved.sentry-docs.json");

        assertThat(alert.kind()).isEqualTo(Kind.NONE);
        assertThat(alert.action()).isEqualTo("resolved");
        assertThat(alert.key()).isEqualTo("metric-alert:7:1");
        assertThat(alert.sentryIssueId()).isNull();
        assertThat(alert.title()).isEqualTo("Resolved: Too many errors");
        assertThat(alert.project()).isEqualTo("bar");
        assertThat(alert.triggeredRule()).isEqualTo("Too many errors");
        assertThat(alert.environment()).isNull();
        assertThat(alert.eventTime()).isEqualTo(Instant.parse("2020-09-13T12:26:40Z"));
        assertThat(alert.issueUrl()).isEqualTo("https://sentry.io/organizations/baz/alerts/1/");
        // the documented text holds a literal backslash-n: kept as sent
        assertThat(alert.description()).isEqualTo("1000 events in the last 10 minutes\\nFilter: level:error");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "metric_alert_critical.json,                          FATAL",
            "metric_alert_critical__with_alert_rule_action.json,  FATAL",
            "metric_alert_warning.json,                           WARNING",
            "metric_alert_warning__with_alert_rule_action.json,   WARNING"})
    void filesRaisedMetricAlertsWithTheActionAsTheLevel(String file, Level level) {
        SentryAlert alert = fixture("metric_alert", "integration-platform-example/" + file);

        assertThat(alert.kind()).isEqualTo(Kind.METRIC);
        assertThat(alert.level()).isEqualTo(level);
        // no identifier in these mocks: the incident id stands in
        assertThat(alert.key()).isEqualTo("metric-alert:456:789");
        assertThat(alert.title()).isEqualTo("metric alert");
        assertThat(alert.description()).isEqualTo("5 events in the last 10 minutes");
        assertThat(alert.triggeredRule()).isEqualTo("metric alert");
        assertThat(alert.sentryIssueId()).isNull();
        assertThat(alert.project()).isNull();
    }

    @Test
    void readsAMetricAlertsIdentifierEnvironmentProjectAndTimes() {
        SentryAlert alert = inline("metric_alert", """
                {'action':'critical','data':{'description_title':'Too many 500s','description_text':'42 errors',
                  'web_url':'https://sentry.io/organizations/acme/alerts/rules/details/7/',
                  'metric_alert':{'id':'99','identifier':'12','title':'Marmot','projects':['shop','api'],
                    'date_detected':'2024-05-01T10:00:00Z','alert_rule':{'id':7,'name':'5xx rate','environment':'production'}}}}
                """);

        assertThat(alert.key()).isEqualTo("metric-alert:7:12");
        assertThat(alert.level()).isEqualTo(Level.FATAL);
        assertThat(alert.title()).isEqualTo("Too many 500s");
        assertThat(alert.environment()).isEqualTo("production");
        assertThat(alert.project()).isEqualTo("shop");
        assertThat(alert.eventTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(alert.issueUrl()).isEqualTo("https://sentry.io/organizations/acme/alerts/rules/details/7/");
    }

    @Test
    void readsTheMinimalEventAlertMocks() {
        SentryAlert plain = fixture("event_alert", "integration-platform-example/event_alert_triggered.json");
        SentryAlert withAction = fixture("event_alert", "integration-platform-example/event_alert_triggered__with_alert_rule_action.json");

        // the mock has no level: Sentry's default
        assertThat(plain.level()).isEqualTo(Level.ERROR);
        assertThat(withAction.exceptionType()).isEqualTo("Another Error #1");
        assertThat(withAction.exceptionValue()).isEqualTo("This is a test error!");
        assertThat(withAction.environment()).isEqualTo("production");
        assertThat(withAction.triggeredRule()).isEqualTo("issue alert");
        assertThat(withAction.issueUrl()).isEqualTo("https://sentry.io/organizations/lxyz/issues/123/");
        assertThat(withAction.breadcrumbs()).isEmpty();
    }

    @Test
    void namesTheSentryIssueOfDeliveriesItDoesNotFile() {
        SentryAlert resolved = fixture("issue", "integration-platform-example/issue_resolved.json");
        SentryAlert comment = fixture("comment", "integration-platform-example/comment_created.json");
        SentryAlert otherAction = inline("event_alert", "{'action':'something-new','data':{'event':{'issue_id':'9','title':'Boom'}}}");

        assertThat(resolved.kind()).isEqualTo(Kind.NONE);
        assertThat(resolved.sentryIssueId()).isEqualTo("123");
        assertThat(resolved.title()).isEqualTo("Error #1: This is a test error!");
        assertThat(comment.sentryIssueId()).isEqualTo("123");
        assertThat(otherAction.kind()).isEqualTo(Kind.NONE);
        assertThat(otherAction.sentryIssueId()).isEqualTo("9");
        assertThat(otherAction.title()).isEqualTo("Boom");
    }

    @Test
    void doesNotFileOtherActionsEvenWhenTheirObjectIsMissing() {
        assertThat(inline("issue", "{'action':'resolved','data':{'issue_id':'5'}}").sentryIssueId()).isEqualTo("5");
        assertThat(inline("metric_alert", "{'action':'resolved','data':{}}").kind()).isEqualTo(Kind.NONE);
        assertThat(inline("error", "{'action':'deleted','data':{}}").kind()).isEqualTo(Kind.NONE);
    }

    // ---- traps from SENTRY.md ----

    @Test
    void takesTheIssueIdFromIssueUrlWhenIssueIdIsMissing() {
        SentryAlert alert = inline("event_alert", "{'action':'triggered','data':{'event':{'issue_url':'https://sentry.io/api/0/issues/555/'}}}");

        assertThat(alert.sentryIssueId()).isEqualTo("555");
        assertThat(alert.key()).isEqualTo("555");
    }

    @Test
    void takesTheIssueIdFromWebUrlWhenIssueIdAndIssueUrlAreMissing() {
        SentryAlert alert = inline("event_alert",
                "{'action':'triggered','data':{'event':{'web_url':'https://sentry.io/organizations/o/issues/666/events/x/'}}}");

        assertThat(alert.sentryIssueId()).isEqualTo("666");
        assertThat(alert.issueUrl()).isEqualTo("https://sentry.io/organizations/o/issues/666/");
    }

    @Test
    void holdsAnIdFromALinkToTheSameTwentyDigitsAsIssueId() {
        String tooLong = "1".repeat(21);
        SentryAlert alert = inline("event_alert", "{'action':'triggered','data':{'event':{'event_id':'abc','issue_url':'https://sentry.io/api/0/issues/"
                + "9".repeat(10_000) + "/','web_url':'https://sentry.io/organizations/o/issues/" + tooLong + "/events/x/'}}}");

        assertThat(alert.sentryIssueId()).isNull();
        assertThat(alert.key()).isEqualTo("event:abc");
        assertThat(alert.issueUrl()).isNull();
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_url':'https://sentry.io/api/0/issues/"
                + "1".repeat(20) + "/'}}}").sentryIssueId()).isEqualTo("1".repeat(20));
    }

    @Test
    void readsANumericIssueIdAsText() {
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':777}}}").sentryIssueId()).isEqualTo("777");
    }

    @Test
    void ignoresAnIssueIdThatIsNotANumberAndFallsBackToTheLinks() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1 --> <b>x</b>','issue_url':'https://sentry.io/api/0/issues/42/'}}}
                """);

        assertThat(alert.key()).isEqualTo("42");
    }

    @Test
    void keysOnTheEventIdWhenNoIssueIsNamed() {
        SentryAlert alert = inline("error", "{'action':'created','data':{'error':{'event_id':'abc123'}}}");

        assertThat(alert.key()).isEqualTo("event:abc123");
        assertThat(alert.sentryIssueId()).isNull();
    }

    @Test
    void leavesTheKeyEmptyWhenTheEventIdIsNotAPlainToken() {
        assertThat(inline("error", "{'action':'created','data':{'error':{'event_id':'a b -->'}}}").key()).isNull();
    }

    @Test
    void doesNotLinkToAnotherIssueThanTheOneNamed() {
        // the fixture's web_url points at 1117540176, its issue_id at 777000111
        assertThat(fixture("event_alert", "event_alert_with_secrets.json").issueUrl()).isNull();
    }

    @Test
    void takesTheMainExceptionFromTheLastValue() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','metadata':{'type':'MetaType','value':'meta'},
                  'exception':{'values':[
                    {'type':'RootCause','value':'first','stacktrace':{'frames':[{'filename':'root.py','lineno':1}]}},
                    {'type':'MainError','value':'last','stacktrace':{'frames':[{'filename':'main.py','lineno':2}]}}]}}}}
                """);

        assertThat(alert.exceptionType()).isEqualTo("MainError");
        assertThat(alert.exceptionValue()).isEqualTo("last");
        assertThat(alert.frames()).extracting(Frame::filename).containsExactly("main.py");
    }

    @Test
    void fallsBackToTheMetadataForTheExceptionTypeAndValue() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','metadata':{'type':'MetaType','value':'meta'}}}}
                """);

        assertThat(alert.exceptionType()).isEqualTo("MetaType");
        assertThat(alert.exceptionValue()).isEqualTo("meta");
    }

    @Test
    void putsTheCrashingFrameFirst() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','exception':{'values':[{'type':'E','stacktrace':{'frames':[
                  {'filename':'a.py','lineno':1,'function':'outer','in_app':true},
                  {'filename':'b.py','lineno':2,'function':'middle','in_app':false},
                  {'filename':'c.py','lineno':3,'function':'crash','in_app':true}]}}]}}}}
                """);

        assertThat(alert.frames()).containsExactly(new Frame("c.py", 3, "crash", true), new Frame("b.py", 2, "middle", false),
                new Frame("a.py", 1, "outer", true));
    }

    @Test
    void keepsFramesWithANullFunctionAndNoInAppFlag() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','exception':{'values':[{'type':'E','stacktrace':{'frames':[
                  {'filename':'b.js','lineno':2,'function':null,'in_app':null},
                  {'abs_path':'https://cdn.example/app.js','lineno':'7'},
                  {'module':'app.util'}]}}]}}}}
                """);

        assertThat(alert.frames()).containsExactly(new Frame("app.util", null, null, false),
                new Frame("https://cdn.example/app.js", 7, null, false), new Frame("b.js", 2, null, false));
    }

    @Test
    void readsAMessageEventWithOnlyATopLevelStacktraceAndLogentry() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','title':'Payment failed',
                  'logentry':{'formatted':'Payment 42 failed','message':'Payment %s failed'},
                  'stacktrace':{'frames':[{'filename':'pay.py','lineno':10,'function':'pay','in_app':true},
                                          {'filename':'log.py','lineno':20,'function':'log'}]}}}}
                """);

        assertThat(alert.kind()).isEqualTo(Kind.EVENT);
        assertThat(alert.exceptionType()).isNull();
        assertThat(alert.exceptionValue()).isNull();
        assertThat(alert.message()).isEqualTo("Payment 42 failed");
        assertThat(alert.frames()).containsExactly(new Frame("log.py", 20, "log", false), new Frame("pay.py", 10, "pay", true));
    }

    @Test
    void readsTheMessageFromLogentryMessageThenTheMessageField() {
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':'1','logentry':{'message':'raw %s'}}}}")
                .message()).isEqualTo("raw %s");
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':'1','message':'plain text'}}}")
                .message()).isEqualTo("plain text");
    }

    @Test
    void takesEnvironmentAndReleaseFromTagsWhenMissingAtTopLevel() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','environment':null,
                  'tags':[['environment','production'],['release','shop@1.2.3'],['level','warning']]}}}
                """);

        assertThat(alert.environment()).isEqualTo("production");
        assertThat(alert.release()).isEqualTo("shop@1.2.3");
        assertThat(alert.level()).isEqualTo(Level.WARNING);
    }

    @Test
    void prefersTheTopLevelEnvironmentReleaseAndLevelOverTags() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','environment':'staging','release':'2.0','level':'fatal',
                  'tags':[['environment','production'],['release','1.0'],['level','info']]}}}
                """);

        assertThat(alert.environment()).isEqualTo("staging");
        assertThat(alert.release()).isEqualTo("2.0");
        assertThat(alert.level()).isEqualTo(Level.FATAL);
    }

    @Test
    void readsAReleaseObjectAndTagsAsKeyValueObjectsOrAPlainObject() {
        SentryAlert keyValue = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','release':{'version':'2.0.0'},
                  'tags':[{'key':'os.name','value':'Linux'},{'key':'user.email','value':'a@b.c'}]}}}
                """);
        SentryAlert plain = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','tags':{'runtime':'CPython 3.12','ip':'10.0.0.1'}}}}
                """);

        assertThat(keyValue.release()).isEqualTo("2.0.0");
        assertThat(keyValue.tags()).containsExactly(Map.entry("os.name", "Linux"));
        assertThat(plain.tags()).containsExactly(Map.entry("runtime", "CPython 3.12"));
    }

    @Test
    void keepsTheTagsThatAreNotPersonalForRoutesToChooseBy() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','tags':[
                  ['user','id:42'],['user.email','u@example.com'],['user.ip','10.1.1.1'],['ip','10.2.2.2'],['email','e@example.com'],
                  ['customer','ACME-TOP-SECRET'],['server_name','web-1'],['transaction','/checkout'],['logger','app'],
                  ['device.family','iPhone'],['runtime.name','node']]}}}
                """);

        assertThat(alert.tags()).containsOnlyKeys("customer", "server_name", "transaction", "logger", "device.family", "runtime.name");
        assertThat(alert.toString()).doesNotContain("id:42", "u@example.com", "10.1.1.1", "10.2.2.2", "e@example.com");
    }

    @Test
    void stripsTheQueryAndFragmentFromTheUrlTag() {
        SentryAlert query = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','tags':[['url','https://shop.example/pay?token=abc#frag']]}}}
                """);
        SentryAlert fragment = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','tags':[['url','https://shop.example/pay#token=abc?x']]}}}
                """);

        assertThat(query.tags()).containsEntry("url", "https://shop.example/pay");
        assertThat(fragment.tags()).containsEntry("url", "https://shop.example/pay");
        assertThat(query.toString() + fragment).doesNotContain("token=abc");
    }

    @Test
    void neverKeepsFrameVarsRequestUserOrBreadcrumbData() {
        SentryAlert alert = fixture("event_alert", "event_alert_with_secrets.json");

        assertThat(alert.toString()).doesNotContain("ghp_VARSECRET_0001", "abc123secretkey", "COOKIESECRET_0002", "HEADERSECRET_0003",
                "DATASECRET_0004", "victim@example.com", "203.0.113.77", "CRUMBSECRET_0005", "4111111111111111", "162.217.75.90");
        assertThat(alert.breadcrumbs()).containsExactly(
                new Breadcrumb(Instant.parse("2019-08-19T21:06:17.500Z"), "http", "POST /pay", null));
    }

    @Test
    void neverKeepsSecretsFromAnInlineEvent() {
        SentryAlert alert = inline("error", """
                {'action':'created','data':{'error':{'issue_id':'1',
                  'exception':{'values':[{'type':'E','stacktrace':{'frames':[
                    {'filename':'a.py','lineno':1,'vars':{'password':'VAR_SECRET'},'context_line':'token = CONTEXT_SECRET',
                     'pre_context':['PRE_SECRET'],'post_context':['POST_SECRET']}]}}]},
                  'request':{'cookies':{'sid':'COOKIE_SECRET'},'headers':[['Authorization','HEADER_SECRET']],
                             'query_string':'q=QUERY_SECRET'},
                  'user':{'email':'someone@example.org','ip_address':'198.51.100.9'},
                  'extra':{'apiKey':'EXTRA_SECRET'},
                  'breadcrumbs':[{'category':'auth','message':'login','data':{'token':'CRUMB_SECRET'}}]}}}
                """);

        assertThat(alert.frames()).containsExactly(new Frame("a.py", 1, null, false));
        assertThat(alert.toString()).doesNotContain("VAR_SECRET", "CONTEXT_SECRET", "PRE_SECRET", "POST_SECRET", "COOKIE_SECRET",
                "HEADER_SECRET", "QUERY_SECRET", "someone@example.org", "198.51.100.9", "EXTRA_SECRET", "CRUMB_SECRET");
    }

    @Test
    void keepsTheLastTenBreadcrumbsOldestFirst() {
        String crumbs = IntStream.rangeClosed(1, 15)
                .mapToObj(i -> "{'timestamp':" + (1566248000 + i) + ",'category':'c','message':'m" + i + "','level':'info'}")
                .collect(Collectors.joining(","));
        SentryAlert alert = inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':'1','breadcrumbs':{'values':[" + crumbs + "]}}}}");

        assertThat(alert.breadcrumbs()).extracting(Breadcrumb::message)
                .containsExactly("m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14", "m15");
        assertThat(alert.breadcrumbs().get(0)).isEqualTo(new Breadcrumb(Instant.ofEpochSecond(1566248006), "c", "m6", "info"));
    }

    @Test
    void readsBreadcrumbsAsAPlainArrayWithIsoTimesAndTheTypeWhenThereIsNoMessage() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','breadcrumbs':[
                  {'timestamp':'2024-05-01T10:00:00.250Z','category':'navigation','type':'navigation','data':{'from':'/a','to':'/b'}},
                  'not a crumb',
                  {'timestamp':'yesterday','message':'odd time'}]}}}
                """);

        assertThat(alert.breadcrumbs()).containsExactly(
                new Breadcrumb(Instant.parse("2024-05-01T10:00:00.250Z"), "navigation", "navigation", null),
                new Breadcrumb(null, null, "odd time", null));
    }

    @Test
    void keepsNonAsciiTextIntact() {
        SentryAlert escaped = fixture("event_alert", "event_alert_with_secrets.json");
        SentryAlert raw = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','title':'Ünïcödé 日本語 🚀',
                  'logentry':{'formatted':'Zahlung für 🚀 fehlgeschlagen'},'tags':[['transaction','/bestellung/übersicht']]}}}
                """);

        assertThat(escaped.exceptionValue()).isEqualTo("Zahlung fehlgeschlagen: Ünïcödé 日本語 🚀 @acme/oncall <script>alert(1)</script>");
        assertThat(raw.title()).isEqualTo("Ünïcödé 日本語 🚀");
        assertThat(raw.message()).isEqualTo("Zahlung für 🚀 fehlgeschlagen");
        assertThat(raw.tags()).containsEntry("transaction", "/bestellung/übersicht");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'2019-08-19T21:06:17.677000Z'       | 2019-08-19T21:06:17.677Z",
            "'2025-11-10T20:56:00.738000+02:00'  | 2025-11-10T18:56:00.738Z",
            "'2019-08-19T21:06:17'               | 2019-08-19T21:06:17Z",
            "'2019-08-19T21:06Z'                 | 2019-08-19T21:06:00Z",
            "1566248777.5                        | 2019-08-19T21:06:17.500Z",
            "'1566248777'                        | 2019-08-19T21:06:17Z"})
    void readsEventTimesAsIsoTextOrEpochSeconds(String datetime, Instant expected) {
        SentryAlert alert = inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':'1','datetime':" + datetime + "}}}");

        assertThat(alert.eventTime()).isEqualTo(expected);
    }

    @Test
    void fallsBackToTheTimestampAndGivesUpQuietlyOnNonsense() {
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':'1','timestamp':1566248777}}}").eventTime())
                .isEqualTo(Instant.ofEpochSecond(1566248777));
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':'1','datetime':'soon','timestamp':[1]}}}")
                .eventTime()).isNull();
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':'1','datetime':1e400}}}").eventTime()).isNull();
    }

    @Test
    void takesTheTriggeredRuleOrElseTheIssueAlertTitle() {
        assertThat(inline("event_alert", "{'action':'triggered','data':{'triggered_rule':'','event':{'issue_id':'1'}}}").triggeredRule())
                .isNull();
        assertThat(inline("event_alert",
                "{'action':'triggered','data':{'triggered_rule':'','issue_alert':{'title':'Checkout errors'},'event':{'issue_id':'1'}}}")
                .triggeredRule()).isEqualTo("Checkout errors");
    }

    // ---- the delivery as a whole ----

    @Test
    void refusesABodyThatIsNotAJsonObject() {
        assertThatThrownBy(() -> normaliser.normalise("event_alert", read("[1,2]")))
                .isInstanceOf(MalformedDeliveryException.class).hasMessage("the body must be a JSON object, got an array");
        assertThatThrownBy(() -> normaliser.normalise("event_alert", read("\"text\"")))
                .isInstanceOf(MalformedDeliveryException.class).hasMessage("the body must be a JSON object, got a string");
        assertThatThrownBy(() -> normaliser.normalise("event_alert", read("42")))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageEndingWith("got a number");
        assertThatThrownBy(() -> normaliser.normalise("event_alert", NullNode.getInstance()))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageEndingWith("got null");
        assertThatThrownBy(() -> normaliser.normalise("event_alert", null))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageStartingWith("the body must be a JSON object");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "event_alert  | {'action':'triggered','data':{'event':'nope'}}     | data.event",
            "event_alert  | {'action':'triggered','data':[]}                   | data.event",
            "error        | {'action':'created','data':{'error':[1]}}          | data.error",
            "issue        | {'action':'created','data':{}}                     | data.issue",
            "metric_alert | {'action':'warning','data':{'metric_alert':null}} | data.metric_alert"})
    void refusesADeliveryToFileWithoutItsObjectAndNamesThePath(String resource, String json, String path) {
        assertThatThrownBy(() -> inline(resource, json))
                .isInstanceOf(MalformedDeliveryException.class)
                .hasMessageContaining(path)
                .hasMessageContaining("JSON object");
    }

    @ParameterizedTest(name = "{1} → {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "event_alert  | {'action':'triggered','data':{'event':{'issue_id':'1'}}}",
            "error        | {'action':'created','data':{'error':{'issue_id':'1'}}}",
            "issue        | {'action':'created','data':{'issue':{'id':'1'}}}",
            "metric_alert | {'action':'critical','data':{'metric_alert':{'id':'1','alert_rule':{'id':'2'}}}}"})
    void infersAMissingResourceHeaderFromTheData(String resource, String json) {
        assertThat(inline(null, json).resource()).isEqualTo(resource);
        assertThat(inline(" ", json).resource()).isEqualTo(resource);
        assertThat(inline(null, json).kind()).isNotEqualTo(Kind.NONE);
    }

    @Test
    void callsAnUnrecognisableDeliveryUnknownAndFilesNothing() {
        SentryAlert alert = inline(null, "{'action':'created','data':{'installation':{'uuid':'x'}}}");

        assertThat(alert.resource()).isEqualTo("unknown");
        assertThat(alert.kind()).isEqualTo(Kind.NONE);
        assertThat(alert.key()).isNull();
    }

    @Test
    void defaultsAMissingActionOfEventDeliveriesToTheFiledOne() {
        SentryAlert eventAlert = inline("event_alert", "{'data':{'event':{'issue_id':'1'}}}");
        SentryAlert error = inline("error", "{'data':{'error':{'issue_id':'1'}}}");

        assertThat(eventAlert.action()).isEqualTo("triggered");
        assertThat(eventAlert.kind()).isEqualTo(Kind.EVENT);
        assertThat(error.action()).isEqualTo("created");
        assertThat(error.kind()).isEqualTo(Kind.EVENT);
    }

    @Test
    void filesNoIssueOrMetricAlertWithoutAnAction() {
        assertThat(inline("issue", "{'data':{'issue':{'id':'1'}}}").kind()).isEqualTo(Kind.NONE);
        assertThat(inline("metric_alert", "{'data':{'metric_alert':{'id':'1','alert_rule':{'id':'2'}}}}").kind()).isEqualTo(Kind.NONE);
        assertThat(inline("installation", "{'data':{}}").kind()).isEqualTo(Kind.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'action':'triggered','data':{'event':{'issue_id':'1','level':5,'title':7,'culprit':['x'],'environment':{},'release':[],"
                    + "'project':{'slug':null,'id':3},'web_url':9,'tags':'x','breadcrumbs':7,'logentry':'text','message':{'formatted':1}}}}",
            "{'action':'triggered','data':{'event':{'issue_id':null,'exception':{'values':'oops'},'stacktrace':{'frames':[1,'two',null,[],"
                    + "{'lineno':'x','in_app':'yes','filename':{}},{'lineno':99999999999}]}}}}",
            "{'action':'triggered','data':{'event':{'exception':{'values':[null,1,{'stacktrace':'flat'}]},'tags':[[],['only'],[null,'v'],"
                    + "['k',null],[1,2],{'key':{}},'x',null],'breadcrumbs':{'values':{}}}}}",
            "{'action':'triggered','data':{'event':{'datetime':1e400,'timestamp':-1e400,'breadcrumbs':[{'timestamp':true}]}}}",
            "{'action':'created','data':{'issue':{'id':['1'],'project':'shop','metadata':[],'lastSeen':42,'shortId':{}}}}",
            "{'action':'critical','data':{'metric_alert':{'alert_rule':'rule','projects':'shop','identifier':{}},'web_url':[]}}",
            "{'action':[],'data':'nothing'}",
            "{'action':'created','data':{'comment':{'issue_id':{}},'issue':7,'event':[]}}"})
    void survivesOddTypesWithoutThrowing(String json) {
        assertThatCode(() -> inline(null, json)).doesNotThrowAnyException();
        assertThatCode(() -> inline("seer", json)).doesNotThrowAnyException();
    }

    @Test
    void readsOddlyTypedFieldsAsFarAsTheyMakeSense() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','level':5,'project':{'slug':null,'id':3},'title':7,
                  'exception':{'values':'oops'},'stacktrace':{'frames':[1,'two',{'lineno':'x','in_app':'true'}]}}}}
                """);

        assertThat(alert.kind()).isEqualTo(Kind.EVENT);
        assertThat(alert.level()).isEqualTo(Level.ERROR);
        assertThat(alert.project()).isEqualTo("3");
        assertThat(alert.title()).isEqualTo("7");
        assertThat(alert.frames()).containsExactly(new Frame(null, null, null, true));
    }

    // ---- helpers ----

    SentryAlert fixture(String resource, String name) {
        try (InputStream in = getClass().getResourceAsStream("/sentry/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return normaliser.normalise(resource, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inline JSON with single quotes for readability. */
    SentryAlert inline(String resource, String json) {
        return normaliser.normalise(resource, read(json.replace('\'', '"')));
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + json, e);
        }
    }

}
