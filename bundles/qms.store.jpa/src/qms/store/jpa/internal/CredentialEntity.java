package qms.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account's password and sign-in state, kept apart from its record: never in a record, a snapshot or the audit
 * trail. The password is only kept as a slow salted hash ({@link qms.core.PasswordHasher}).
 */
@Entity
@Table(name = "SYS_CREDENTIAL")
public class CredentialEntity {

    @Id
    @Column(name = "USER_ID", length = 64)
    String userId;

    @Column(name = "PASSWORD_HASH", length = 256)
    String passwordHash;

    /** Earlier password hashes, newest first, one per line (for the policy's "not one of the last N"). */
    @Column(name = "HISTORY", length = 4096)
    String history;

    /** ISO-8601 UTC. */
    @Column(name = "CHANGED_AT", length = 40)
    String changedAt;

    @Column(name = "MUST_CHANGE")
    boolean mustChange;

    @Column(name = "FAILED_ATTEMPTS")
    int failedAttempts;

    /** ISO-8601 UTC; null while the account is not locked. */
    @Column(name = "LOCKED_AT", length = 40)
    String lockedAt;

    public CredentialEntity() {
    }

    CredentialEntity(String userId) {
        this.userId = userId;
    }
}
