package io.domaindesk.back.user;

/**
 * Published when a user's tokens stop working (a new e-mail, password or roles, or the
 * account deleted); heard once the transaction has committed.
 */
public record TokensRevoked(long userId) {
}
