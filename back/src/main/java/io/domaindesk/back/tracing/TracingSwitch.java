package io.domaindesk.back.tracing;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns tracing on only when there is somewhere to send the spans: without an OTLP
 * endpoint (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or the property it maps to) the back
 * creates no tracer, no tracing observation handler and no JDBC proxy, so it pays nothing
 * for tracing. Registered in META-INF/spring.factories.
 * <p>
 * The answer is computed when a switch is read, not when the environment is prepared, so
 * an endpoint added later (a test's dynamic property) counts too. The source is the last
 * one: an explicit {@code management.tracing.export.enabled} still wins.
 */
class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    /** Micrometer Tracing's export and propagation, and the JDBC spans. */
    static final Set<String> SWITCHES = Set.of("management.tracing.export.enabled", "jdbc.datasource-proxy.enabled");

    /**
     * Off, even the tracer and its observation handlers stay out: with them, every
     * request would still make (unrecorded) spans.
     */
    static final String EXCLUDE = "spring.autoconfigure.exclude";

    static final String TRACER_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration");

    /** Where the endpoint can be set: the property and the OpenTelemetry variables. */
    static final List<String> ENDPOINTS = List.of(ENDPOINT, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_ENDPOINT");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        sources.addLast(new SwitchSource(sources));
    }

    private static boolean hasText(@Nullable Object value) {
        return value != null && StringUtils.hasText(value.toString());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Answers the switches from the raw property sources (exact names, as the endpoint is
     * always written), never through the environment, which includes this source.
     */
    private static final class SwitchSource extends PropertySource<Object> {

        // Not the source object: Spring Boot walks into sources that hold an environment.
        private final MutablePropertySources sources;

        SwitchSource(MutablePropertySources sources) {
            super("tracingSwitch");
            this.sources = sources;
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (SWITCHES.contains(name)) {
                return String.valueOf(endpointSet());
            }
            return (EXCLUDE.equals(name) && !endpointSet()) ? TRACER_AUTO_CONFIGURATIONS : null;
        }

        private boolean endpointSet() {
            // The attached view of all sources (an Iterable) would lead back here.
            return this.sources.stream()
                .filter((source) -> source != this && !(source.getSource() instanceof Iterable<?>))
                .anyMatch((source) -> ENDPOINTS.stream().map(source::getProperty).anyMatch(TracingSwitch::hasText));
        }

    }

}
