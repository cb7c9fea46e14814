package io.github.sentrygithubbridge.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sentrygithubbridge.sentry.SentryAlert.Breadcrumb;
import io.github.sentrygithubbridge.sentry.SentryAlert.Frame;
import io.github.sentrygithubbridge.sentry.SentryAlert.Kind;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentryAlertNormaliserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final SentryAlertNormaliser normaliser = new SentryAlertNormaliser();

    SentryAlert fixture(String resource, String name) {
        return normaliser.normalise(resource, read(new String(SentryDeliveries.fixture(name), java.nio.charset.StandardCharsets.UTF_8)));
    }

    SentryAlert inline(String resource, String json) {
        return normaliser.normalise(resource, read(json.replace('\'', '"')));
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{1} → {2}")
    @CsvSource({
            "error,        error_created.sentry-docs.json,                                                    EVENT,  1170820242",
            "event_alert,  event_alert_triggered.sentry-docs.json,                                            EVENT,  1117540176",
            "event_alert,  event_alert_with_secrets.json,                                                     EVENT,  777000111",
            "issue,        issue_created.sentry-docs.json,                                                    ISSUE,  1234567890",
            "metric_alert, metric_alert_resolved.sentry-docs.json,                                            NONE,   metric-alert:7:1",
            "comment,      integration-platform-example/comment_created.json,                                 NONE,   123",
            "comment,      integration-platform-example/comment_deleted.json,                                 NONE,   123",
            "comment,      integration-platform-example/comment_updated.json,                                 NONE,   123",
            "event_alert,  integration-platform-example/event_alert_triggered.json,                           EVENT,  123",
            "event_alert,  integration-platform-example/event_alert_triggered__with_alert_rule_action.json,   EVENT,  123",
            "installation, integration-platform-example/installation_created.json,                            NONE,   ",
            "installation, integration-platform-example/installation_deleted.json,                            NONE,   ",
            "issue,        integration-platform-example/issue_assigned.json,                                  NONE,   123",
            "issue,        integration-platform-example/issue_created.json,                                   ISSUE,  123",
            "issue,        integration-platform-example/issue_ignored.json,                                   NONE,   123",
            "issue,        integration-platform-example/issue_resolved.json,                                  NONE,   123",
            "metric_alert, integration-platform-example/metric_alert_critical.json,                           METRIC, metric-alert:456:789",
            "metric_alert, integration-platform-example/metric_alert_critical__with_alert_rule_action.json,   METRIC, metric-alert:456:789",
            "metric_alert, integration-platform-example/metric_alert_resolved.json,                           NONE,   metric-alert:456:789",
            "metric_alert, integration-platform-example/metric_alert_warning.json,                            METRIC, metric-alert:456:789",
            "metric_alert, integration-platform-example/metric_alert_warning__with_alert_rule_action.json,    METRIC, metric-alert:456:789",
    })
    void normalisesEveryFixture(String resource, String file, Kind kind, String key) {
        SentryAlert alert = fixture(resource, file);

        assertThat(alert.kind()).isEqualTo(kind);
        assertThat(alert.key()).isEqualTo(key);
        assertThat(alert.resource()).isEqualTo(resource);
        assertThat(alert.frames()).isNotNull();
        assertThat(alert.breadcrumbs()).isNotNull();
        assertThat(alert.tags()).isNotNull();
    }

    @Test
    void readsTheDocumentedEventAlert() {
        SentryAlert alert = fixture("event_alert", "event_alert_triggered.sentry-docs.json");

        assertThat(alert.sentryIssueId()).isEqualTo("1117540176");
        assertThat(alert.eventId()).isEqualTo("e4874d664c3540c1a32eab185f12c5ab");
        assertThat(alert.level()).isEqualTo(Level.ERROR);
        assertThat(alert.exceptionType()).isEqualTo("ReferenceError");
        assertThat(alert.exceptionValue()).isEqualTo("heck is not defined");
        assertThat(alert.culprit()).isEqualTo("?(<anonymous>)");
        assertThat(alert.eventTime()).isEqualTo(Instant.parse("2019-08-19T21:06:17.677Z"));
        assertThat(alert.eventUrl()).isEqualTo("https://sentry.io/organizations/test-org/issues/1117540176/events/e4874d664c3540c1a32eab185f12c5ab/");
        assertThat(alert.issueUrl()).isEqualTo("https://sentry.io/organizations/test-org/issues/1117540176/");
        assertThat(alert.triggeredRule()).isEqualTo("Very Important Alert Rule!");
        assertThat(alert.frames()).first().extracting(Frame::filename).isEqualTo("<anonymous>");
        assertThat(alert.tags()).containsEntry("browser.name", "Chrome").doesNotContainKey("user");
    }

    @Test
    void readsTheDocumentedErrorAndIssue() {
        SentryAlert error = fixture("error", "error_created.sentry-docs.json");
        SentryAlert issue = fixture("issue", "issue_created.sentry-docs.json");

        assertThat(error.exceptionValue()).isEqualTo("blooopy is not defined");
        assertThat(error.sentryIssueId()).isEqualTo("1170820242");
        assertThat(issue.shortId()).isEqualTo("PYTHON-Y");
        assertThat(issue.level()).isEqualTo(Level.FATAL);
        assertThat(issue.issueUrl()).isEqualTo("https://example-org.sentry.io/issues/1234567890/");
        assertThat(issue.title()).startsWith("Error generated with event_id");
    }

    @Test
    void readsMetricAlertsWithTheActionAsTheLevel() {
        SentryAlert critical = fixture("metric_alert", "integration-platform-example/metric_alert_critical.json");
        SentryAlert warning = fixture("metric_alert", "integration-platform-example/metric_alert_warning.json");
        SentryAlert resolved = fixture("metric_alert", "metric_alert_resolved.sentry-docs.json");

        assertThat(critical.level()).isEqualTo(Level.FATAL);
        assertThat(critical.sentryIssueId()).isNull();
        assertThat(warning.level()).isEqualTo(Level.WARNING);
        assertThat(resolved.title()).isEqualTo("Resolved: Too many errors");
        assertThat(resolved.project()).isEqualTo("bar");
        assertThat(resolved.triggeredRule()).isEqualTo("Too many errors");
        // the documented text holds a literal backslash-n: kept as sent
        assertThat(resolved.description()).contains("\\n");
    }

    @Test
    void takesADefaultLevelOfErrorWhenTheEventHasNone() {
        assertThat(fixture("event_alert", "integration-platform-example/event_alert_triggered.json").level()).isEqualTo(Level.ERROR);
    }

    @Test
    void takesTheIssueIdFromIssueUrlOrWebUrlWhenIssueIdIsMissing() {
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_url':'https://sentry.io/api/0/issues/555/'}}}").key())
                .isEqualTo("555");
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'web_url':'https://sentry.io/organizations/o/issues/666/events/x/'}}}").sentryIssueId())
                .isEqualTo("666");
        assertThat(inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':777}}}").sentryIssueId()).isEqualTo("777");
    }

    @Test
    void fallsBackToTheEventIdWhenNoIssueIsNamed() {
        assertThat(inline("error", "{'action':'created','data':{'error':{'event_id':'abc'}}}").key()).isEqualTo("event:abc");
    }

    @Test
    void takesTheMainExceptionFromTheLastValueAndTheCrashingFrameFirst() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','exception':{'values':[
                  {'type':'RootCause','value':'first','stacktrace':{'frames':[{'filename':'root.py','lineno':1}]}},
                  {'type':'MainError','value':'last','stacktrace':{'frames':[
                    {'filename':'a.py','lineno':1,'function':'outer','in_app':true},
                    {'filename':'b.py','lineno':2,'function':null},
                    {'filename':'c.py','lineno':3,'function':'crash','in_app':true,'vars':{'token':'SECRET_VAR'}}]}}]}}}}
                """);

        assertThat(alert.exceptionType()).isEqualTo("MainError");
        assertThat(alert.exceptionValue()).isEqualTo("last");
        assertThat(alert.frames()).containsExactly(new Frame("c.py", 3, "crash", true), new Frame("b.py", 2, null, false),
                new Frame("a.py", 1, "outer", true));
        assertThat(alert.toString()).doesNotContain("SECRET_VAR");
    }

    @Test
    void readsAMessageEventWithOnlyATopLevelStacktrace() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','title':'Payment failed',
                  'logentry':{'formatted':'Payment 42 failed','message':'Payment %s failed'},
                  'stacktrace':{'frames':[{'abs_path':'/app/pay.py','lineno':10,'function':'pay','in_app':true},
                                          {'module':'app.log','lineno':20,'function':'log'}]}}}}
                """);

        assertThat(alert.exceptionType()).isNull();
        assertThat(alert.message()).isEqualTo("Payment 42 failed");
        assertThat(alert.frames()).extracting(Frame::filename).containsExactly("app.log", "/app/pay.py");
    }

    @Test
    void takesEnvironmentAndReleaseFromTagsWhenMissingAtTopLevel() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1',
                  'tags':[['environment','production'],['release','shop@1.2.3'],['level','warning']]}}}
                """);

        assertThat(alert.environment()).isEqualTo("production");
        assertThat(alert.release()).isEqualTo("shop@1.2.3");
        assertThat(alert.level()).isEqualTo(Level.WARNING);
    }

    @Test
    void acceptsTagsAsObjectsAndReleaseAsAnObject() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','release':{'version':'2.0.0'},
                  'tags':[{'key':'os.name','value':'Linux'},{'key':'user.email','value':'a@b.c'}]}}}
                """);

        assertThat(alert.release()).isEqualTo("2.0.0");
        assertThat(alert.tags()).containsExactly(java.util.Map.entry("os.name", "Linux"));
    }

    @Test
    void neverKeepsRequestUserOrBreadcrumbData() {
        SentryAlert alert = fixture("event_alert", "event_alert_with_secrets.json");
        String everything = alert.toString();

        assertThat(everything).doesNotContain("ghp_VARSECRET_0001", "abc123secretkey", "COOKIESECRET_0002", "HEADERSECRET_0003",
                "DATASECRET_0004", "victim@example.com", "203.0.113.77", "CRUMBSECRET_0005", "4111111111111111", "162.217.75.90");
        assertThat(alert.breadcrumbs()).extracting(Breadcrumb::message).containsExactly("POST /pay");
    }

    @Test
    void stripsTheQueryAndFragmentFromTheUrlTag() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','tags':[['url','https://shop.example/pay?token=abc#frag']]}}}
                """);

        assertThat(alert.tags()).containsEntry("url", "https://shop.example/pay");
    }

    @Test
    void keepsTheLastTenBreadcrumbsOldestFirst() {
        StringBuilder crumbs = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
            crumbs.append(i > 1 ? "," : "").append("{'timestamp':").append(1566248000 + i).append(",'category':'c','message':'m").append(i).append("'}");
        }
        SentryAlert alert = inline("event_alert", "{'action':'triggered','data':{'event':{'issue_id':'1','breadcrumbs':{'values':[" + crumbs + "]}}}}");

        assertThat(alert.breadcrumbs()).extracting(Breadcrumb::message).containsExactly("m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14", "m15");
        assertThat(alert.breadcrumbs().get(0).timestamp()).isEqualTo(Instant.ofEpochSecond(1566248006));
    }

    @Test
    void keepsNonAsciiTextIntact() {
        SentryAlert alert = fixture("event_alert", "event_alert_with_secrets.json");

        assertThat(alert.exceptionValue()).contains("Ünïcödé 日本語 🚀");
    }

    @Test
    void infersTheResourceWhenTheHeaderIsMissing() {
        assertThat(fixture(null, "issue_created.sentry-docs.json").kind()).isEqualTo(Kind.ISSUE);
        assertThat(fixture("", "event_alert_triggered.sentry-docs.json").resource()).isEqualTo("event_alert");
        assertThat(inline(null, "{'action':'x','data':{}}").resource()).isEqualTo("unknown");
    }

    @Test
    void refusesABodyThatIsNotAJsonObject() {
        assertThatThrownBy(() -> normaliser.normalise("event_alert", read("[1,2]")))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("JSON object, got an array");
        assertThatThrownBy(() -> normaliser.normalise("event_alert", read("\"text\"")))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("a string");
    }

    @Test
    void refusesAFiledResourceWithoutItsObject() {
        assertThatThrownBy(() -> inline("event_alert", "{'action':'triggered','data':{'event':'nope'}}"))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("data.event");
        assertThatThrownBy(() -> inline("issue", "{'action':'created','data':{}}"))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("data.issue");
    }

    @Test
    void survivesOddTypesWithoutThrowing() {
        SentryAlert alert = inline("event_alert", """
                {'action':'triggered','data':{'event':{'issue_id':'1','level':5,'datetime':'not a time','timestamp':'also not',
                  'exception':{'values':'oops'},'breadcrumbs':7,'tags':'x','stacktrace':{'frames':[1,'two',{'lineno':'x'}]}}}}
                """);

        assertThat(alert.kind()).isEqualTo(Kind.EVENT);
        assertThat(alert.eventTime()).isNull();
        assertThat(alert.frames()).containsExactly(new Frame(null, null, null, false));
    }

    @Test
    void acknowledgesOtherActionsOfFiledResourcesWithoutFilingThem() {
        assertThat(inline("event_alert", "{'action':'something-new','data':{'event':{'issue_id':'9'}}}").kind()).isEqualTo(Kind.NONE);
        assertThat(fixture("issue", "integration-platform-example/issue_resolved.json").sentryIssueId()).isEqualTo("123");
    }
}
