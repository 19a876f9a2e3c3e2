package io.domaindesk.back.web;

import java.util.Set;
import java.util.TreeSet;

import io.domaindesk.back.error.InvalidFieldException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Only whitelisted fields may be sorted on: Spring Data would sort on any property,
 * including ones a client must not probe (a password hash) or unindexed ones. And the
 * page must start at a row the database can address.
 */
public final class Paging {

    private Paging() {
    }

    public static Pageable checkSort(Pageable pageable, Set<String> sortable) {
        // JPA takes the first row as an int: page 2147483647 would fail in the query.
        if (pageable.getOffset() > Integer.MAX_VALUE) {
            throw new InvalidFieldException("page", "too large: page × size must stay below 2147483648");
        }
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
