package io.domaindesk.back.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.domaindesk.back.model.ExpectedVersion;
import org.springframework.http.ETag;

/**
 * Optimistic locking over HTTP: the entity version is the ETag, If-Match carries it back.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an {@code If-Match} header accepts: any when it is absent or
     * {@code *}; otherwise those of its strong tags, because If-Match uses the strong
     * comparison and a weak tag never matches (RFC 9110 §13.1.1).
     */
    public static ExpectedVersion ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return ExpectedVersion.ANY;
        }
        List<ETag> tags = ETag.parse(header);
        if (tags.stream().anyMatch(ETag::isWildcard)) {
            return ExpectedVersion.ANY;
        }
        Set<Long> versions = tags.stream()
            .filter(tag -> !tag.weak() && tag.tag().matches("\\d{1,18}"))
            .map(tag -> Long.valueOf(tag.tag()))
            .collect(Collectors.toSet());
        return ExpectedVersion.oneOf(versions);
    }

}
