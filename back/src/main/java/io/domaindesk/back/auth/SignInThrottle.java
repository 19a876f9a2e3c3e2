package io.domaindesk.back.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import io.domaindesk.back.BackProperties;
import io.domaindesk.back.user.UserService;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions.BucketExecutionException;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.mysql.MySQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Limits failed sign-ins per account (the e-mail, lower-cased) and per client address,
 * with one token bucket each: a sign-in takes a token from both before its password is
 * checked, a successful one gives them back. An empty bucket refuses the attempt (429)
 * without checking the password, so a throttled guess costs no bcrypt, and even the right
 * password waits. docs/security.md "Sign-in throttling" explains the choices.
 */
@Component
@Conditional(TokenIssuerConfig.BuiltInIssuer.class)
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final MySQLSelectForUpdateBasedProxyManager<Long> buckets;

    private final Budget perAccount;

    private final Budget perAddress;

    private final MeterRegistry meters;

    SignInThrottle(MySQLSelectForUpdateBasedProxyManager<Long> signInBuckets, BackProperties properties,
            MeterRegistry meters) {
        this.buckets = signInBuckets;
        BackProperties.SignIn limits = properties.signIn();
        this.perAccount = new Budget(Reason.ACCOUNT, limits.accountFailures(), limits.accountWindow());
        this.perAddress = new Budget(Reason.ADDRESS, limits.addressFailures(), limits.addressWindow());
        this.meters = meters;
        // Published at 0 from the start, so that rate() sees the first throttled attempt.
        for (Reason reason : Reason.values()) {
            counter(reason);
        }
    }

    /**
     * {@code failures} at once, then one more every {@code window / failures} (a greedy
     * refill): never more than {@code failures} per window on average.
     */
    private record Budget(Reason reason, int failures, Duration window) {

        BucketConfiguration configuration() {
            return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, window))
                .build();
        }

        /**
         * The row's key: 64 bits of SHA-256, so that the table holds neither e-mails nor
         * addresses. The limits are part of it because a row keeps the configuration it
         * was created with: new limits start new budgets instead of being ignored.
         */
        long key(String value) {
            String name = reason.tag + ":" + failures + "/" + window + ":" + value;
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
                return ByteBuffer.wrap(hash).getLong();
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JVM has SHA-256", e);
            }
        }

    }

    /**
     * Takes one attempt from the account's and the address's budgets, or refuses the
     * sign-in with 429 and Retry-After when either is spent (a refused attempt takes
     * nothing).
     */
    public Attempt begin(String email, String address) {
        String account = UserService.normalise(email);
        BucketProxy accountBudget = bucket(perAccount, account);
        BucketProxy addressBudget = bucket(perAddress, address);
        try {
            ConsumptionProbe probe = accountBudget.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw throttled(Reason.ACCOUNT, account, address, probe);
            }
            probe = addressBudget.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                accountBudget.addTokens(1);
                throw throttled(Reason.ADDRESS, account, address, probe);
            }
        }
        catch (BucketExecutionException e) {
            // The database is away: answered 503 like every other database failure.
            throw new DataAccessResourceFailureException("Sign-in budgets unavailable", e);
        }
        return new Attempt(accountBudget, addressBudget);
    }

    /** One sign-in attempt that passed the throttle. */
    public record Attempt(BucketProxy account, BucketProxy address) {

        /**
         * The right password: gives back what {@link #begin} took. It does not refill the
         * budgets either, or an attacker could reset an address's budget with an account
         * of their own.
         */
        public void succeeded() {
            try {
                account.addTokens(1);
                address.addTokens(1);
            }
            catch (BucketExecutionException e) {
                // The token is issued all the same; this attempt stays a failure.
                log.warn("Could not give back a successful sign-in's budget: {}", e.getMessage());
            }
        }

    }

    /**
     * Deletes the rows of budgets that are full again (a missing row is a full budget),
     * so that guessed e-mails and addresses do not pile up. Every replica may run it.
     */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void removeFullBudgets() {
        try {
            // In batches, so that no single DELETE holds many row locks.
            while (buckets.removeExpired(1000) == 1000) {
                log.debug("Deleted 1000 full sign-in budgets");
            }
        }
        catch (BucketExecutionException e) {
            log.warn("Could not delete full sign-in budgets: {}", e.getMessage());
        }
    }

    /** A handle on one budget; its row is created on first use. */
    private BucketProxy bucket(Budget budget, String value) {
        BucketConfiguration configuration = budget.configuration();
        return buckets.getProxy(budget.key(value), () -> configuration);
    }

    private ErrorResponseException throttled(Reason reason, String account, String address, ConsumptionProbe probe) {
        // Whole seconds, rounded up: retrying after them finds a token.
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
        counter(reason).increment();
        // Never the password; the e-mail tells operators which account is attacked.
        log.warn("Sign-in throttled ({} budget spent): account {}, address {}, retry after {} s", reason.tag, account,
                address, retryAfter);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed sign-ins; retry in " + retryAfter + " seconds.");
        // ApiExceptionHandler renders it with its headers, typed like every problem.
        ErrorResponseException refused = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return refused;
    }

    private Counter counter(Reason reason) {
        return Counter.builder("domaindesk.signin.throttled")
            .description("Sign-in attempts refused with 429 because a budget of failures was spent")
            .tag("reason", reason.tag)
            .register(meters);
    }

    enum Reason {

        ACCOUNT("account"), ADDRESS("address");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

    }

}
