package io.domaindesk.back.domain;

import java.time.Instant;
import java.time.LocalDate;

import io.domaindesk.back.user.User;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the domain endpoints read and write. */
public final class DomainDtos {

    private DomainDtos() {
    }

    public record DomainResponse(Long id, String name, String registrar, LocalDate expiresAt, Owner owner, String notes,
            Instant createdAt, Instant updatedAt) {

        public static DomainResponse from(Domain domain) {
            User owner = domain.getOwner();
            return new DomainResponse(domain.getId(), domain.getName(), domain.getRegistrar(), domain.getExpiresAt(),
                    new Owner(owner.getId(), owner.getEmail(), owner.getFirstName(), owner.getLastName()),
                    domain.getNotes(), domain.getCreatedAt(), domain.getUpdatedAt());
        }
    }

    public record Owner(Long id, String email, String firstName, String lastName) {
    }

    public record CreateDomainRequest(@NotBlank @DomainName String name, @Size(max = 100) String registrar,
            @NotNull LocalDate expiresAt, @NotNull Long ownerId, @Size(max = 2000) String notes) {
    }

    /**
     * PATCH: a field left out (or null) keeps its value; an empty registrar or notes
     * clears it.
     */
    public record UpdateDomainRequest(@Size(min = 1) @DomainName String name, @Size(max = 100) String registrar,
            LocalDate expiresAt, Long ownerId, @Size(max = 2000) String notes) {
    }

}
