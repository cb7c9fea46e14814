package io.github.sentrygithubbridge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bridge's JSON mapper: Jackson 2, the line Camel 4.22's JSON data format is built on, configured as
 * Spring Boot 3 configured it (ISO-8601 times, unknown fields ignored), so payloads read and written are
 * unchanged. Camel's data format finds it (camel.dataformat.jackson.auto-discover-object-mapper). Spring
 * Boot 4's own JSON (actuator, /health) is Jackson 3 and never sees our types.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .build();
    }
}
