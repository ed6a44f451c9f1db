package qms.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Every record's id and type, so a record can be found by id alone and a reference to any record resolved. */
@Entity
@Table(name = "SYS_RECORD", indexes = @Index(name = "IX_SYS_RECORD_TYPE", columnList = "TYPE_NAME"))
public class RecordIndexEntity {

    @Id
    @Column(name = "ID", length = 36)
    String id;

    @Column(name = "TYPE_NAME", length = 256, nullable = false)
    String typeName;

    public RecordIndexEntity() {
    }

    RecordIndexEntity(String id, String typeName) {
        this.id = id;
        this.typeName = typeName;
    }
}
