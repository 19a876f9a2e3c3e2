package io.domaindesk.back.domain;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
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

        /**
         * @param mayReadUsers whether the caller holds {@code users:read}: without it the
         * owner is only an id, or {@code domains:write} would read anyone's e-mail and
         * name by making them an owner
         */
        public static DomainResponse from(Domain domain, boolean mayReadUsers) {
            return new DomainResponse(domain.getId(), domain.getName(), domain.getRegistrar(), domain.getExpiresAt(),
                    Owner.of(domain.getOwner(), mayReadUsers), domain.getNotes(), domain.getCreatedAt(),
                    domain.getUpdatedAt());
        }
    }

    /** The owner's id; its e-mail and names only for callers who may read users. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Owner(Long id, String email, String firstName, String lastName) {

        static Owner of(User owner, boolean mayReadUsers) {
            return mayReadUsers ? new Owner(owner.getId(), owner.getEmail(), owner.getFirstName(), owner.getLastName())
                    : new Owner(owner.getId(), null, null, null);
        }
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
