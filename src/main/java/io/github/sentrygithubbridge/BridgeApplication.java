package io.github.sentrygithubbridge;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Sentry alert webhooks in, one labelled GitHub issue per Sentry issue out. The flow is in routes/; cli/Main starts it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BridgeApplication {
}
