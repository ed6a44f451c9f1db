package qms.store.jpa.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.persistence.EntityManager;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordNotFoundException;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.core.Signatures;
import qms.core.Snapshots;
import qms.core.StoreException;
import qms.core.Validation;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Signature;
import qms.model.SignatureMeaning;
import qms.model.UserAccount;

/**
 * Signatures over the store. A signature is a {@link Signature} record that only this class writes (its class's
 * {@code writers} hint is empty, so no one can save one directly) and that is never deleted; signing also appends a
 * {@link AuditAction#SIGNATURE} entry to the signed record's own audit trail.
 */
final class JpaSignatures implements Signatures {

    private final JpaRecordStore store;

    JpaSignatures(JpaRecordStore store) {
        this.store = store;
    }

    @Override
    public List<SignatureMeaning> meanings() {
        return store.list(Query.of(QmsPackage.Literals.SIGNATURE_MEANING)
                .orderBy(QmsPackage.Literals.SIGNATURE_MEANING__NAME, false)).stream()
                .map(SignatureMeaning.class::cast).toList();
    }

    /** Number of signatures on a record. */
    long count(EntityManager em, String recordId) {
        TypeMapping t = store.schema().type(QmsPackage.Literals.SIGNATURE);
        return em.createQuery("SELECT COUNT(e) FROM " + t.alias + " e WHERE e."
                + t.feature(QmsPackage.Literals.SIGNATURE__RECORD).property + " = :id", Long.class)
                .setParameter("id", recordId).getSingleResult();
    }

    @Override
    public Signature sign(String recordId, String userId, char[] password, String meaningName) {
        Principal p = store.principal();
        if (p == null) {
            throw new AccessDeniedException("Nobody is signed in: sign in before signing a record");
        }
        Record record = store.get(recordId);
        if (userId == null || !p.userId().equals(userId.trim())) {
            String message = "Signed in as " + p.userId() + ", a signature in the name of '" + userId
                    + "' was refused: you can only sign as yourself.";
            store.denied(p.userId(), record, message);
            throw new AccessDeniedException(message);
        }
        UserAccount signer = store.accounts().authenticate(p.userId(), password, "Signature");
        List<SignatureMeaning> meanings = meanings();
        SignatureMeaning meaning = meanings.stream().filter(m -> m.getName().equalsIgnoreCase(meaningName.trim()))
                .findFirst().orElseThrow(() -> new StoreException("There is no signature meaning '" + meaningName
                        + "' (known: " + String.join(", ", meanings.stream().map(SignatureMeaning::getName)
                                .toList()) + ")"));
        String refusal = refusal(record, signer, meaning, meanings);
        if (refusal != null) {
            String message = signer.getUserId() + " may not sign " + Validation.describe(record) + " as '"
                    + meaning.getName() + "': " + refusal + ". Nothing was signed.";
            store.denied(signer.getUserId(), record, message);
            throw new AccessDeniedException(message);
        }
        Signature s = Records.newRecord(QmsPackage.Literals.SIGNATURE);
        return store.write(signer.getUserId(), null, tx -> {
            Record current = store.readIn(tx.em, recordId);
            if (current == null) {
                throw new RecordNotFoundException(recordId);
            }
            s.setRecord(Records.proxy(current.eClass(), recordId));
            s.setMeaning(meaning.getName());
            s.setSignerUserId(signer.getUserId());
            s.setPrintedName(signer.getFullName());
            s.setSignedAt(new Date());
            s.setContentHash(hash(current));
            store.upsertIn(tx, s);
            tx.audit.append(recordId, ModelRegistry.typeName(current.eClass()), Records.label(current),
                    AuditAction.SIGNATURE, null, null, meaning.getName() + " by " + signer.getFullName() + " ("
                            + signer.getUserId() + "); meaning: " + meaning.getName()
                            + "; content SHA-256 " + s.getContentHash());
            return s;
        });
    }

    @Override
    public java.util.Optional<String> refusal(String recordId, String userId, String meaningName) {
        Record record = store.get(recordId);
        UserAccount signer = userId == null ? null : store.accounts().account(userId.trim()).orElse(null);
        List<SignatureMeaning> meanings = meanings();
        SignatureMeaning meaning = meanings.stream().filter(m -> m.getName().equalsIgnoreCase(meaningName.trim()))
                .findFirst().orElse(null);
        if (record == null || signer == null || meaning == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(refusal(record, signer, meaning, meanings));
    }

    /** Why the meaning's rules forbid this signer, or null if they allow it. */
    private String refusal(Record record, UserAccount signer, SignatureMeaning meaning,
            List<SignatureMeaning> meanings) {
        Set<AccessRole> roles = store.accounts().roles(signer.getUserId());
        if (!meaning.getRequiredRoles().isEmpty()) {
            if (meaning.getRequiredRoles().stream().noneMatch(roles::contains)) {
                return "it needs the role " + String.join(" or ", meaning.getRequiredRoles().stream()
                        .map(AccessRole::getLiteral).toList());
            }
        } else if (roles.stream().allMatch(r -> r == AccessRole.AUDITOR)) {
            return "auditors only read; they do not sign";
        }
        if (meaning.isNotByCreator()) {
            List<qms.core.AuditEntry> trail = store.auditTrail().forRecord(record.getId());
            if (!trail.isEmpty() && trail.get(0).action() == AuditAction.CREATE
                    && trail.get(0).user().equals(signer.getUserId())) {
                return "you created the record, and '" + meaning.getName()
                        + "' must come from someone else (separation of duties)";
            }
        }
        // the meanings were listed shallowly: their "excludes" are references by id
        Map<String, String> names = new java.util.HashMap<>();
        meanings.forEach(m -> names.put(m.getId(), m.getName()));
        Set<String> excluded = new java.util.HashSet<>();
        meaning.getExcludes().forEach(x -> excluded.add(String.valueOf(names.get(Records.id(x))).toLowerCase(java.util.Locale.ROOT)));
        List<SignatureCheck> existing = signatures(record.getId());
        for (SignatureCheck c : existing) {
            Signature s = c.signature();
            if (!s.getSignerUserId().equals(signer.getUserId())) {
                continue;
            }
            if (excluded.contains(s.getMeaning().toLowerCase(java.util.Locale.ROOT))) {
                return "you signed it as '" + s.getMeaning() + "', and '" + meaning.getName()
                        + "' must come from someone else (separation of duties)";
            }
            if (c.intact() && s.getMeaning().equalsIgnoreCase(meaning.getName())) {
                return "you signed it with this meaning already, and it has not changed since";
            }
        }
        return null;
    }

    @Override
    public List<SignatureCheck> signatures(String recordId) {
        return store.read(em -> {
            List<Record> found = store.readWhere(em, QmsPackage.Literals.SIGNATURE,
                    QmsPackage.Literals.SIGNATURE__RECORD, recordId);
            if (found.isEmpty()) {
                return List.<SignatureCheck>of();
            }
            Record current = store.readIn(em, recordId);
            String now = current == null ? null : hash(current);
            List<SignatureCheck> checks = new ArrayList<>();
            for (Record r : found) {
                Signature s = (Signature) r;
                checks.add(new SignatureCheck(s, s.getContentHash().equals(now)));
            }
            checks.sort(Comparator.comparing(c -> c.signature().getSignedAt()));
            return checks;
        });
    }

    @Override
    public String contentHash(String recordId) {
        return store.read(em -> {
            Record r = store.readIn(em, recordId);
            if (r == null) {
                throw new RecordNotFoundException(recordId);
            }
            return hash(r);
        });
    }

    /**
     * SHA-256 over the record's type, id and values (as its creation is audited), keys sorted: the same content
     * always gives the same hash, and any change of a value gives another.
     */
    private String hash(Record record) {
        Map<String, String> canonical = new TreeMap<>(store.contentOf(record));
        canonical.put("@id", record.getId());
        canonical.put("@type", ModelRegistry.typeName(record.eClass()));
        return AuditChain.sha256(Snapshots.toJson(canonical).getBytes(StandardCharsets.UTF_8));
    }
}
