package io.domaindesk.back.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.BackProperties;
import io.domaindesk.back.MigratedDatabase;
import io.domaindesk.back.user.UserRepository;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A failed sign-in costs one bcrypt verification whether or not the e-mail exists, so its
 * timing does not reveal which accounts exist. Counted, not timed: timings are noisy.
 */
class SignInCostTest extends ApiTest {

    @Autowired
    UserRepository users;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    BackProperties properties;

    @Autowired
    Clock clock;

    @Test
    void unknownEmailAndWrongPasswordBothCostOneHashVerification() {
        CountingEncoder encoder = new CountingEncoder();
        TokenService tokens = new TokenService(users, encoder, jwtEncoder, properties, clock);

        encoder.matches.set(0);
        assertThat(tokens.issue("nobody@domaindesk.test", "wrong-password")).isEmpty();
        int forUnknownEmail = encoder.matches.get();

        encoder.matches.set(0);
        assertThat(tokens.issue(MigratedDatabase.ADMIN_EMAIL, "wrong-password")).isEmpty();
        int forWrongPassword = encoder.matches.get();

        assertThat(forUnknownEmail).isEqualTo(1).isEqualTo(forWrongPassword);
    }

    @Test
    void storedHashesAreBcryptWithACostOfAtLeastTen() {
        String hash = users.findByEmail(MigratedDatabase.ADMIN_EMAIL).orElseThrow().getPasswordHash();
        assertThat(hash).matches("\\{bcrypt}\\$2[aby]\\$(1[0-9]|[2-9][0-9])\\$.{53}");
    }

    static final class CountingEncoder implements PasswordEncoder {

        final AtomicInteger matches = new AtomicInteger();

        private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matches.incrementAndGet();
            return delegate.matches(raw, encoded);
        }

    }

}
