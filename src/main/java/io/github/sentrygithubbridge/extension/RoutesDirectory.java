package io.github.sentrygithubbridge.extension;

import io.github.sentrygithubbridge.InvalidSettingException;
import io.github.sentrygithubbridge.UnusableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * BRIDGE_ROUTES_DIR: the engineer's own routes, every {@code *.camel.yaml} in it, loaded after the built-in ones
 * and before anything starts. A route with a built-in route's id replaces it; a file that does not load stops
 * startup naming the file ({@link UnusableFileException}), as does a route that does not build
 * ({@link RouteFileFailureAnalyzer}).
 */
@Component
public class RoutesDirectory implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesDirectory.class);
    /** route id → the file it came from, for naming the file when the route does not build. */
    static final Map<String, Path> LOADED = new ConcurrentHashMap<>();

    private final String directory;

    public RoutesDirectory(@Value("${bridge.routes-dir:}") String directory) {
        this.directory = directory;
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        // one application per JVM in production; tests start several
        LOADED.clear();
        if (directory.isBlank()) {
            return;
        }
        ModelCamelContext model = (ModelCamelContext) context;
        Map<String, Path> mine = new ConcurrentHashMap<>();
        for (Path file : files(Path.of(directory))) {
            for (RouteDefinition route : load(context, file)) {
                String id = route.getRouteId();
                if (id == null) {
                    continue;
                }
                Path earlier = mine.putIfAbsent(id, file);
                if (earlier != null) {
                    throw new UnusableFileException(file, "route " + id + " is also in " + earlier + "; route ids must be unique");
                }
                LOADED.put(id, file);
            }
        }
        LOG.info("Loaded {} route(s) from BRIDGE_ROUTES_DIR={}", mine.size(), directory);
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        // everything happens before the routes start
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidSettingException("BRIDGE_ROUTES_DIR", dir.toString(), "is not a directory", "/etc/sentry-github-bridge/routes");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidSettingException("BRIDGE_ROUTES_DIR", dir.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")",
                    "/etc/sentry-github-bridge/routes");
        }
    }

    /** Adds a file's routes; those with a built-in route's id take its place. */
    private static List<RouteDefinition> load(CamelContext context, Path file) {
        ModelCamelContext model = (ModelCamelContext) context;
        try {
            Resource resource = ResourceHelper.resolveMandatoryResource(context, "file:" + file.toAbsolutePath());
            List<RouteDefinition> routes = new java.util.ArrayList<>();
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(resource)) {
                if (builder instanceof RouteBuilder routeBuilder) {
                    // read first, so that a built-in route of the same id can make room before they are added
                    routeBuilder.configureRoutes(context);
                    for (RouteDefinition route : routeBuilder.getRouteCollection().getRoutes()) {
                        RouteDefinition builtIn = route.getRouteId() == null ? null : model.getRouteDefinition(route.getRouteId());
                        if (builtIn != null) {
                            model.removeRouteDefinition(builtIn);
                            LOG.info("Route {} of {} replaces the built-in route", route.getRouteId(), file);
                        }
                        routes.add(route);
                    }
                }
                builder.addRoutesToCamelContext(context);
            }
            return routes;
        } catch (UnusableFileException e) {
            throw e;
        } catch (Exception e) {
            throw new UnusableFileException(file, UnusableFileException.describe(e));
        }
    }
}
