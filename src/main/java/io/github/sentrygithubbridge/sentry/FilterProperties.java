package io.github.sentrygithubbridge.sentry;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which alerts are worth an issue.
 *
 * @param minLevel     the lowest level filed
 * @param environments environments filed, comma list; empty files every environment
 */
@ConfigurationProperties("bridge.filter")
public record FilterProperties(String minLevel, String environments) {

    public FilterProperties {
        Level.parseSetting(minLevel);
    }

    public Level minimum() {
        return Level.parseSetting(minLevel);
    }

    public Set<String> environmentSet() {
        return environments == null ? Set.of()
                : Arrays.stream(environments.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }
}
