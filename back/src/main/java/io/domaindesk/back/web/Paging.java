package io.domaindesk.back.web;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Only whitelisted fields may be sorted on: Spring Data would sort on any property,
 * including ones a client must not probe (a password hash) or unindexed ones.
 */
public final class Paging {

    private Paging() {
    }

    public static Pageable checkSort(Pageable pageable, Set<String> sortable) {
        for (Sort.Order order : pageable.getSort()) {
            if (!sortable.contains(order.getProperty())) {
                throw new InvalidSortException(order.getProperty(), sortable);
            }
        }
        return pageable;
    }

    public static final class InvalidSortException extends ResponseStatusException {

        InvalidSortException(String property, Set<String> sortable) {
            super(HttpStatus.BAD_REQUEST, "Cannot sort by '" + property + "'; sortable fields: "
                    + String.join(", ", new TreeSet<>(sortable)) + ".");
        }

    }

}
