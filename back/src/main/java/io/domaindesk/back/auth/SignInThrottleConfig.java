package io.domaindesk.back.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.mysql.Bucket4jMySQL;
import io.github.bucket4j.mysql.MySQLSelectForUpdateBasedProxyManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Where {@link SignInThrottle} keeps its budgets: Bucket4j buckets in the
 * {@code sign_in_throttle} table (dbmigrate v3), locked with SELECT ... FOR UPDATE, so
 * every replica draws on the same budget and scaling out does not multiply it.
 */
@Configuration
@EnableScheduling
@Conditional(TokenIssuerConfig.BuiltInIssuer.class)
class SignInThrottleConfig {

    /** A row is kept this long after its budget is full again, then deleted. */
    private static final Duration KEEP_WHEN_FULL = Duration.ofMinutes(1);

    @Bean
    MySQLSelectForUpdateBasedProxyManager<Long> signInBuckets(DataSource dataSource, Clock clock) {
        return Bucket4jMySQL.selectForUpdateBasedBuilder(dataSource)
            .table("sign_in_throttle")
            .clientClock(timeMeter(clock))
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_WHEN_FULL))
            .build();
    }

    /**
     * Bucket4j reads the time through the application's clock (ClockConfig), which tests
     * may move forward instead of sleeping.
     */
    static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

}
