package io.domaindesk.back.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** When the switches turn tracing on: only with a non-empty endpoint, unless told. */
class TracingSwitchTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    TracingSwitchTest() {
        new TracingSwitch().postProcessEnvironment(this.environment, new SpringApplication());
    }

    @Test
    void offWithoutEndpoint() {
        assertThat(switches()).containsOnly("false");
    }

    @Test
    void offLeavesTheTracerOut() {
        assertThat(this.environment.getProperty(TracingSwitch.EXCLUDE)).contains("MicrometerTracingAutoConfiguration",
                "OpenTelemetryTracingAutoConfiguration");
        add(Map.of(TracingSwitch.ENDPOINT, "http://collector:4318/v1/traces"));
        assertThat(this.environment.getProperty(TracingSwitch.EXCLUDE)).isNull();
    }

    @Test
    void offWithAnEmptyEndpoint() {
        add(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", ""));
        assertThat(switches()).containsOnly("false");
    }

    @Test
    void onWithTheVariableOrTheProperty() {
        add(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"));
        assertThat(switches()).containsOnly("true");
    }

    @Test
    void onWhenTheEndpointArrivesLater() {
        assertThat(switches()).containsOnly("false");
        add(Map.of(TracingSwitch.ENDPOINT, "http://collector:4318/v1/traces"));
        assertThat(switches()).containsOnly("true");
    }

    @Test
    void anExplicitSettingWins() {
        // As application.yaml would: a source that exists before the switch is added.
        StandardEnvironment configured = new StandardEnvironment();
        configured.getPropertySources()
            .addLast(new MapPropertySource("application", Map.of(TracingSwitch.ENDPOINT,
                    "http://collector:4318/v1/traces", "management.tracing.export.enabled", "false")));
        new TracingSwitch().postProcessEnvironment(configured, new SpringApplication());
        assertThat(configured.getProperty("management.tracing.export.enabled")).isEqualTo("false");
        assertThat(configured.getProperty("jdbc.datasource-proxy.enabled")).isEqualTo("true");
    }

    private void add(Map<String, Object> properties) {
        this.environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    }

    private List<String> switches() {
        return TracingSwitch.SWITCHES.stream().map(this.environment::getProperty).toList();
    }

}
