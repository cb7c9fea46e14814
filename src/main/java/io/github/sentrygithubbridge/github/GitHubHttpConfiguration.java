package io.github.sentrygithubbridge.github;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bounds every GitHub request in time (a hung connection must not stall the lane) and watches each one. */
@Configuration(proxyBeanMethods = false)
class GitHubHttpConfiguration {

    @Bean
    ComponentCustomizer gitHubHttpTimeouts(GitHubProperties properties, GitHubActivity activity) {
        long millis = properties.timeout().toMillis();
        return ComponentCustomizer.builder(HttpComponent.class).build(http -> {
            http.setHttpActivityListener(activity);
            http.setConnectTimeout(millis);
            http.setConnectionRequestTimeout(millis);
            http.setResponseTimeout(millis);
            http.setSoTimeout(millis);
        });
    }
}
