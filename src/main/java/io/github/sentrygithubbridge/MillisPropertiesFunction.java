package io.github.sentrygithubbridge;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code {{millis:some.setting}}} in a route: a duration setting (PT1S or 1s) as milliseconds.
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
        // read the way Spring binds the same setting: PT1S and 1s alike
        return Long.toString(Settings.duration(key, value, "PT1S").toMillis());
    }

    @Override
    public void beforeApplicationStart(CamelContext context) {
        context.getPropertiesComponent().addPropertiesFunction(this);
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
    }
}
