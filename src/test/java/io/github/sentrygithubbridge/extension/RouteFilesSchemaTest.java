package io.github.sentrygithubbridge.extension;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route file the project ships is in Camel's canonical notation: it validates against the JSON schema that
 * {@code java -jar sentry-github-bridge.jar schema} gives editors (README "Test your routes").
 */
class RouteFilesSchemaTest {

    /** The schema as the command prints it. */
    static Schema canonical() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(RouteSchema.print(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(out.toString(StandardCharsets.UTF_8), InputFormat.JSON);
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Stream.of(Path.of("routes"), Path.of("examples", "routes"), Path.of("src", "main", "resources", "route-test"))
                .flatMap(RouteFilesSchemaTest::list)) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyRouteFileValidatesAgainstTheCanonicalSchema() throws IOException {
        Schema schema = canonical();
        List<Path> files = routeFiles();
        assertThat(files).hasSizeGreaterThan(20);
        List<String> findings = new java.util.ArrayList<>();
        for (Path file : files) {
            schema.validate(Files.readString(file), InputFormat.YAML).forEach(error -> findings.add(file + " " + error));
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void theSchemaRefusesTheCompactShorthand() throws IOException {
        // the deprecated shorthand: an expression language straight under setBody
        String compact = """
                - route:
                    from:
                      uri: direct:a
                      steps:
                        - setBody:
                            simple: "${body}"
                """;
        assertThat(canonical().validate(compact, InputFormat.YAML)).isNotEmpty();
    }

    @Test
    void theSchemaIsCamelsOwnLessTheImpossibleUnmarshalList() throws IOException {
        String unmarshal = "org.apache.camel.model.UnmarshalDefinition";
        try (InputStream camels = RouteSchema.class.getClassLoader().getResourceAsStream(RouteSchema.RESOURCE)) {
            com.fasterxml.jackson.databind.node.ObjectNode original = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(camels);
            com.fasterxml.jackson.databind.JsonNode printed = RouteSchema.read();
            assertThat(original.path("items").path("definitions").path(unmarshal).path("required").size()).isGreaterThan(40);
            assertThat(printed.path("items").path("definitions").path(unmarshal).has("required")).isFalse();
            ((com.fasterxml.jackson.databind.node.ObjectNode) original.path("items").path("definitions").path(unmarshal)).remove("required");
            assertThat(printed).isEqualTo(original);
        }
    }
}
