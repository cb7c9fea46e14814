package io.github.sentrygithubbridge;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code {{millis:some.setting}}} in a route: an ISO-8601 duration setting (PT1S) as milliseconds.
 * Camel's own duration parsing reads "PT1S" as 0, which would silently switch pacing off.
 */
@Component
class MillisPropertiesFunction implements PropertiesFunction, CamelContextConfiguration {

    private final Environment environment;

    MillisPropertiesFunction(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String getName() {
        return "millis";
    }

    @Override
    public String apply(String key) {
        String value = environment.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        try {
            return Long.toString(Duration.parse(value.trim()).toMillis());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT1S; got '" + value + "'", e);
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        context.getPropertiesComponent().addPropertiesFunction(this);
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
    }
}
