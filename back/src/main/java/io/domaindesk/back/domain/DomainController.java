package io.domaindesk.back.domain;

import static io.domaindesk.back.user.Permission.USERS_READ;

import java.net.URI;
import java.util.Set;

import io.domaindesk.back.domain.DomainDtos.CreateDomainRequest;
import io.domaindesk.back.domain.DomainDtos.DomainResponse;
import io.domaindesk.back.domain.DomainDtos.UpdateDomainRequest;
import io.domaindesk.back.web.ETags;
import io.domaindesk.back.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The domain inventory. Who may call what is decided in {@code SecurityConfig}. */
@Tag(name = "Domains")
@RestController
@RequestMapping("/api/v1/domains")
class DomainController {

    private static final Set<String> SORTABLE = Set.of("name", "registrar", "expiresAt", "createdAt");

    private final DomainService service;

    DomainController(DomainService service) {
        this.service = service;
    }

    @Operation(operationId = "listDomains", summary = "List domains, optionally searched or expiring soon")
    @GetMapping
    PagedModel<DomainResponse> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) @PositiveOrZero @Max(3650) Integer expiringWithinDays,
            @PageableDefault(size = 20, sort = "name") Pageable pageable, Authentication caller) {
        Paging.checkSort(pageable, SORTABLE);
        boolean mayReadUsers = USERS_READ.isHeldBy(caller);
        return new PagedModel<>(service.search(q, expiringWithinDays, pageable)
            .map(domain -> DomainResponse.from(domain, mayReadUsers)));
    }

    @Operation(operationId = "getDomain", summary = "Get a domain")
    @GetMapping("/{id}")
    ResponseEntity<DomainResponse> get(@PathVariable long id, Authentication caller) {
        return withETag(service.get(id), caller);
    }

    @Operation(operationId = "createDomain", summary = "Add a domain to the inventory")
    @PostMapping
    ResponseEntity<DomainResponse> create(@Valid @RequestBody CreateDomainRequest request, Authentication caller) {
        Domain domain = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/domains/" + domain.getId()))
            .eTag(ETags.of(domain.getVersion()))
            .body(DomainResponse.from(domain, USERS_READ.isHeldBy(caller)));
    }

    @Operation(operationId = "updateDomain", summary = "Change some fields of a domain, guarded by If-Match")
    @PatchMapping("/{id}")
    ResponseEntity<DomainResponse> update(@PathVariable long id, @Valid @RequestBody UpdateDomainRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication caller) {
        return withETag(service.update(id, request, ETags.ifMatch(ifMatch)), caller);
    }

    @Operation(operationId = "deleteDomain", summary = "Remove a domain")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        service.delete(id);
    }

    private static ResponseEntity<DomainResponse> withETag(Domain domain, Authentication caller) {
        return ResponseEntity.ok()
            .eTag(ETags.of(domain.getVersion()))
            .body(DomainResponse.from(domain, USERS_READ.isHeldBy(caller)));
    }

}
