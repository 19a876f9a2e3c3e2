import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The bare limit the back is measured against: the JDK's HttpServer and plain JDBC, no
 * framework, serving the back's JSON for three endpoints on the back's database.
 * <ul>
 * <li>GET /api/v1/domains/{id}: one domain with its owner (one SELECT with a join);</li>
 * <li>GET /api/v1/domains?page=&size=: a page sorted by name, owners included, and the
 * page metadata (one SELECT of the page joined to the owners, one SELECT COUNT);</li>
 * <li>POST /api/v1/domains: the owner's row, the INSERT (a taken name is refused by the
 * unique key: 409), the created domain built from both.</li>
 * </ul>
 * It checks only that an Authorization header is present (no token verification) and reads
 * the POST body with a lenient pattern for flat JSON objects (no full validation): what the
 * back does on top of this is part of what the comparison shows.
 * <p>
 * Run: {@code java -cp mysql-connector-j.jar Baseline.java} with PORT, DB_URL, DB_USER and
 * DB_PASSWORD in the environment. It listens on 127.0.0.1 only. GET /ready answers 200 once
 * every database connection is open.
 */
public class Baseline {

    /** Worker threads, each with its own connection: the size of the back's Hikari pool. */
    private static final int WORKERS = Integer.parseInt(System.getenv().getOrDefault("WORKERS", "10"));

    private static final String COLUMNS = """
            select d.id, d.name, d.registrar, d.expires_at, d.notes, d.version, d.created_at, d.updated_at,
                   u.id, u.email, u.first_name, u.last_name
            from domains d join users u on u.id = d.owner_id
            """;

    private static final ThreadLocal<Connection> CONNECTION = new ThreadLocal<>();

    public static void main(String[] args) throws IOException {
        String url = require("DB_URL");
        String user = require("DB_USER");
        String password = require("DB_PASSWORD");
        int port = Integer.parseInt(require("PORT"));

        // Open every connection before listening, so that /ready means "can serve".
        var executor = (ThreadPoolExecutor) Executors.newFixedThreadPool(WORKERS, runnable -> new Thread(() -> {
            try {
                CONNECTION.set(DriverManager.getConnection(url, user, password));
            } catch (SQLException e) {
                System.err.println("Cannot connect to " + url + ": " + e.getMessage());
                System.exit(1);
            }
            runnable.run();
        }));
        executor.prestartAllCoreThreads();

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(executor);
        server.createContext("/ready", exchange -> {
            try (exchange) {
                send(exchange, 200, "{\"status\":\"UP\"}", null);
            }
        });
        server.createContext("/api/v1/domains", Baseline::domains);
        server.start();
        System.out.println("Baseline listening on 127.0.0.1:" + port + " with " + WORKERS + " connections");
    }

    private static void domains(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                send(exchange, 401, "{\"status\":401,\"title\":\"Unauthorized\"}", null);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/api/v1/domains") && method.equals("GET")) {
                page(exchange);
            } else if (path.equals("/api/v1/domains") && method.equals("POST")) {
                create(exchange);
            } else if (path.matches("/api/v1/domains/\\d+") && method.equals("GET")) {
                readOne(exchange, Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
            } else {
                send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}", null);
            }
        } catch (SQLException | RuntimeException e) {
            e.printStackTrace();
            send(exchange, 500, "{\"status\":500,\"title\":\"Internal Server Error\"}", null);
        }
    }

    private static void readOne(HttpExchange exchange, long id) throws IOException, SQLException {
        try (PreparedStatement select = connection().prepareStatement(COLUMNS + " where d.id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    send(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}", null);
                    return;
                }
                send(exchange, 200, domainJson(row), "\"" + row.getLong(6) + "\"");
            }
        }
    }

    private static void page(HttpExchange exchange) throws IOException, SQLException {
        String query = exchange.getRequestURI().getQuery();
        int number = Math.max(0, intParameter(query, "page", 0));
        int size = Math.clamp(intParameter(query, "size", 20), 1, 100);
        StringBuilder json = new StringBuilder("{\"content\":[");
        // The page is cut from domains alone (an ordered scan of the unique index on name),
        // then joined to its owners: joining first would sort the whole join for every page.
        try (PreparedStatement select = connection().prepareStatement(
                COLUMNS.replace("from domains d", "from (select * from domains order by name limit ? offset ?) d")
                        + " order by d.name")) {
            select.setInt(1, size);
            select.setLong(2, (long) number * size);
            try (ResultSet row = select.executeQuery()) {
                for (int i = 0; row.next(); i++) {
                    json.append(i == 0 ? "" : ",").append(domainJson(row));
                }
            }
        }
        long total;
        try (Statement count = connection().createStatement();
                ResultSet row = count.executeQuery("select count(*) from domains")) {
            row.next();
            total = row.getLong(1);
        }
        json.append("],\"page\":{\"size\":").append(size).append(",\"number\":").append(number)
                .append(",\"totalElements\":").append(total)
                .append(",\"totalPages\":").append((total + size - 1) / size).append("}}");
        send(exchange, 200, json.toString(), null);
    }

    private static void create(HttpExchange exchange) throws IOException, SQLException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readNBytes(1_048_576), StandardCharsets.UTF_8);
        }
        String name = field(body, "name");
        String expiresAt = field(body, "expiresAt");
        String ownerId = field(body, "ownerId");
        if (name == null || name.isBlank() || expiresAt == null || ownerId == null) {
            send(exchange, 400, "{\"status\":400,\"title\":\"Bad Request\"}", null);
            return;
        }
        // The back's SQL: the owner's row, then the INSERT, whose unique key on the name
        // refuses a taken one; the answer is built from what was sent and read.
        Connection connection = connection();
        String owner;
        try (PreparedStatement select = connection
            .prepareStatement("select id, email, first_name, last_name from users where id = ?")) {
            select.setLong(1, Long.parseLong(ownerId));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    send(exchange, 400, "{\"status\":400,\"title\":\"Bad Request\"}", null);
                    return;
                }
                owner = ownerJson(row, 1);
            }
        }
        String registrar = blankToNull(field(body, "registrar"));
        String notes = blankToNull(field(body, "notes"));
        // Microseconds: what DATETIME(6) keeps, so the answer equals a later read.
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        long id;
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into domains (name, registrar, expires_at, owner_id, notes, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, 0, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setString(2, registrar);
            insert.setObject(3, LocalDate.parse(expiresAt));
            insert.setLong(4, Long.parseLong(ownerId));
            insert.setString(5, notes);
            insert.setObject(6, now);
            insert.setObject(7, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        } catch (SQLIntegrityConstraintViolationException taken) {
            send(exchange, 409, "{\"status\":409,\"title\":\"Conflict\"}", null);
            return;
        }
        String created = now.toInstant(ZoneOffset.UTC).toString();
        exchange.getResponseHeaders().set("Location", "/api/v1/domains/" + id);
        send(exchange, 201, domainJson(id, name, registrar, expiresAt, owner, notes, created, created), "\"0\"");
    }

    /** The back's DomainResponse: same fields, same order, nulls written, instants in UTC. */
    private static String domainJson(ResultSet row) throws SQLException {
        return domainJson(row.getLong(1), row.getString(2), row.getString(3),
                row.getObject(4, LocalDate.class).toString(), ownerJson(row, 9), row.getString(5), instant(row, 7),
                instant(row, 8));
    }

    private static String domainJson(long id, String name, String registrar, String expiresAt, String owner,
            String notes, String createdAt, String updatedAt) {
        return "{\"id\":" + id
                + ",\"name\":" + string(name)
                + ",\"registrar\":" + string(registrar)
                + ",\"expiresAt\":" + string(expiresAt)
                + ",\"owner\":" + owner
                + ",\"notes\":" + string(notes)
                + ",\"createdAt\":" + string(createdAt)
                + ",\"updatedAt\":" + string(updatedAt) + "}";
    }

    /** The owner as the back writes it, from the row's id, email, first and last name columns. */
    private static String ownerJson(ResultSet row, int idColumn) throws SQLException {
        return "{\"id\":" + row.getLong(idColumn)
                + ",\"email\":" + string(row.getString(idColumn + 1))
                + ",\"firstName\":" + string(row.getString(idColumn + 2))
                + ",\"lastName\":" + string(row.getString(idColumn + 3)) + "}";
    }

    /** DATETIME(6) columns hold UTC (the back writes them with hibernate.jdbc.time_zone=UTC). */
    private static String instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString();
    }

    private static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }

    /** A string or number field of a flat JSON object; null when absent or JSON null. */
    private static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))").matcher(body);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(2);
    }

    private static int intParameter(String query, String name, int fallback) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    try {
                        return Integer.parseInt(pair.substring(name.length() + 1));
                    } catch (NumberFormatException e) {
                        return fallback;
                    }
                }
            }
        }
        return fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Connection connection() {
        return CONNECTION.get();
    }

    /** Writes the answer; the caller closes the exchange, which is what sends it. */
    private static void send(HttpExchange exchange, int status, String json, String etag) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 400 ? "application/json" : "application/problem+json");
        if (etag != null) {
            exchange.getResponseHeaders().set("ETag", etag);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("Set " + name + ".");
            System.exit(2);
        }
        return value;
    }
}
