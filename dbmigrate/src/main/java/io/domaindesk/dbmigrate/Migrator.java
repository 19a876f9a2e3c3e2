package io.domaindesk.dbmigrate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.RanChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.StatusCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.ValidateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.integration.spring.SpringResourceAccessor;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.lockservice.StandardLockService;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/** Runs one {@link Command} through Liquibase's command API on one connection. */
@Component
public class Migrator {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    private final DataSource dataSource;

    private final String url;

    private final ResourceLoader resourceLoader;

    private final DbMigrateProperties properties;

    Migrator(DataSource dataSource, DataSourceProperties dataSourceProperties, ResourceLoader resourceLoader,
            DbMigrateProperties properties) {
        this.dataSource = dataSource;
        // Shown in messages: without the query string, which may carry credentials.
        this.url = dataSourceProperties.getUrl().replaceFirst("\\?.*", "");
        this.resourceLoader = resourceLoader;
        this.properties = properties;
    }

    /**
     * Runs the command; returns {@code null} on success, else why it failed, in one line.
     */
    public String run(Command command) {
        Database database;
        try {
            database = connect();
        }
        catch (SQLException | DatabaseException e) {
            log.debug("Cannot connect to {}", url, e);
            return "cannot connect to " + url + ": " + Failures.describe(e);
        }
        try (database) {
            Scope.child(scope(command), () -> execute(command, database));
            return null;
        }
        catch (Exception e) {
            // The stack trace is for developers: LOGGING_LEVEL_IO_DOMAINDESK=debug shows
            // it.
            log.debug("{} failed", command, e);
            return command + " failed: " + Failures.describe(e);
        }
    }

    private Database connect() throws SQLException, DatabaseException {
        return DatabaseFactory.getInstance()
            .findCorrectDatabaseImplementation(new JdbcConnection(dataSource.getConnection()));
    }

    private Map<String, Object> scope(Command command) {
        Map<String, Object> scope = new HashMap<>();
        // Reads the changelog from the application's class path, inside the Boot jar too.
        scope.put(Scope.Attr.resourceAccessor.name(), new SpringResourceAccessor(resourceLoader));
        // Liquibase's progress messages go to the log (JSON when LOG_FORMAT=json), not to
        // System.out.
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        // A migration job must not call home (and has no route out in most clusters).
        scope.put(AnalyticsArgs.ENABLED.getKey(), false);
        if (command.name() == Command.Name.UPDATE) {
            scope.put(FirstAdministrator.ACCOUNT, properties.admin());
        }
        return scope;
    }

    private void execute(Command command, Database database) throws Exception {
        LockService lock = LockServiceFactory.getInstance().getLockService(database);
        log.info("{} on {} ({} {}, lock: {})", command, url, database.getDatabaseProductName(),
                database.getDatabaseProductVersion(), lock.getClass().getSimpleName());
        switch (command.name()) {
            // The summary goes to the log once (by default Liquibase writes it twice).
            case UPDATE -> locked(lock, () -> run(liquibase(UpdateCommandStep.COMMAND_NAME, database)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)));
            case ROLLBACK -> locked(lock, () -> run(liquibase(RollbackCommandStep.COMMAND_NAME, database)
                .addArgumentValue(RollbackCommandStep.TAG_ARG, command.tag())));
            case ROLLBACK_COUNT -> locked(lock, () -> run(liquibase(RollbackCountCommandStep.COMMAND_NAME, database)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, command.count())));
            case STATUS -> run(liquibase(StatusCommandStep.COMMAND_NAME, database)
                .addArgumentValue(StatusCommandStep.VERBOSE_ARG, true));
            case VALIDATE -> run(liquibase(ValidateCommandStep.COMMAND_NAME, database));
            case RELEASE_LOCKS -> releaseLocks(database, lock);
        }
        if (command.name() != Command.Name.RELEASE_LOCKS) {
            log.info("{} done; database tag: {}", command, currentTag(database));
        }
    }

    /**
     * Runs a command that changes the schema under the changelog lock, taken here rather
     * than by Liquibase: Liquibase creates DATABASECHANGELOG before it takes the lock, so
     * two migrators starting on an empty database would both try. Liquibase then finds
     * the lock already held by this connection.
     */
    private static void locked(LockService lock, Scope.ScopedRunner work) throws Exception {
        lock.waitForLock();
        try {
            work.run();
        }
        finally {
            lock.releaseLock();
        }
    }

    private CommandScope liquibase(String[] name, Database database) throws Exception {
        return new CommandScope(name).addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
            .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG);
    }

    private static void run(CommandScope command) throws Exception {
        LoggingOutput output = new LoggingOutput();
        command.setOutput(output).execute();
        output.flush();
    }

    /**
     * Clears the row lock of DATABASECHANGELOGLOCK that a migrator without the
     * session-lock extension (an older image, the Liquibase CLI) leaves behind when it is
     * killed. The session lock this migrator uses needs no such command: the server drops
     * it with the connection of its holder.
     */
    private void releaseLocks(Database database, LockService sessionLock) throws Exception {
        StandardLockService rowLock = new StandardLockService();
        rowLock.setDatabase(database);
        DatabaseChangeLogLock[] rowLocks = rowLock.listLocks();
        if (rowLocks.length == 0) {
            log.info("No row lock in {}: nothing to release", database.getDatabaseChangeLogLockTableName());
        }
        else {
            for (DatabaseChangeLogLock lock : rowLocks) {
                log.info("Releasing the row lock held by {} since {}", lock.getLockedBy(), lock.getLockGranted());
            }
            rowLock.forceReleaseLock();
        }
        if (!(sessionLock instanceof StandardLockService)) {
            for (DatabaseChangeLogLock lock : sessionLock.listLocks()) {
                log.info("A migrator is running: session {} holds the session lock (it ends with that connection)",
                        lock.getLockedBy());
            }
        }
    }

    private static String currentTag(Database database) throws Exception {
        ChangeLogHistoryService history = Scope.getCurrentScope()
            .getSingleton(ChangeLogHistoryServiceFactory.class)
            .getChangeLogService(database);
        history.reset();
        List<RanChangeSet> ran = history.getRanChangeSets();
        return ran.reversed()
            .stream()
            .map(RanChangeSet::getTag)
            .filter(tag -> tag != null)
            .findFirst()
            .orElse("(none)");
    }

    /** Sends what a command reports (status, validate) to the log, one entry per line. */
    private static final class LoggingOutput extends ByteArrayOutputStream {

        @Override
        public void flush() {
            String text = toString(StandardCharsets.UTF_8);
            reset();
            text.lines().filter(line -> !line.isBlank()).forEach(line -> log.info("{}", line));
        }

    }

}
