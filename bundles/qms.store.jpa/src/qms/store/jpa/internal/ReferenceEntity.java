package qms.store.jpa.internal;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One element of a multi-valued, non-containment reference (e.g. a person's roles): owner, feature, position,
 * target. Queryable in SQL from either end.
 */
@Entity
@IdClass(ReferenceEntity.Key.class)
@Table(name = "SYS_REFERENCE", indexes = @Index(name = "IX_SYS_REFERENCE_TARGET", columnList = "TARGET_ID"))
public class ReferenceEntity {

    @Id
    @Column(name = "OWNER_ID", length = 36)
    String ownerId;

    @Id
    @Column(name = "FEATURE", length = 128)
    String feature;

    @Id
    @Column(name = "POS")
    int position;

    @Column(name = "TARGET_ID", length = 36, nullable = false)
    String targetId;

    public ReferenceEntity() {
    }

    ReferenceEntity(String ownerId, String feature, int position, String targetId) {
        this.ownerId = ownerId;
        this.feature = feature;
        this.position = position;
        this.targetId = targetId;
    }

    /** Composite primary key. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String ownerId;
        String feature;
        int position;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.position == position && Objects.equals(k.ownerId, ownerId)
                    && Objects.equals(k.feature, feature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ownerId, feature, position);
        }
    }
}
