package io.github.sentrygithubbridge.cli;

import io.github.sentrygithubbridge.BridgeApplication;
import io.github.sentrygithubbridge.extension.RouteSchema;
import io.github.sentrygithubbridge.routetest.RouteTestCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/**
 * What the jar runs: the bridge; with the argument {@code test}, an engineer's route tests; with {@code schema}, the
 * route files' JSON schema (README "Test your routes").
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("test")) {
            RouteTestCommand.main(Arrays.asList(args).subList(1, args.length));
        }
        if (args.length == 1 && args[0].equals("schema")) {
            System.exit(RouteSchema.print(System.out, System.err));
        }
        SpringApplication bridge = new SpringApplication(BridgeApplication.class);
        // the start's log names the application ("Started BridgeApplication"), not this launcher
        bridge.setMainApplicationClass(BridgeApplication.class);
        bridge.run(args);
    }
}
