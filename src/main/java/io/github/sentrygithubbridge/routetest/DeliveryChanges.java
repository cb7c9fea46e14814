package io.github.sentrygithubbridge.routetest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A case's {@code with}: changes to the delivery's event before it is run, so that one delivery file serves many
 * cases. The event's tag of the same name follows a changed level, environment or release, as Sentry keeps them.
 */
record DeliveryChanges(int line, String level, String environment, String release, Map<String, String> tags) {

    static final DeliveryChanges NONE = new DeliveryChanges(0, null, null, null, Map.of());
    private static final List<String> KEYS = List.of("level", "environment", "release", "tags");

    static DeliveryChanges read(YamlNodes yaml, Node node) {
        Map<String, Node> entries = yaml.mapping(node, "with", KEYS);
        Map<String, String> tags = new LinkedHashMap<>();
        if (entries.containsKey("tags")) {
            yaml.mapping(entries.get("tags"), "with.tags", List.of()).forEach((k, v) -> tags.put(k, yaml.scalar(v, "tag " + k)));
        }
        return new DeliveryChanges(YamlNodes.line(node), value(yaml, entries, "level"), value(yaml, entries, "environment"),
                value(yaml, entries, "release"), Map.copyOf(tags));
    }

    private static String value(YamlNodes yaml, Map<String, Node> entries, String key) {
        return entries.containsKey(key) ? yaml.text(entries.get(key), "with." + key) : null;
    }

    boolean none() {
        return level == null && environment == null && release == null && tags.isEmpty();
    }

    /**
     * The delivery with its event changed: {@code data.event} (event_alert) or {@code data.error} (error); an
     * {@code issue} delivery has a level and nothing else to change.
     *
     * @throws IllegalArgumentException when the delivery has nothing these changes apply to
     */
    byte[] applyTo(byte[] delivery, ObjectMapper json) throws IOException {
        if (none()) {
            return delivery;
        }
        JsonNode root = json.readTree(delivery);
        JsonNode data = root.path("data");
        ObjectNode event = data.path("event") instanceof ObjectNode e ? e : data.path("error") instanceof ObjectNode e2 ? e2 : null;
        if (event == null) {
            if (data.path("issue") instanceof ObjectNode issue && environment == null && release == null && tags.isEmpty()) {
                issue.put("level", level);
                return json.writeValueAsBytes(root);
            }
            throw new IllegalArgumentException("with: the delivery has no event (data.event or data.error) to change"
                    + (data.path("issue").isObject() ? "; an issue delivery takes with.level only" : ""));
        }
        change(event, "level", level);
        change(event, "environment", environment);
        change(event, "release", release);
        tags.forEach((name, value) -> tag(event, name, value));
        return json.writeValueAsBytes(root);
    }

    private static void change(ObjectNode event, String field, String value) {
        if (value != null) {
            event.put(field, value);
            if (hasTag(event.path("tags"), field)) {
                tag(event, field, value);
            }
        }
    }

    private static boolean hasTag(JsonNode tags, String name) {
        if (tags.isObject()) {
            return tags.has(name);
        }
        for (JsonNode tag : tags) {
            if (name.equals(tag.isArray() ? tag.path(0).asText() : tag.path("key").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Sets a tag in whichever of Sentry's shapes the event has: [[key, value], ...], [{key, value}, ...] or {key: value}. */
    private static void tag(ObjectNode event, String name, String value) {
        JsonNode tags = event.path("tags");
        if (tags instanceof ObjectNode map) {
            map.put(name, value);
            return;
        }
        ArrayNode list = tags instanceof ArrayNode array ? array : event.putArray("tags");
        for (JsonNode tag : list) {
            if (tag instanceof ArrayNode pair && name.equals(pair.path(0).asText())) {
                pair.set(1, pair.textNode(value));
                return;
            }
            if (tag instanceof ObjectNode entry && name.equals(entry.path("key").asText())) {
                entry.put("value", value);
                return;
            }
        }
        list.addArray().add(name).add(value);
    }
}
