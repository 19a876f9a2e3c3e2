package io.domaindesk.front;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.FixedVersionStrategy;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Every static file is served from a URL that changes when its content changes, so
 * browsers and CDNs may keep it for a year without asking again ({@code immutable}).
 *
 * <ul>
 * <li>{@code /assets/<hash>/js/main.js}: our own files. One hash for the whole folder (a
 * {@link FixedVersionStrategy}) rather than one per file, because ES modules import each
 * other by relative URL ({@code ./api.js}): under a shared prefix those imports are
 * versioned too, with no build step to rewrite them.</li>
 * <li>{@code /webjars/bootstrap/5.3.8/...}: libraries, versioned by their WebJar.</li>
 * </ul>
 *
 * The entry page names them without a version; {@link IndexController} fills it in.
 * Spring Boot's default mappings are off ({@code spring.web.resources.add-mappings}) so
 * that this class is the whole story.
 */
@Configuration(proxyBeanMethods = false)
class StaticResourcesConfig implements WebMvcConfigurer {

    private static final String ASSETS_LOCATION = "classpath:/static/assets/";

    private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final String assetsVersion = assetsHash();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
            .addResourceLocations(ASSETS_LOCATION)
            .setCacheControl(FOREVER)
            .resourceChain(true)
            .addResolver(new VersionResourceResolver().addFixedVersionStrategy(assetsVersion, "/**"));
        registry.addResourceHandler("/webjars/**")
            .addResourceLocations("classpath:/META-INF/resources/webjars/")
            .setCacheControl(FOREVER)
            .resourceChain(true)
            .addResolver(new LiteWebJarsResourceResolver());
        // Before the controllers: a missing asset is a 404 here, never the entry page
        // served by IndexController's catch-all.
        registry.setOrder(-1);
    }

    /**
     * Same files, same hash: every replica of one image agrees, a new release differs.
     */
    private static String assetsHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(ASSETS_LOCATION + "**/*");
            Arrays.sort(files, Comparator.comparing(StaticResourcesConfig::pathOf));
            for (Resource file : files) {
                if (!file.isReadable() || pathOf(file).endsWith("/")) {
                    continue; // a folder
                }
                digest.update(pathOf(file).getBytes(StandardCharsets.UTF_8));
                try (InputStream in = file.getInputStream()) {
                    digest.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pathOf(Resource resource) {
        try {
            String url = resource.getURL().toString();
            return url.substring(url.lastIndexOf("/static/assets/"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
