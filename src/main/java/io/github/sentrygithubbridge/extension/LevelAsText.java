package io.github.sentrygithubbridge.extension;

import io.github.sentrygithubbridge.sentry.Level;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.TypeConverterSupport;
import org.springframework.stereotype.Component;

/**
 * {@code ${exchangeProperty.sentryAlert.level}} reads as Sentry spells it (error, fatal) in an engineer's route, as it
 * does in templates and the README: without this, Spring's conversion (which Camel falls back to) writes the enum's
 * name (ERROR).
 */
@Component
public class LevelAsText implements CamelContextConfiguration {

    @Override
    public void beforeApplicationStart(CamelContext context) {
        context.getTypeConverterRegistry().addTypeConverter(String.class, Level.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
                return type.cast(((Level) value).label());
            }
        });
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        // added before the routes start
    }
}
