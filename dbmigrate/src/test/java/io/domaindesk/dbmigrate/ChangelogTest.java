package io.domaindesk.dbmigrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import liquibase.change.Change;
import liquibase.change.core.InsertDataChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.change.custom.CustomTaskRollback;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.core.MariaDBDatabase;
import liquibase.database.core.MySQLDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.junit.jupiter.api.Test;

/** Rules every changeset must follow, checked on the changelog itself (no database). */
class ChangelogTest {

    private final List<ChangeSet> changeSets = parse().getChangeSets();

    @Test
    void newestTagIsTheSchemaTagTheBackRequires() {
        String required = System.getProperty("schema.tag");
        assertThat(required).as("the schema.tag system property (set by the POM)").isNotBlank();
        ChangeSet last = changeSets.getLast();
        assertThat(last.getChanges()).singleElement().isInstanceOf(TagDatabaseChange.class);
        assertThat(((TagDatabaseChange) last.getChanges().getFirst()).getTag()).isEqualTo(required);
    }

    @Test
    void everyChangeSetCanBeRolledBack() {
        for (Database database : List.of(new MySQLDatabase(), new MariaDBDatabase())) {
            for (ChangeSet changeSet : changeSets) {
                boolean explicit = !changeSet.getRollback().getChanges().isEmpty();
                for (Change change : changeSet.getChanges()) {
                    assertThat(explicit || supportsRollback(change, database))
                        .as("%s has a rollback on %s", changeSet, database.getShortName())
                        .isTrue();
                }
            }
        }
    }

    @Test
    void everySchemaChangeIsAloneInItsChangeSet() {
        // MySQL commits each DDL statement at once: two in one changeset could be
        // half-applied.
        for (ChangeSet changeSet : changeSets) {
            boolean hasInsertsOnly = changeSet.getChanges().stream().allMatch(InsertDataChange.class::isInstance);
            assertThat(hasInsertsOnly || changeSet.getChanges().size() == 1).as("%s", changeSet).isTrue();
        }
    }

    @Test
    void everyChangeSetChecksThatItsWorkIsNotAlreadyDone() {
        // A migrator killed between a statement and its DATABASECHANGELOG row is resumed,
        // not
        // failed on "table already exists". A tag has nothing to find already done.
        for (ChangeSet changeSet : changeSets) {
            if (changeSet.getChanges().stream().allMatch(TagDatabaseChange.class::isInstance)) {
                continue;
            }
            PreconditionContainer preconditions = changeSet.getPreconditions();
            assertThat(preconditions).as("%s has preconditions", changeSet).isNotNull();
            assertThat(preconditions.getNestedPreconditions()).as("%s has preconditions", changeSet).isNotEmpty();
            assertThat(preconditions.getOnFail()).as("%s onFail", changeSet)
                .isEqualTo(PreconditionContainer.FailOption.MARK_RAN);
        }
    }

    private static boolean supportsRollback(Change change, Database database) {
        // A custom change is loaded lazily; what counts is whether its class can roll
        // back.
        if (change instanceof CustomChangeWrapper custom) {
            try {
                return CustomTaskRollback.class.isAssignableFrom(Class.forName(custom.getClassName()));
            }
            catch (ClassNotFoundException e) {
                return false;
            }
        }
        return change.supportsRollback(database);
    }

    private static DatabaseChangeLog parse() {
        try {
            ResourceAccessor resources = new ClassLoaderResourceAccessor();
            return ChangeLogParserFactory.getInstance()
                .getParser(Migrator.CHANGELOG, resources)
                .parse(Migrator.CHANGELOG, new ChangeLogParameters(), resources);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
