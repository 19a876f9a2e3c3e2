package io.domaindesk.back.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A minimal OTLP/HTTP trace receiver on a random loopback port: decodes each
 * protobuf-encoded export, as a collector would, and keeps the spans.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;

    private final List<Span> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.createContext("/v1/traces", this::export);
        this.server.start();
    }

    /** The URL the back exports to. */
    String endpoint() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            request.getResourceSpansList()
                .forEach(resource -> resource.getScopeSpansList()
                    .forEach(scope -> this.spans.addAll(scope.getSpansList())));
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    /** Waits until the spans received so far satisfy the condition. */
    List<Span> awaitSpans(Predicate<List<Span>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(List.copyOf(this.spans))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No such spans within " + timeout + "; received: " + List.copyOf(this.spans));
            }
            Thread.sleep(100);
        }
        return List.copyOf(this.spans);
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

}
