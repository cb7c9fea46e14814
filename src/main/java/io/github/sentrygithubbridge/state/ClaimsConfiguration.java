package io.github.sentrygithubbridge.state;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.camel.spring.processor.idempotent.SpringCacheIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The claim on each Sentry issue that the idempotent consumer takes: one GitHub issue per Sentry issue.
 * Caffeine keeps it bounded and expiring, and its putIfAbsent makes the claim atomic.
 */
@Configuration(proxyBeanMethods = false)
class ClaimsConfiguration {

    static final String CLAIMS = "sentry-issue-claims";

    @Bean
    CaffeineCacheManager claimsCacheManager(TrackingProperties tracking) {
        CaffeineCacheManager manager = new CaffeineCacheManager(CLAIMS);
        manager.setCaffeine(Caffeine.newBuilder().maximumSize(tracking.maxIssues()).expireAfterAccess(tracking.ttl()).recordStats());
        manager.setAllowNullValues(false);
        return manager;
    }

    @Bean("sentryIssueClaims")
    IdempotentRepository sentryIssueClaims(CaffeineCacheManager claimsCacheManager) {
        return new SpringCacheIdempotentRepository(claimsCacheManager, CLAIMS);
    }
}
