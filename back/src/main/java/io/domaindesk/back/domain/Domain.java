package io.domaindesk.back.domain;

import java.time.LocalDate;

import io.domaindesk.back.model.AuditedEntity;
import io.domaindesk.back.user.User;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A domain name the company holds. */
@Entity
@Table(name = "domains")
public class Domain extends AuditedEntity {

    private String name;

    private String registrar;

    private LocalDate expiresAt;

    // Eager: every answer about a domain names its owner. A read by id joins it; after a
    // page's select Hibernate reads the page's owners in one select, in batches of
    // default_batch_fetch_size (application.yaml), not one per domain.
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "owner_id")
    private User owner;

    private String notes;

    protected Domain() {
    }

    public Domain(String name, String registrar, LocalDate expiresAt, User owner, String notes) {
        this.name = name;
        this.registrar = registrar;
        this.expiresAt = expiresAt;
        this.owner = owner;
        this.notes = notes;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRegistrar() {
        return registrar;
    }

    public void setRegistrar(String registrar) {
        this.registrar = registrar;
    }

    public LocalDate getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(LocalDate expiresAt) {
        this.expiresAt = expiresAt;
    }

    public User getOwner() {
        return owner;
    }

    public void setOwner(User owner) {
        this.owner = owner;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

}
