package io.domaindesk.back.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.domaindesk.back.ApiTest;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Without an OTLP endpoint tracing costs nothing: no exporter, a no-op tracer, and the
 * plain connection pool without the JDBC proxy. The variable is set but empty, as
 * docker-compose.yaml leaves it; unset is the case of every other ApiTest.
 */
// What the variable left empty becomes, before and after Spring Boot maps it.
@TestPropertySource(properties = { "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=", TracingSwitch.ENDPOINT + "=" })
class TracingOffTest extends ApiTest {

    @Autowired
    ObjectProvider<SpanExporter> exporters;

    @Autowired
    ObjectProvider<Tracer> tracer;

    @Autowired
    DataSource dataSource;

    @Test
    void noEndpointMeansNoTracer() {
        assertThat(this.exporters.stream()).isEmpty();
        assertThat(this.tracer.getIfAvailable(() -> Tracer.NOOP)).isSameAs(Tracer.NOOP);
        assertThat(this.dataSource).isInstanceOf(HikariDataSource.class);
    }

}
