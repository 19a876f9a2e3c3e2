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

/**
 * Without an OTLP endpoint (the default) tracing costs nothing: no exporter, a no-op
 * tracer, and the plain connection pool without the JDBC proxy.
 */
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
