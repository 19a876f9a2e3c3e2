package io.domaindesk.dbmigrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminAccountTest {

    @Test
    void acceptsAnAddressAndALongEnoughPassword() {
        assertThat(new AdminAccount("admin@example.com", "twelve chars").problems()).isEmpty();
    }

    @Test
    void keepsTheEmailTheWayTheApiStoresIt() {
        assertThat(new AdminAccount(" Admin@Example.COM ", "twelve chars").email()).isEqualTo("admin@example.com");
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(new AdminAccount(null, null).problems()).containsExactly("ADMIN_EMAIL is not set",
                "ADMIN_PASSWORD is not set");
        assertThat(new AdminAccount("admin", "eleven char").problems())
            .containsExactly("ADMIN_EMAIL is not an e-mail address", "ADMIN_PASSWORD is shorter than 12 characters");
    }

    @Test
    void countsBytesNotCharactersForBcryptsLimit() {
        // 36 characters, 72 bytes: accepted; one more byte is not.
        assertThat(new AdminAccount("a@b.co", "é".repeat(36)).problems()).isEmpty();
        assertThat(new AdminAccount("a@b.co", "é".repeat(36) + "x").problems())
            .containsExactly("ADMIN_PASSWORD is longer than 72 bytes (bcrypt would ignore the rest)");
    }

    @Test
    void neverShowsThePassword() {
        assertThat(new AdminAccount("a@b.co", "secret secret")).asString().doesNotContain("secret");
    }

}
