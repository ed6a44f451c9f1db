package qms.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A row of the append-only audit trail. Only {@link AuditWriter} creates them; nothing updates or deletes them. */
@Entity
@Table(name = "SYS_AUDIT", indexes = { @Index(name = "IX_SYS_AUDIT_RECORD", columnList = "RECORD_ID"),
        @Index(name = "IX_SYS_AUDIT_USER", columnList = "USER_ID") })
public class AuditEntryEntity {

    @Id
    @Column(name = "SEQ")
    long sequence;

    /** ISO-8601 instant in UTC, e.g. 2026-11-23T10:15:30.123Z: exact, zone-free, and hashed as stored. */
    @Column(name = "AT_UTC", length = 32, nullable = false)
    String at;

    @Column(name = "USER_ID", length = 128, nullable = false)
    String user;

    @Column(name = "RECORD_ID", length = 36)
    String recordId;

    @Column(name = "RECORD_TYPE", length = 256)
    String recordType;

    @Column(name = "RECORD_LABEL", length = 512)
    String recordLabel;

    @Column(name = "ACTION", length = 16, nullable = false)
    String action;

    @Column(name = "ATTRIBUTE", length = 256)
    String attribute;

    /** As long as the longest stored text (multi-line attributes); a VARCHAR, because LOBs are slow in Derby. */
    @Column(name = "OLD_VALUE", length = AuditWriter.MAX_VALUE)
    String oldValue;

    @Column(name = "NEW_VALUE", length = AuditWriter.MAX_VALUE)
    String newValue;

    @Column(name = "REASON", length = 2000)
    String reason;

    @Column(name = "PREV_HASH", length = 64, nullable = false)
    String previousHash;

    @Column(name = "HASH", length = 64, nullable = false)
    String hash;
}
