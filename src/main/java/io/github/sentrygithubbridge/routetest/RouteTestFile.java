package io.github.sentrygithubbridge.routetest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One test file: the routes, templates and settings its cases run with, and the cases. Paths are relative to the
 * file; routes and templates left out fall back to BRIDGE_ROUTES_DIR and BRIDGE_TEMPLATES_DIR (null here).
 */
record RouteTestFile(Path path, Path routes, Path templates, Map<String, String> settings, List<RouteTestCase> cases) {

    private static final List<String> KEYS = List.of("routes", "templates", "settings", "tests");

    static RouteTestFile read(Path path) {
        YamlNodes yaml = new YamlNodes(path);
        Node root;
        try (Reader reader = Files.newBufferedReader(path)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new RouteTestFileException(path, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "not YAML: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new RouteTestFileException(path, 0, "can't be read: " + e.getMessage());
        }
        if (root == null) {
            throw new RouteTestFileException(path, 0, "is empty: it needs a list of tests");
        }
        Map<String, Node> top = yaml.mapping(root, "a test file", KEYS);
        Path dir = path.toAbsolutePath().getParent();
        Path routes = top.containsKey("routes") ? dir.resolve(yaml.text(top.get("routes"), "routes")).normalize() : null;
        Path templates = top.containsKey("templates") ? dir.resolve(yaml.text(top.get("templates"), "templates")).normalize() : null;
        Map<String, String> settings = new LinkedHashMap<>();
        if (top.containsKey("settings")) {
            yaml.mapping(top.get("settings"), "settings", List.of())
                    .forEach((name, value) -> settings.put(name, yaml.scalar(value, "setting " + name)));
        }
        if (!top.containsKey("tests")) {
            throw yaml.error(root, "no tests: a test file needs a list of tests");
        }
        List<RouteTestCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node test : yaml.sequence(top.get("tests"), "tests")) {
            RouteTestCase read = RouteTestCase.read(yaml, dir, test);
            if (!names.add(read.name())) {
                throw yaml.error(test, "a second test named '" + read.name() + "': names must be unique in a file");
            }
            cases.add(read);
        }
        if (cases.isEmpty()) {
            throw yaml.error(top.get("tests"), "tests is empty");
        }
        return new RouteTestFile(path, routes, templates, Map.copyOf(settings), List.copyOf(cases));
    }

    /** What a context is started with: files that agree on it share one. */
    Setup setup() {
        return new Setup(routes, templates, settings);
    }

    record Setup(Path routes, Path templates, Map<String, String> settings) {
    }
}
