package io.github.sentrygithubbridge.routetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** with: changes the delivery's event as Sentry would have sent it, tags included. */
class DeliveryChangesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode apply(DeliveryChanges with, String delivery) throws Exception {
        return JSON.readTree(with.applyTo(delivery.getBytes(StandardCharsets.UTF_8), JSON));
    }

    @Test
    void changesTheEventAndItsTagsOfTheSameName() throws Exception {
        JsonNode changed = apply(new DeliveryChanges(1, "fatal", "production", "shop@2.0.0", Map.of("team", "payments", "os", "Linux")), """
                {"data": {"event": {"level": "error", "release": {"version": "shop@1"},
                  "tags": [["level", "error"], ["os", "Mac OS X"]]}}}
                """);

        JsonNode event = changed.path("data").path("event");
        assertThat(event.path("level").asText()).isEqualTo("fatal");
        assertThat(event.path("environment").asText()).isEqualTo("production");
        assertThat(event.path("release").asText()).isEqualTo("shop@2.0.0");
        assertThat(event.path("tags").toString()).contains("[\"level\",\"fatal\"]", "[\"os\",\"Linux\"]", "[\"team\",\"payments\"]")
                .doesNotContain("Mac OS X", "environment");
    }

    @Test
    void tagsInSentrysOtherShapesAndAnErrorDelivery() throws Exception {
        assertThat(apply(new DeliveryChanges(1, null, null, null, Map.of("team", "a")),
                "{\"data\": {\"error\": {\"tags\": [{\"key\": \"team\", \"value\": \"b\"}]}}}").path("data").path("error").path("tags").toString())
                .isEqualTo("[{\"key\":\"team\",\"value\":\"a\"}]");
        assertThat(apply(new DeliveryChanges(1, null, null, null, Map.of("team", "a")),
                "{\"data\": {\"event\": {\"tags\": {\"team\": \"b\"}}}}").path("data").path("event").path("tags").toString())
                .isEqualTo("{\"team\":\"a\"}");
    }

    @Test
    void anIssueDeliveryTakesALevelOnlyAndAMetricAlertNothing() throws Exception {
        assertThat(apply(new DeliveryChanges(1, "fatal", null, null, Map.of()), "{\"data\": {\"issue\": {\"level\": \"error\"}}}")
                .path("data").path("issue").path("level").asText()).isEqualTo("fatal");
        assertThatThrownBy(() -> apply(new DeliveryChanges(1, null, "production", null, Map.of()), "{\"data\": {\"issue\": {}}}"))
                .hasMessage("with: the delivery has no event (data.event or data.error) to change; an issue delivery takes with.level only");
        assertThatThrownBy(() -> apply(new DeliveryChanges(1, "fatal", null, null, Map.of()), "{\"data\": {\"metric_alert\": {}}}"))
                .hasMessage("with: the delivery has no event (data.event or data.error) to change");
    }

    @Test
    void noChangesLeaveTheBytesAsTheyAre() throws Exception {
        byte[] delivery = "{ \"data\" : {} }".getBytes(StandardCharsets.UTF_8);
        assertThat(DeliveryChanges.NONE.applyTo(delivery, JSON)).isSameAs(delivery);
    }
}
