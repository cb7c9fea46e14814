package io.github.sentrygithubbridge;

import io.github.sentrygithubbridge.extension.RouteSchema;
import io.github.sentrygithubbridge.routetest.RouteTestCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Sentry alert webhooks in, one labelled GitHub issue per Sentry issue out. The flow is in routes/. With the
 * argument {@code test}, it runs an engineer's route tests instead; with {@code schema}, it prints the route files'
 * JSON schema (README "Test your routes").
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BridgeApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("test")) {
            RouteTestCommand.main(Arrays.asList(args).subList(1, args.length));
        }
        if (args.length == 1 && args[0].equals("schema")) {
            System.exit(RouteSchema.print(System.out, System.err));
        }
        SpringApplication.run(BridgeApplication.class, args);
    }
}
