package io.domaindesk.dbmigrate;

import java.util.List;

/**
 * What the command line asks for: the first argument names the command, a second one is
 * the rollback target where the command takes one.
 */
public record Command(Name name, String tag, int count) {

    public enum Name {

        UPDATE, STATUS, VALIDATE, ROLLBACK, ROLLBACK_COUNT, RELEASE_LOCKS;

        String label() {
            return name().toLowerCase().replace('_', '-');
        }

    }

    public static final String USAGE = "usage: dbmigrate [update | status | validate | rollback <tag> | rollback-count <n> | release-locks]";

    /**
     * Parses the arguments; {@code null} means "show the usage" ({@code help}).
     * @throws IllegalArgumentException saying what is wrong with the arguments
     */
    public static Command parse(String... args) {
        List<String> arguments = args.length == 0 ? List.of("update") : List.of(args);
        String first = arguments.getFirst();
        if (List.of("help", "-h", "--help").contains(first)) {
            return null;
        }
        Name name = switch (first) {
            case "update" -> Name.UPDATE;
            case "status" -> Name.STATUS;
            case "validate" -> Name.VALIDATE;
            case "rollback" -> Name.ROLLBACK;
            case "rollback-count" -> Name.ROLLBACK_COUNT;
            case "release-locks" -> Name.RELEASE_LOCKS;
            default -> throw new IllegalArgumentException("unknown command '" + first + "'");
        };
        int expected = name == Name.ROLLBACK || name == Name.ROLLBACK_COUNT ? 2 : 1;
        if (arguments.size() < expected) {
            throw new IllegalArgumentException(first + " needs " + (name == Name.ROLLBACK ? "a tag" : "a count"));
        }
        if (arguments.size() > expected) {
            throw new IllegalArgumentException("unexpected argument '" + arguments.get(expected) + "'");
        }
        return switch (name) {
            case ROLLBACK -> new Command(name, arguments.get(1), 0);
            case ROLLBACK_COUNT -> new Command(name, null, positive(arguments.get(1)));
            default -> new Command(name, null, 0);
        };
    }

    private static int positive(String count) {
        try {
            int value = Integer.parseInt(count);
            if (value > 0) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("rollback-count needs a positive number, not '" + count + "'");
    }

    @Override
    public String toString() {
        return switch (name) {
            case ROLLBACK -> "rollback " + tag;
            case ROLLBACK_COUNT -> "rollback-count " + count;
            default -> name.label();
        };
    }
}
