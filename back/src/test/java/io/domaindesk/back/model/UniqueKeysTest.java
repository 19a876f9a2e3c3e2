package io.domaindesk.back.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLIntegrityConstraintViolationException;

import io.domaindesk.back.error.ConflictException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class UniqueKeysTest {

    @Test
    void aWriteThatBreaksNoConstraintReturnsItsResult() {
        assertThat(UniqueKeys.write(() -> "saved", "taken")).isEqualTo("saved");
    }

    @Test
    void aBrokenUniqueKeyBecomesTheConflictGiven() {
        assertThatThrownBy(() -> UniqueKeys.write(() -> {
            throw broken(ConstraintKind.UNIQUE);
        }, "Domain example.com is already in the inventory.")).isInstanceOf(ConflictException.class)
            .hasMessage("Domain example.com is already in the inventory.");
    }

    @Test
    void anyOtherBrokenConstraintIsThrownAsItIs() {
        DataIntegrityViolationException foreignKey = broken(ConstraintKind.FOREIGN_KEY);
        DataIntegrityViolationException unknownCause = new DataIntegrityViolationException("no cause");

        assertThatThrownBy(() -> UniqueKeys.write(() -> {
            throw foreignKey;
        }, "taken")).isSameAs(foreignKey);
        assertThatThrownBy(() -> UniqueKeys.write(() -> {
            throw unknownCause;
        }, "taken")).isSameAs(unknownCause);
    }

    /**
     * As Spring translates Hibernate's exception for a statement the database refused.
     */
    private static DataIntegrityViolationException broken(ConstraintKind kind) {
        return new DataIntegrityViolationException("refused", new ConstraintViolationException("refused",
                new SQLIntegrityConstraintViolationException("refused"), "insert ...", kind, "some_key"));
    }

}
