package qms.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row naming the audit trail's last entry. Every write transaction locks it first, which serialises
 * writers (also across processes on a server database) and lets {@code verify} notice entries cut off the end.
 */
@Entity
@Table(name = "SYS_AUDIT_HEAD")
public class ChainHeadEntity {

    static final int ID = 1;

    @Id
    @Column(name = "ID")
    int id = ID;

    @Column(name = "SEQ", nullable = false)
    long sequence;

    @Column(name = "HASH", length = 64, nullable = false)
    String hash;
}
