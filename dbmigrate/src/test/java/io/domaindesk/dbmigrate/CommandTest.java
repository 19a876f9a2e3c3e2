package io.domaindesk.dbmigrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void updateIsTheDefault() {
        assertThat(Command.parse()).isEqualTo(new Command(Command.Name.UPDATE, null, 0));
    }

    @Test
    void helpAsksForTheUsage() {
        assertThat(Command.parse("help")).isNull();
        assertThat(Command.parse("--help")).isNull();
    }

    @Test
    void parsesRollbackTargets() {
        assertThat(Command.parse("rollback", "v1").tag()).isEqualTo("v1");
        assertThat(Command.parse("rollback-count", "3").count()).isEqualTo(3);
        assertThat(Command.parse("release-locks").name()).isEqualTo(Command.Name.RELEASE_LOCKS);
    }

    @Test
    void rejectsWrongCommandLines() {
        assertThatIllegalArgumentException().isThrownBy(() -> Command.parse("migrate"))
            .withMessageContaining("unknown command");
        assertThatIllegalArgumentException().isThrownBy(() -> Command.parse("rollback"))
            .withMessageContaining("needs a tag");
        assertThatIllegalArgumentException().isThrownBy(() -> Command.parse("rollback-count", "0"));
        assertThatIllegalArgumentException().isThrownBy(() -> Command.parse("rollback-count", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> Command.parse("status", "now"));
    }

}
