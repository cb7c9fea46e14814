package io.github.sentrygithubbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.support.BridgeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The systemd unit's own command line starts the layout deploy/prepare-start.sh made of the jar, from its AOT cache. */
class FastStartIT {

    @Test
    void theUnitsCommandStartsThePreparedReleaseFromItsAotCache() throws Exception {
        BridgeProcess.command();
        assertThat(BridgeProcess.LAYOUT.resolve("app.aot")).as("prepare-start.sh wrote the AOT cache").isNotEmptyFile();

        List<String> command = new ArrayList<>(Arrays.asList(execStart().split(" ")));
        assertThat(command.get(0)).isEqualTo("/opt/sentry-github-bridge/java");
        command.replaceAll(word -> word.replace("${BRIDGE_HOME}", BridgeProcess.LAYOUT.toString()));
        // what deploy.sh links /opt/sentry-github-bridge/java to: the JVM that trained the cache, Java 25 or later
        command.set(0, BridgeProcess.java());
        // a cache that does not fit the command line is an error, not a silently slower start
        command.add(1, "-XX:AOTMode=on");
        // where each class came from: a mismatched archive would only make the start slower, silently
        Path classLoads = Files.createTempFile("fast-start-class-load", ".log");
        command.add(1, "-Xlog:class+load=info:file=" + classLoads);

        try (BridgeProcess bridge = BridgeProcess.start(command, Map.of())) {
            assertThat(bridge.get("/health", null).body()).contains("\"UP\"");
        }
        assertThat(Files.readAllLines(classLoads))
                .as("the bridge's own classes and Camel's come from the cache the training start wrote")
                .anyMatch(line -> line.contains(" io.github.sentrygithubbridge.BridgeApplication source: shared objects file"))
                .anyMatch(line -> line.contains(" org.apache.camel.impl.DefaultCamelContext source: shared objects file"));
    }

    private static String execStart() throws IOException {
        return Files.readAllLines(Path.of("deploy", "sentry-github-bridge.service")).stream()
                .filter(line -> line.startsWith("ExecStart="))
                .findFirst().orElseThrow()
                .substring("ExecStart=".length());
    }
}
