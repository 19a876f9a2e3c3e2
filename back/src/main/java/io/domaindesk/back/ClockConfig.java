package io.domaindesk.back;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of the current time (token issue and expiry, auditing timestamps,
 * "expiring within N days"): UTC, like every timestamp of the API; tests may replace it.
 */
@Configuration
class ClockConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
