package io.github.sentrygithubbridge.routetest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a test file's YAML nodes, each error naming the file and the line it is on. */
record YamlNodes(Path file) {

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    RouteTestFileException error(Node node, String problem) {
        return new RouteTestFileException(file, node == null ? 0 : line(node), problem);
    }

    /** A mapping's entries by key, refusing keys not among {@code known}: a misspelt key would check nothing. */
    Map<String, Node> mapping(Node node, String what, List<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key of " + what);
            if (!known.isEmpty() && !known.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + " (known: " + String.join(", ", known) + ")");
            }
            if (entries.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "key '" + key + "' is given twice in " + what);
            }
        }
        return entries;
    }

    String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, what + " must be a single value");
        }
        return scalar.getValue();
    }

    /** A value that must be there and not be empty. */
    String text(Node node, String what) {
        String value = scalar(node, what);
        if (value.isBlank()) {
            throw error(node, what + " must not be empty");
        }
        return value;
    }

    /** A list of values; a single value counts as a list of one. */
    List<String> texts(Node node, String what) {
        if (node instanceof ScalarNode) {
            return List.of(text(node, what));
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, what + " must be a list");
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            values.add(text(item, "an item of " + what));
        }
        return values;
    }

    List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, what + " must be a list");
        }
        return sequence.getValue();
    }
}
