package qms.store.jpa.internal;

import java.time.Instant;
import java.util.Date;

import qms.core.AuditAction;
import qms.core.IntegrityException;
import qms.core.ModelRegistry;
import qms.core.RecordNotFoundException;
import qms.core.Records;
import qms.core.StoreException;
import qms.core.Validation;
import qms.model.EvidenceFile;
import qms.model.Record;

/**
 * The content of evidence files: stored with its SHA-256 in the evidence record (the change audited with both
 * hashes), and checked against that hash each time it is read.
 */
final class EvidenceContents {

    private final JpaRecordStore store;
    private final RecordWriter writer;

    EvidenceContents(JpaRecordStore store, RecordWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    void storeContent(EvidenceFile file, byte[] content, String reason) {
        store.authorize("store the content of", file);
        String sha = AuditChain.sha256(content);
        String previousSha = file.getSha256();
        file.setSha256(sha);
        file.setSize(content.length);
        if (file.getCapturedAt() == null) {
            file.setCapturedAt(Date.from(Instant.now()));
        }
        if (file.getCapturedBy() == null) {
            file.setCapturedBy(store.principal().userId());
        }
        Validation.check(file);
        store.write(reason, tx -> {
            writer.upsert(tx, file, null, null, 0);
            EvidenceContentEntity c = tx.em.find(EvidenceContentEntity.class, file.getId());
            if (c == null) {
                tx.em.persist(new EvidenceContentEntity(file.getId(), content));
            } else {
                c.content = content;
            }
            tx.audit.append(file.getId(), ModelRegistry.typeName(file.eClass()), Records.label(file),
                    AuditAction.CONTENT, "content", c == null ? null : previousSha, sha);
            return null;
        });
    }

    byte[] readContent(String evidenceFileId) {
        return store.read(em -> {
            Record record = new RecordReader(store, em, 0).byId(evidenceFileId);
            if (!(record instanceof EvidenceFile file)) {
                throw new RecordNotFoundException(evidenceFileId);
            }
            EvidenceContentEntity c = em.find(EvidenceContentEntity.class, evidenceFileId);
            if (c == null) {
                throw new StoreException("Evidence file '" + file.getName() + "' has no stored content");
            }
            String actual = AuditChain.sha256(c.content);
            if (!actual.equals(file.getSha256())) {
                throw new IntegrityException("Evidence file '" + file.getName() + "' (" + evidenceFileId
                        + ") is damaged or was altered: its content hashes to " + actual + " but " + file.getSha256()
                        + " was recorded when it was stored");
            }
            return c.content;
        });
    }
}
