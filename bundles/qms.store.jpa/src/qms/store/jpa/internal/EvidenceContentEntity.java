package qms.store.jpa.internal;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** The bytes of an evidence file, keyed by the evidence file record's id. */
@Entity
@Table(name = "SYS_EVIDENCE_CONTENT")
public class EvidenceContentEntity {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "CONTENT", nullable = false, length = 1 << 30) // 1 GiB: EclipseLink would size a BLOB at 64 kB
    byte[] content;

    public EvidenceContentEntity() {
    }

    EvidenceContentEntity(String id, byte[] content) {
        this.id = id;
        this.content = content;
    }
}
