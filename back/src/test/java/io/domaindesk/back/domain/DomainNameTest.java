package io.domaindesk.back.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    private final DomainName.Validator validator = new DomainName.Validator();

    @ParameterizedTest
    @ValueSource(strings = { "example.com", "a.b.c.example.co.uk", "xn--bcher-kva.example", "shop.xn--p1ai",
            "1password.com", "my-site.io", "x.org" })
    void acceptsLowerCaseFullyQualifiedNames(String name) {
        assertThat(validator.isValid(name, null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Example.com", "localhost", "example.com.", "-bad.com", "bad-.com", "a..com",
            "bücher.example", "under_score.com", "example.c0m", "space .com", "" })
    void rejectsEverythingElse(String name) {
        assertThat(validator.isValid(name, null)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void rejectsNamesLongerThan253Characters() {
        String label = "a".repeat(63);
        String name = String.join(".", label, label, label, label) + ".com";
        assertThat(name.length()).isGreaterThan(253);
        assertThat(validator.isValid(name, null)).isFalse();
    }

}
