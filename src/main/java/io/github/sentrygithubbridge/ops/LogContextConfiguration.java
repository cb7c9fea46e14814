package io.github.sentrygithubbridge.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.engine.MDCUnitOfWork;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the delivery's context into every log line written while it is routed, on whichever thread:
 * Sentry's request id, the Sentry issue, and the GitHub issue number once known, beside Camel's own
 * {@code camel.routeId}: Camel core's MDC unit of work with three more keys, read from the exchange's
 * properties. It is installed as the unit of work factory rather than switched on with use-mdc-logging, which
 * Camel 4.22 logs as deprecated at every start in favour of camel-mdc (not served at 4.22 here). Camel's SPI
 * for this is a unit of work, so it takes an Exchange.
 */
@Configuration(proxyBeanMethods = false)
class LogContextConfiguration {

    static final String[] CONTEXT_PROPERTIES = {"requestId", "sentryIssueKey", "githubIssueNumber"};

    @Bean
    CamelContextConfiguration logContext() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                context.getCamelContextExtension().addContextPlugin(UnitOfWorkFactory.class, LogContextUnitOfWork::new);
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
            }
        };
    }

    /**
     * Camel's MDC unit of work, which also puts the delivery's own keys while a processor runs. Like Camel's own
     * keys, what the thread held before (an outer exchange's, when this one runs nested on its thread) is put back
     * when it is done, and a key this exchange does not have is not left over from another.
     */
    static final class LogContextUnitOfWork extends MDCUnitOfWork {

        private String[] originals;

        LogContextUnitOfWork(Exchange exchange) {
            super(exchange, exchange.getContext().getInflightRepository(), null,
                    exchange.getContext().isAllowUseOriginalMessage(), exchange.getContext().isUseBreadcrumb());
        }

        @Override
        protected void prepareMDC(Exchange exchange) {
            // the first call comes from the super constructor, before this one's fields are set: the values
            // the thread held before this unit of work are taken then, once
            if (originals == null) {
                originals = new String[CONTEXT_PROPERTIES.length];
                for (int i = 0; i < CONTEXT_PROPERTIES.length; i++) {
                    originals[i] = MDC.get(CONTEXT_PROPERTIES[i]);
                }
            }
            super.prepareMDC(exchange);
            for (String key : CONTEXT_PROPERTIES) {
                Object value = exchange.getProperty(key);
                if (value != null) {
                    MDC.put(key, value.toString());
                } else {
                    MDC.remove(key);
                }
            }
        }

        @Override
        public UnitOfWork newInstance(Exchange exchange) {
            return new LogContextUnitOfWork(exchange);
        }

        @Override
        public void clear() {
            super.clear();
            for (int i = 0; i < CONTEXT_PROPERTIES.length; i++) {
                String original = originals[i];
                if (original != null) {
                    MDC.put(CONTEXT_PROPERTIES[i], original);
                } else {
                    MDC.remove(CONTEXT_PROPERTIES[i]);
                }
            }
        }
    }
}
