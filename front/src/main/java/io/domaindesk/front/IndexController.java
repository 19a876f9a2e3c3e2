package io.domaindesk.front;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The entry page, {@code index.html}, for {@code /} and for every client-side route
 * ({@code /domains/42}, {@code /users}...): the browser may load any of them directly (a
 * bookmark, a reload) and the JavaScript router takes it from there.
 */
@Controller
class IndexController {

    /** {@code src="/assets/..."} and {@code href="/webjars/..."} in index.html. */
    private static final Pattern ASSET_REFERENCE = Pattern.compile("(src|href)=\"(/(?:assets|webjars)/[^\"]+)\"");

    private final ResourceUrlProvider urls;

    private volatile Page page;

    private record Page(String html, String etag) {
    }

    IndexController(ResourceUrlProvider mvcResourceUrlProvider) {
        this.urls = mvcResourceUrlProvider;
    }

    /**
     * Neither the API nor the actuator is served on this port. A request for them means a
     * wrong {@code API_URL}, a missing ingress route or a probe on the wrong port:
     * answering with the entry page (200) would hide the mistake.
     */
    @RequestMapping({ "/api/**", "/actuator/**" })
    void notHere() {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    @GetMapping("/**")
    ResponseEntity<String> index(HttpServletRequest request, WebRequest webRequest) {
        String path = request.getRequestURI();
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        if (lastSegment.contains(".")) {
            // A file (favicon.ico, old-bundle.js...) that does not exist: a 404 the
            // browser and the logs can see, not HTML served as JavaScript.
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Page current = page();
        if (webRequest.checkNotModified(current.etag())) {
            return null;
        }
        // no-cache: always revalidated, so a new release is picked up at the next load
        // (its assets then have new URLs).
        return ResponseEntity.ok()
            .cacheControl(CacheControl.noCache())
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .eTag(current.etag())
            .body(current.html());
    }

    /**
     * Built before the readiness probe passes, so an index.html naming a missing file
     * stops the start-up instead of answering 500 to every visitor. (The resource URLs
     * are only known once the context is refreshed, hence not in the constructor.)
     */
    @EventListener(ApplicationReadyEvent.class)
    void buildPageAtStartUp() {
        page();
    }

    /**
     * index.html with every asset URL replaced by its versioned, cacheable-forever URL.
     */
    private Page page() {
        Page current = page;
        if (current == null) {
            String html = versionAssetUrls(read("static/index.html"));
            current = new Page(html, sha256(html).substring(0, 16));
            page = current;
        }
        return current;
    }

    private String versionAssetUrls(String html) {
        Matcher matcher = ASSET_REFERENCE.matcher(html);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String versioned = urls.getForLookupPath(matcher.group(2));
            if (versioned == null) {
                throw new IllegalStateException("index.html refers to a missing file: " + matcher.group(2));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(1) + "=\"" + versioned + "\""));
        }
        return matcher.appendTail(result).toString();
    }

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
