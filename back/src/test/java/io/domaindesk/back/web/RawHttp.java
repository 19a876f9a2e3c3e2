package io.domaindesk.back.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: bytes that are
 * not UTF-8 in the path, any method, any header, a broken multipart body. One connection
 * per request ({@code Connection: close}).
 */
final class RawHttp {

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A request as sent: method, target (path and query, raw bytes), headers, body. */
    record Request(String method, byte[] target, Map<String, String> headers, byte[] body) {

        static Request of(String method, String target, Map<String, String> headers, String body) {
            return new Request(method, target.getBytes(StandardCharsets.ISO_8859_1), headers,
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        String targetText() {
            return new String(target, StandardCharsets.ISO_8859_1);
        }

    }

    /**
     * The answer: status, headers (names in lower case), body as UTF-8, and time taken.
     */
    record Response(int status, Map<String, String> headers, String body, Duration took) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

    }

    Response send(Request request) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write((request.method() + " ").getBytes(StandardCharsets.ISO_8859_1));
            head.write(request.target());
            head.write(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (var header : request.headers().entrySet()) {
                head.write((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (request.body() != null) {
                head.write(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(head.toByteArray());
                if (request.body() != null) {
                    out.write(request.body());
                }
                out.flush();
            }
            catch (java.net.SocketException refused) {
                // The server answered and closed before taking all of a large request:
                // its answer is still there to read.
            }
            byte[] raw;
            try {
                raw = socket.getInputStream().readAllBytes();
            }
            catch (java.net.SocketException reset) {
                // The server answered and closed before reading all of a large request.
                raw = new byte[0];
            }
            return parse(raw, Duration.ofNanos(System.nanoTime() - start));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot send " + request.method() + " " + request.targetText(), e);
        }
    }

    private static Response parse(byte[] raw, Duration took) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IOException("Not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(new java.io.ByteArrayInputStream(body));
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8), took);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return body.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

}
