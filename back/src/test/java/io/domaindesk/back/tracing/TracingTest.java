package io.domaindesk.back.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.google.protobuf.ByteString;
import com.zaxxer.hikari.HikariDataSource;
import io.domaindesk.back.ApiTest;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With an OTLP endpoint set, a request that arrives with a W3C traceparent (as Traefik
 * sends it) is exported over OTLP/HTTP in the caller's trace, its SQL as child spans, and
 * its JSON log lines carry the same trace id. The sampling probability stays the
 * production default: the caller's "sampled" flag alone makes this request recorded.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "LOG_FORMAT=json", "management.opentelemetry.tracing.export.schedule-delay=100ms",
        // A log line inside the request: "Completed 200 OK".
        "logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG" })
@DirtiesContext
class TracingTest extends ApiTest {

    private static final OtlpReceiver otlp = new OtlpReceiver();

    private static final HexFormat HEX = HexFormat.of();

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add(TracingSwitch.ENDPOINT, otlp::endpoint);
    }

    @AfterAll
    static void stopReceiver() {
        otlp.close();
    }

    @Autowired
    DataSource dataSource;

    @Test
    void sqlGoesThroughTheTracingProxy() {
        // The counterpart of TracingOffTest: with an endpoint, JDBC calls are observed.
        assertThat(this.dataSource).isNotInstanceOf(HikariDataSource.class);
    }

    @Test
    void requestWithTraceparentIsExportedWithItsSqlAndLoggedWithItsTraceId(CapturedOutput output) throws Exception {
        String token = adminToken();
        String traceId = HEX.formatHex(randomBytes(16));
        String parentId = HEX.formatHex(randomBytes(8));

        http.get()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .header("traceparent", "00-" + traceId + "-" + parentId + "-01")
            .exchange()
            .expectStatus()
            .isOk();

        List<Span> spans = otlp.awaitSpans((received) -> serverSpan(received, traceId, parentId).isPresent()
                && !sqlSpans(received, traceId).isEmpty(), Duration.ofSeconds(20));
        Span server = serverSpan(spans, traceId, parentId).orElseThrow();
        assertThat(server.getName()).isEqualTo("http get /api/v1/domains");

        Map<String, Span> byId = spans.stream()
            .filter((span) -> hex(span.getTraceId()).equals(traceId))
            .collect(Collectors.toMap((span) -> hex(span.getSpanId()), Function.identity(), (a, b) -> a));
        assertThat(sqlSpans(spans, traceId)).allSatisfy((sql) -> {
            assertThat(ancestors(sql, byId)).contains(hex(server.getSpanId()));
            assertThat(attribute(sql, "jdbc.query[0]")).containsIgnoringCase("select");
        });

        List<JsonNode> lines = output.getOut()
            .lines()
            .filter((line) -> line.startsWith("{") && line.contains(traceId))
            .map((line) -> JsonMapper.shared().readTree(line))
            .toList();
        assertThat(lines).anySatisfy((line) -> {
            assertThat(line.path("message").asString()).startsWith("Completed 200");
            assertThat(line.path("trace_id").asString()).isEqualTo(traceId);
            // Written inside the request's span or one of its children.
            Span span = byId.get(line.path("span_id").asString());
            assertThat(span).isNotNull();
            assertThat(span.equals(server) || ancestors(span, byId).contains(hex(server.getSpanId()))).isTrue();
        });
    }

    private static Optional<Span> serverSpan(List<Span> spans, String traceId, String parentId) {
        return spans.stream()
            .filter((span) -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
            .filter((span) -> hex(span.getTraceId()).equals(traceId) && hex(span.getParentSpanId()).equals(parentId))
            .findFirst();
    }

    private static List<Span> sqlSpans(List<Span> spans, String traceId) {
        return spans.stream()
            .filter((span) -> hex(span.getTraceId()).equals(traceId) && span.getName().equals("query"))
            .toList();
    }

    /** The span ids above this span, nearest first. */
    private static List<String> ancestors(Span span, Map<String, Span> byId) {
        List<String> ids = new ArrayList<>();
        for (Span current = span; current != null
                && !current.getParentSpanId().isEmpty(); current = byId.get(hex(current.getParentSpanId()))) {
            ids.add(hex(current.getParentSpanId()));
        }
        return ids;
    }

    private static String attribute(Span span, String key) {
        return span.getAttributesList()
            .stream()
            .filter((kv) -> kv.getKey().equals(key))
            .map((kv) -> kv.getValue().getStringValue())
            .findFirst()
            .orElse("");
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

}
