package io.domaindesk.back.auth;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.domaindesk.back.user.TokensRevoked;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The users' current token versions, each read from its row and remembered for
 * {@link #REMEMBERED_FOR}: a client sends many requests a second with one token, and a
 * read per request was 6 % of a read's CPU plus two statements on the database
 * (docs/performance.md).
 *
 * <p>
 * The replica that revokes a user's tokens forgets that user once the change is
 * committed, so its next request is refused at once; the other replicas refuse it within
 * {@link #REMEMBERED_FOR}, when their copy expires. That is the whole delay a revocation
 * can have (docs/security.md).
 */
@Component
class TokenVersions {

    static final Duration REMEMBERED_FOR = Duration.ofSeconds(1);

    /** Users remembered per replica at most: well under a MB of heap. */
    private static final int MAXIMUM_USERS = 10_000;

    private final JdbcClient jdbc;

    /** Empty for a user who no longer exists. */
    private final Cache<Long, Optional<Long>> current = Caffeine.newBuilder()
        .maximumSize(MAXIMUM_USERS)
        .expireAfterWrite(REMEMBERED_FOR)
        .build();

    TokenVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the user exists and their token version is {@code version}. */
    boolean isCurrent(long userId, long version) {
        // A database error is thrown as is, and nothing is remembered.
        Optional<Long> stored = current.get(userId, this::read);
        return stored.isPresent() && stored.get() == version;
    }

    @TransactionalEventListener
    void forget(TokensRevoked revoked) {
        current.invalidate(revoked.userId());
    }

    private Optional<Long> read(long userId) {
        return jdbc.sql("SELECT token_version FROM users WHERE id = ?").param(userId).query(Long.class).optional();
    }

}
