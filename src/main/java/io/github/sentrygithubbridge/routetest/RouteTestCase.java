package io.github.sentrygithubbridge.routetest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/** One case: a Sentry delivery (a file, as Sentry sends it), its resource, changes to its event, and what must come out. */
record RouteTestCase(String name, int line, Path delivery, String resource, DeliveryChanges with, Expectations expect) {

    private static final List<String> KEYS = List.of("name", "delivery", "resource", "with", "expect");

    static RouteTestCase read(YamlNodes yaml, Path dir, Node node) {
        Map<String, Node> entries = yaml.mapping(node, "a test", KEYS);
        if (!entries.containsKey("name")) {
            throw yaml.error(node, "a test needs a name");
        }
        String name = yaml.text(entries.get("name"), "name");
        if (!entries.containsKey("delivery")) {
            throw yaml.error(node, "test '" + name + "' needs a delivery: the file of a Sentry delivery body");
        }
        Path delivery = dir.resolve(yaml.text(entries.get("delivery"), "delivery")).normalize();
        String resource = entries.containsKey("resource") ? yaml.text(entries.get("resource"), "resource") : null;
        DeliveryChanges with = entries.containsKey("with") ? DeliveryChanges.read(yaml, entries.get("with")) : DeliveryChanges.NONE;
        if (!entries.containsKey("expect")) {
            throw yaml.error(node, "test '" + name + "' needs expect: what must come out");
        }
        return new RouteTestCase(name, YamlNodes.line(node), delivery, resource, with, Expectations.read(yaml, entries.get("expect")));
    }
}
