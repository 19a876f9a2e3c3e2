package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.domaindesk.back.error.PreconditionFailedException;
import io.domaindesk.back.model.AuditedEntity;
import org.junit.jupiter.api.Test;

/** If-Match, read as the versions a change may apply to. */
class ETagsTest {

    /** An entity at version 3. */
    private static final AuditedEntity AT_VERSION_3 = new AuditedEntity() {
        @Override
        public long getVersion() {
            return 3;
        }
    };

    @Test
    void withoutIfMatchOrWithAStarAnyVersionMayChange() {
        assertThatNoException().isThrownBy(() -> ETags.ifMatch(null).check(AT_VERSION_3));
        assertThatNoException().isThrownBy(() -> ETags.ifMatch("*").check(AT_VERSION_3));
    }

    @Test
    void theCurrentVersionMayChange() {
        assertThatNoException().isThrownBy(() -> ETags.ifMatch(ETags.of(3)).check(AT_VERSION_3));
        assertThatNoException().isThrownBy(() -> ETags.ifMatch("\"2\", \"3\"").check(AT_VERSION_3));
    }

    @Test
    void anOlderVersionAWeakTagOrGarbageIsRefused() {
        assertThatThrownBy(() -> ETags.ifMatch("\"2\"").check(AT_VERSION_3))
            .isInstanceOf(PreconditionFailedException.class)
            .hasMessageContaining("current version 3");
        assertThatThrownBy(() -> ETags.ifMatch("W/\"3\"").check(AT_VERSION_3))
            .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> ETags.ifMatch("\"three\"").check(AT_VERSION_3))
            .isInstanceOf(PreconditionFailedException.class);
    }

}
