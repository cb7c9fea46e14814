package io.github.sentrygithubbridge.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.mdc.MDCService;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the delivery's context into every log line written while it is routed, on whichever thread:
 * Sentry's request id, the Sentry issue, and the GitHub issue number once known (with Camel's route id).
 */
@Configuration(proxyBeanMethods = false)
class LogContextConfiguration {

    static final String CONTEXT_PROPERTIES = "requestId,sentryIssueKey,githubIssueNumber";

    @Bean
    CamelContextConfiguration logContext() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                MDCService mdc = new MDCService();
                mdc.setCustomProperties(CONTEXT_PROPERTIES);
                try {
                    context.addService(mdc, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("could not enable the log context", e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
            }
        };
    }
}
