package io.domaindesk.back.domain;

import java.time.Clock;
import java.time.LocalDate;

import io.domaindesk.back.domain.DomainDtos.CreateDomainRequest;
import io.domaindesk.back.domain.DomainDtos.UpdateDomainRequest;
import io.domaindesk.back.error.ConflictException;
import io.domaindesk.back.error.InvalidFieldException;
import io.domaindesk.back.error.NotFoundException;
import io.domaindesk.back.model.ExpectedVersion;
import io.domaindesk.back.model.LikePattern;
import io.domaindesk.back.user.User;
import io.domaindesk.back.user.UserRepository;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of the inventory: unique names, owners who exist, changes only to the version
 * the caller read. Broken rules are thrown as {@code io.domaindesk.back.error}
 * exceptions.
 */
@Service
@Transactional
public class DomainService {

    private final DomainRepository domains;

    private final UserRepository users;

    private final Clock clock;

    public DomainService(DomainRepository domains, UserRepository users, Clock clock) {
        this.domains = domains;
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<Domain> search(String q, Integer expiringWithinDays, Pageable pageable) {
        LocalDate expiringBy = expiringWithinDays == null ? null : LocalDate.now(clock).plusDays(expiringWithinDays);
        return domains.search(LikePattern.containing(q), expiringBy, pageable);
    }

    @Transactional(readOnly = true)
    public Domain get(long id) {
        return domains.findById(id).orElseThrow(() -> new NotFoundException("No domain with id " + id + "."));
    }

    public Domain create(CreateDomainRequest request) {
        requireUniqueName(request.name());
        return domains.save(new Domain(request.name(), blankToNull(request.registrar()), request.expiresAt(),
                owner(request.ownerId()), blankToNull(request.notes())));
    }

    /**
     * Concurrent changes apply one after the other (the row is locked first): without
     * If-Match the last one wins, with it a change to a version the caller did not read
     * is refused.
     */
    public Domain update(long id, UpdateDomainRequest request, ExpectedVersion expected) {
        Domain domain = getForUpdate(id);
        expected.check(domain);
        if (request.name() != null && !request.name().equals(domain.getName())) {
            requireUniqueName(request.name());
            domain.setName(request.name());
        }
        if (request.registrar() != null) {
            domain.setRegistrar(blankToNull(request.registrar()));
        }
        if (request.expiresAt() != null) {
            domain.setExpiresAt(request.expiresAt());
        }
        if (request.ownerId() != null) {
            domain.setOwner(owner(request.ownerId()));
        }
        if (request.notes() != null) {
            domain.setNotes(blankToNull(request.notes()));
        }
        // Flush now so that the version in the answer (and its ETag) is the new one.
        return domains.saveAndFlush(domain);
    }

    public void delete(long id) {
        domains.delete(getForUpdate(id));
    }

    /** The domain, its row locked until the transaction ends. */
    private Domain getForUpdate(long id) {
        domains.lock(id).orElseThrow(() -> new NotFoundException("No domain with id " + id + "."));
        return get(id);
    }

    private User owner(long ownerId) {
        return users.findById(ownerId)
            .orElseThrow(() -> new InvalidFieldException("ownerId", "no user with id " + ownerId));
    }

    private void requireUniqueName(String name) {
        if (domains.existsByName(name)) {
            throw new ConflictException("Domain " + name + " is already in the inventory.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
