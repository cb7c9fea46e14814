package io.github.sentrygithubbridge.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sentrygithubbridge.support.SentryDeliveries;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status changes the lifecycle follows, read from Sentry's issue and metric alert deliveries. */
class SentryStatusTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final SentryAlertNormaliser normaliser = new SentryAlertNormaliser();

    @Test
    void readsAResolutionWithWhoAndWhere() throws IOException {
        ObjectNode delivery = (ObjectNode) JSON.readTree(SentryDeliveries.issueStatus("42", "resolved", null, "Jane Doe",
                Map.of("inRelease", "shop@1.2.3", "inCommit", Map.of("id", "abc123", "repository", "acme/shop"))));

        SentryStatus status = normaliser.status("issue", delivery);

        assertThat(status).isEqualTo(new SentryStatus("resolved", null, "Jane Doe", "shop@1.2.3", false, "acme/shop@abc123", "in_release"));
    }

    @Test
    void readsTheOlderIgnoredAsArchivedAndNamesHowLongFromTheDetails() throws IOException {
        JsonNode ignored = JSON.readTree(SentryDeliveries.fixture("integration-platform-example/issue_ignored.json"));
        SentryStatus status = normaliser.status("issue", ignored);

        assertThat(status.change()).isEqualTo(SentryStatus.ARCHIVED);
        assertThat(status.substatus()).startsWith("archived_");
        assertThat(normaliser.status("issue", JSON.readTree(SentryDeliveries.issueStatus("42", "ignored", null, "Jane",
                Map.of("ignoreUntilEscalating", true)))).substatus()).isEqualTo("archived_until_escalating");
        assertThat(normaliser.status("issue", JSON.readTree(SentryDeliveries.issueStatus("42", "archived", null, "Jane",
                Map.of("ignoreCount", 100)))).substatus()).isEqualTo("archived_until_condition_met");
    }

    @Test
    void tellsARegressionFromOtherUnresolves() throws IOException {
        assertThat(normaliser.status("issue", JSON.readTree(SentryDeliveries.issueStatus("42", "unresolved", "regressed", "Sentry", Map.of())))
                .isRegression()).isTrue();
        assertThat(normaliser.status("issue", JSON.readTree(SentryDeliveries.issueStatus("42", "unresolved", "escalating", "Sentry", Map.of())))
                .isRegression()).isFalse();
    }

    @Test
    void aResolvedMetricAlertIsAResolutionAndOtherDeliveriesAreNoStatusChange() throws IOException {
        assertThat(normaliser.status("metric_alert", JSON.readTree(SentryDeliveries.fixture("metric_alert_resolved.sentry-docs.json"))).change())
                .isEqualTo(SentryStatus.RESOLVED);
        assertThat(normaliser.status("metric_alert", JSON.readTree(SentryDeliveries.fixture("integration-platform-example/metric_alert_critical.json"))))
                .isNull();
        assertThat(normaliser.status("issue", JSON.readTree(SentryDeliveries.fixture("integration-platform-example/issue_assigned.json")))).isNull();
        assertThat(normaliser.status("issue", JSON.readTree(SentryDeliveries.fixture("issue_created.sentry-docs.json")))).isNull();
        assertThat(normaliser.status("event_alert", JSON.readTree(SentryDeliveries.eventAlert("42")))).isNull();
    }
}
