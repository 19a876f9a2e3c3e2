package io.domaindesk.floor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read one as the back answers it (the same JSON and ETag from the same SQL as
 * perf/baseline), with nothing but Spring Boot's web MVC and a {@link JdbcClient}: no
 * token, no transaction, no JPA, no validation. What remains is the cost of the framework
 * itself, between the bare baseline and the back.
 */
@SpringBootApplication
@RestController
public class FloorApplication {

    private final JdbcClient jdbc;

    FloorApplication(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Owner(long id, String email, String firstName, String lastName) {
    }

    record DomainResponse(long id, String name, String registrar, LocalDate expiresAt, Owner owner, String notes,
            Instant createdAt, Instant updatedAt) {
    }

    @GetMapping("/api/v1/domains/{id}")
    ResponseEntity<DomainResponse> get(@PathVariable long id) {
        return jdbc.sql("""
                select d.id, d.name, d.registrar, d.expires_at, d.notes, d.version, d.created_at, d.updated_at,
                       u.id, u.email, u.first_name, u.last_name
                from domains d join users u on u.id = d.owner_id
                where d.id = ?""")
            .param(id)
            .query((row, number) -> ResponseEntity.ok()
                .eTag("\"" + row.getLong(6) + "\"")
                .body(new DomainResponse(row.getLong(1), row.getString(2), row.getString(3),
                        row.getObject(4, LocalDate.class),
                        new Owner(row.getLong(9), row.getString(10), row.getString(11), row.getString(12)),
                        row.getString(5), utc(row.getObject(7, LocalDateTime.class)),
                        utc(row.getObject(8, LocalDateTime.class)))))
            .optional()
            .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /**
     * DATETIME(6) columns hold UTC (the back writes them with
     * hibernate.jdbc.time_zone=UTC).
     */
    private static Instant utc(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC);
    }

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

}
