package io.github.sentrygithubbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sentrygithubbridge.routes.RouteTestKit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;

/** /health's disk check watches the disk of BRIDGE_DATA_DIR, where the store is, not the working directory's. */
class DiskSpaceHealthTest extends RouteTestKit {

    @Autowired
    @Qualifier("diskSpaceHealthIndicator")
    HealthIndicator disk;

    @Value("${bridge.data-dir}")
    Path dataDir;

    @Test
    void watchesTheDataDirectory() {
        assertThat(disk.health().getDetails().get("path")).isEqualTo(dataDir.toAbsolutePath().normalize().toString());
    }
}
