package io.github.sentrygithubbridge.extension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * {@code java -jar sentry-github-bridge.jar schema}: the JSON schema of Camel's YAML DSL in its canonical notation,
 * of the Camel version the bridge runs, for an editor's completion and validation of route files (README).
 */
public final class RouteSchema {

    static final String RESOURCE = "schema/camelYamlDsl-canonical.json";
    private static final String UNMARSHAL = "org.apache.camel.model.UnmarshalDefinition";

    private RouteSchema() {
    }

    /** Writes it to {@code out}; the exit code. */
    public static int print(PrintStream out, PrintStream err) {
        try {
            JsonNode schema = read();
            if (schema == null) {
                err.println("ERROR " + RESOURCE + " is not in this jar's camel-yaml-dsl");
                return 2;
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, schema);
            out.println();
            return 0;
        } catch (IOException e) {
            err.println("ERROR " + RESOURCE + ": " + e.getMessage());
            return 2;
        }
    }

    /**
     * Camel's schema, less one slip of its generator: Camel 4.22's canonical schema requires an unmarshal to name
     * every one of its 48 data formats at once, so an editor would flag every unmarshal there is. Its marshal has no
     * such list, and the non-canonical schema asks for one format: the list is dropped.
     */
    static JsonNode read() throws IOException {
        try (InputStream in = RouteSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            JsonNode schema = new ObjectMapper().readTree(in);
            if (schema.path("items").path("definitions").path(UNMARSHAL) instanceof ObjectNode unmarshal
                    && unmarshal.path("required").size() > 1) {
                unmarshal.remove("required");
            }
            return schema;
        }
    }
}
