package qms.store.jpa.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.persistence.dynamic.DynamicEntity;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.ConflictException;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.ReasonRequiredException;
import qms.core.Records;
import qms.core.StoreException;
import qms.core.Validation;
import qms.model.Record;
import qms.store.jpa.internal.FeatureMapping.Kind;

/**
 * The store's writes. Each is one transaction: it first locks the audit trail's head (serialising writers, in this
 * process and in any other writing to the same database), then writes records and their audit entries; an exception
 * anywhere rolls all of it back. A record saved over a newer version is refused as a conflict naming who changed it.
 */
final class RecordWriter {

    private final JpaRecordStore store;
    private final Schema schema;
    private final ModelRegistry model;
    private final WriteRules rules;

    RecordWriter(JpaRecordStore store, WriteRules rules) {
        this.store = store;
        this.schema = store.schema();
        this.model = store.model();
        this.rules = rules;
    }

    /** A write attributed to the signed-in user; permissions are the caller's business (see {@link #authorize}). */
    <T> T write(String reason, Function<Tx, T> work) {
        Principal p = store.principal();
        if (p == null) {
            throw new AccessDeniedException("Nobody is signed in: nothing was written");
        }
        return write(p.userId(), reason, work);
    }

    /**
     * One write transaction attributed to {@code user}, with no permission check: for the store's own entries
     * (sign-in events, schema changes) and for operations that checked permissions themselves.
     */
    <T> T write(String user, String reason, Function<Tx, T> work) {
        synchronized (store.writeLock()) {
            EntityManager em = store.entityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                Tx t = new Tx(em, new AuditWriter(em, user, reason), user);
                T result = work.apply(t);
                em.flush();
                tx.commit();
                if (t.accountsChanged) {
                    store.accounts().forgetRoles();
                }
                t.afterCommit.forEach(Runnable::run);
                return result;
            } catch (StoreException e) {
                throw e;
            } catch (OptimisticLockException e) {
                throw new ConflictException(null, "A record was changed by someone else while you saved."
                        + " Nothing was saved; reload and apply your change again.");
            } catch (PersistenceException e) {
                if (e.getCause() instanceof OptimisticLockException) {
                    throw new ConflictException(null, "A record was changed by someone else while you saved."
                            + " Nothing was saved; reload and apply your change again.");
                }
                if (isDuplicateKey(e)) {
                    throw new StoreException("A record with the same id already exists: it was saved before, or"
                            + " someone else created it. Nothing was saved. (" + JpaRecordStore.rootMessage(e) + ")", e);
                }
                throw new StoreException("The database refused the change; nothing was saved: " + JpaRecordStore.rootMessage(e), e);
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
                em.close();
            }
        }
    }

    void save(Collection<? extends Record> records, String reason) {
        // who may write comes first: a refused user learns nothing about what else is wrong
        if (!store.accounts().anyAccount()) {
            store.accounts().checkBootstrap(records);
        } else {
            for (Record r : records) {
                store.authorize("save", r);
                r.eAllContents().forEachRemaining(child -> store.authorize("save", (Record) child));
            }
        }
        for (Record r : records) {
            Validation.check(r);
            rules.checkLengths(r);
            rules.checkLinkType(r);
        }
        rules.checkChangeRules(records);
        write(reason, tx -> {
            for (Record r : records) {
                upsert(tx, r, null, null, 0);
            }
            return null;
        });
    }

    void upsert(Tx tx, Record record, String ownerId, String ownerFeature, int position) {
        TypeMapping t = schema.type(record.eClass());
        String id = record.getId();
        LoadedState state = LoadedState.of(record);
        String label = Records.label(record);
        DynamicEntity e;
        boolean isNew = state == null;
        if (isNew) {
            // no look-up first: the primary keys refuse a second record with this id (see write())
            e = t.newEntity();
            e.set(TypeMapping.ID, id);
        } else {
            e = (DynamicEntity) tx.em.find(t.javaClass(), id);
            if (e == null) {
                throw new ConflictException(id, Validation.describe(record) + " was deleted by "
                        + lastChange(store, tx.em, id) + " after you opened it. Nothing was saved.");
            }
            long current = ((Number) e.get(TypeMapping.VERSION)).longValue();
            if (current != state.version) {
                throw new ConflictException(id, Validation.describe(record) + " was changed by "
                        + lastChange(store, tx.em, id) + " after you opened it. Nothing was saved; reload it and apply"
                        + " your change again.");
            }
        }
        String controlled = isNew || tx.audit.hasReason() ? null : rules.controlled(tx.em, t, e);
        int entriesBefore = tx.audit.written();
        boolean immutable = !isNew && model.classFlag(t.eClass, qms.core.Hints.IMMUTABLE);
        if (record instanceof qms.model.UserAccount account) {
            tx.accountsChanged = true;
            if (isNew) {
                store.accounts().checkUserIdFree(tx.em, account);
            }
        }
        if (t.containable && (isNew || ownerId != null)) {
            e.set(TypeMapping.OWNER_ID, ownerId);
            e.set(TypeMapping.OWNER_FEATURE, ownerFeature);
            e.set(TypeMapping.OWNER_POS, ownerId == null ? null : position);
        }
        if (isNew) {
            stamp(tx, record);
            appendSnapshot(tx, id, t.typeName, label, AuditAction.CREATE, values(t, record));
        }
        for (FeatureMapping f : t.features) {
            switch (f.kind) {
            case ATTRIBUTE -> {
                // defaults are stored as values; only an unsettable attribute that is unset is stored as null
                Object newValue = f.feature.isUnsettable() && !record.eIsSet(f.feature) ? null
                        : f.toColumn(record.eGet(f.feature));
                Object oldValue = isNew ? null : e.get(f.property);
                if (isNew || !FeatureMapping.same(oldValue, newValue)) {
                    refuseIfImmutable(immutable, record, f, f.text(f.fromColumn(oldValue)));
                    if (!isNew && model.flag(f.feature, qms.core.Hints.FIXED)) {
                        throw Validation.failure(record, f.feature, "cannot be changed once saved (it was '"
                                + f.text(f.fromColumn(oldValue)) + "'). Nothing was saved.");
                    }
                    e.set(f.property, newValue);
                    if (!isNew) {
                        tx.audit.append(id, t.typeName, label, AuditAction.UPDATE, f.feature.getName(),
                                f.text(f.fromColumn(oldValue)), f.text(f.fromColumn(newValue)));
                    }
                }
            }
            case REFERENCE -> {
                String newValue = Records.id((EObject) record.eGet(f.feature));
                String oldValue = isNew ? null : e.get(f.property);
                if (isNew || !Objects.equals(oldValue, newValue)) {
                    refuseIfImmutable(immutable, record, f, null);
                    e.set(f.property, newValue);
                    if (!isNew) {
                        tx.audit.append(id, t.typeName, label, AuditAction.UPDATE, f.feature.getName(), oldValue, newValue);
                    }
                }
            }
            case REFERENCES -> {
                List<String> newIds = ((List<?>) record.eGet(f.feature)).stream().map(o -> Records.id((EObject) o))
                        .toList();
                List<String> oldIds = isNew ? List.of() : RecordReader.referenceRows(tx.em, id, f.feature.getName());
                if (!newIds.equals(oldIds)) {
                    refuseIfImmutable(immutable, record, f, null);
                    replaceReferenceRows(tx.em, id, f.feature.getName(), newIds);
                    if (!isNew) {
                        tx.audit.append(id, t.typeName, label, AuditAction.UPDATE, f.feature.getName(), joined(oldIds),
                                joined(newIds));
                    }
                }
            }
            case CONTAINMENT -> {
                List<Record> children = new ArrayList<>();
                Object value = record.eGet(f.feature);
                if (value instanceof List<?> l) {
                    l.forEach(o -> children.add((Record) o));
                } else if (value != null) {
                    children.add((Record) value);
                }
                List<String> oldIds = isNew ? List.of() : childIds(tx.em, id, (EReference) f.feature);
                List<String> newIds = children.stream().map(Record::getId).toList();
                for (String gone : oldIds) {
                    if (!newIds.contains(gone)) {
                        refuseIfImmutable(immutable || model.classFlag(((EReference) f.feature).getEReferenceType(),
                                qms.core.Hints.IMMUTABLE), record, f, null);
                        deleteById(tx, gone);
                    }
                }
                for (int i = 0; i < children.size(); i++) {
                    upsert(tx, children.get(i), id, f.feature.getName(), i);
                }
                if (!isNew && !newIds.equals(oldIds)) {
                    tx.audit.append(id, t.typeName, label, AuditAction.UPDATE, f.feature.getName(), joined(oldIds),
                            joined(newIds));
                }
            }
            }
        }
        if (controlled != null && tx.audit.written() > entriesBefore) {
            throw new ReasonRequiredException(controlled + ": changing it needs a reason for the change."
                    + " Nothing was saved.");
        }
        if (isNew) {
            e.set(TypeMapping.VERSION, 1L);
            tx.em.persist(e);
            tx.em.persist(new RecordIndexEntity(id, t.typeName));
        }
        DynamicEntity managed = e;
        tx.afterCommit.add(() -> LoadedState.set(record, ((Number) managed.get(TypeMapping.VERSION)).longValue()));
    }

    /** Sets the attributes hinted {@link qms.core.Hints#STAMP} of a new record to who saves it and when. */
    private void stamp(Tx tx, Record record) {
        for (EAttribute a : record.eClass().getEAllAttributes()) {
            String stamp = model.hint(a, qms.core.Hints.STAMP);
            if ("user".equals(stamp)) {
                record.eSet(a, tx.user);
            } else if ("time".equals(stamp)) {
                record.eSet(a, new java.util.Date());
            }
        }
    }

    /**
     * A stored record of a class hinted {@link qms.core.Hints#IMMUTABLE} (a sign-off, a timeline entry) is never
     * changed, and a contained one never removed: the save is refused naming the field, inside the transaction, so
     * nothing of it is written.
     */
    static void refuseIfImmutable(boolean immutable, Record record, FeatureMapping f, String was) {
        if (immutable) {
            String kind = Validation.typeLabel(f.feature instanceof EReference r && r.isContainment()
                    ? r.getEReferenceType() : record.eClass()).toLowerCase(java.util.Locale.ROOT);
            boolean quote = was != null && was.length() <= 80 && was.indexOf('\n') < 0;
            throw Validation.failure(record, f.feature, "cannot be changed" + (quote ? " (it was '" + was + "')"
                    : "") + ": " + ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + " is never"
                    + " changed or removed once saved (add a new one instead)");
        }
    }

    /**
     * The audit text of every feature of a record that has a value (attributes as their audit text, references as
     * ids, lists as ids separated by spaces), as kept with its creation and deletion.
     */
    static Map<String, String> values(TypeMapping t, Record record) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (FeatureMapping f : t.features) {
            String text = switch (f.kind) {
            case ATTRIBUTE -> f.feature.isUnsettable() && !record.eIsSet(f.feature) ? null
                    : f.text(record.eGet(f.feature));
            case REFERENCE -> Records.id((EObject) record.eGet(f.feature));
            case REFERENCES, CONTAINMENT -> {
                Object v = record.eGet(f.feature);
                List<String> ids = new ArrayList<>();
                for (Object o : v instanceof List<?> l ? l : v == null ? List.of() : List.of(v)) {
                    ids.add(Records.id((EObject) o));
                }
                yield joined(ids);
            }
            };
            if (text != null) {
                values.put(f.feature.getName(), text);
            }
        }
        return values;
    }

    /**
     * One CREATE (or DELETE) entry whose value is the snapshot of the record's values; a value too long to share
     * it (a long description) gets an entry of its own, naming its attribute.
     */
    static void appendSnapshot(Tx tx, String id, String type, String label, AuditAction action,
            Map<String, String> values) {
        Map<String, String> shared = new java.util.LinkedHashMap<>();
        Map<String, String> own = new java.util.LinkedHashMap<>();
        int room = AuditWriter.MAX_VALUE - 64;
        for (Map.Entry<String, String> v : values.entrySet()) {
            int size = v.getKey().length() + v.getValue().length() * 2 + 8; // JSON escaping may double it
            if (size <= room) {
                shared.put(v.getKey(), v.getValue());
                room -= size;
            } else {
                own.put(v.getKey(), v.getValue());
            }
        }
        String snapshot = qms.core.Snapshots.toJson(shared);
        boolean create = action == AuditAction.CREATE;
        tx.audit.append(id, type, label, action, null, create ? null : snapshot, create ? snapshot : null);
        own.forEach((attribute, value) -> tx.audit.append(id, type, label, action, attribute, create ? null : value,
                create ? value : null));
    }

    static String joined(List<String> ids) {
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    static void replaceReferenceRows(EntityManager em, String ownerId, String feature, List<String> ids) {
        em.createQuery("DELETE FROM ReferenceEntity r WHERE r.ownerId = :o AND r.feature = :f")
                .setParameter("o", ownerId).setParameter("f", feature).executeUpdate();
        for (int i = 0; i < ids.size(); i++) {
            em.persist(new ReferenceEntity(ownerId, feature, i, ids.get(i)));
        }
    }

    List<String> childIds(EntityManager em, String ownerId, EReference containment) {
        List<String> ids = new ArrayList<>();
        for (TypeMapping ct : schema.all()) {
            if (ct.containable && containment.getEReferenceType().isSuperTypeOf(ct.eClass)) {
                ids.addAll(em.createQuery("SELECT e." + TypeMapping.ID + " FROM " + ct.alias + " e WHERE e."
                        + TypeMapping.OWNER_ID + " = :o AND e." + TypeMapping.OWNER_FEATURE + " = :f ORDER BY e."
                        + TypeMapping.OWNER_POS, String.class).setParameter("o", ownerId)
                        .setParameter("f", containment.getName()).getResultList());
            }
        }
        return ids;
    }

    /** Who changed the record last and when, from its newest audit entry: "Quinn QA (qa) at 2026-12-06 22:44:17 UTC". */
    static String lastChange(JpaRecordStore store, EntityManager em, String recordId) {
        List<AuditEntryEntity> last = em.createQuery(
                "SELECT a FROM AuditEntryEntity a WHERE a.recordId = :id ORDER BY a.sequence DESC",
                AuditEntryEntity.class).setParameter("id", recordId).setMaxResults(1).getResultList();
        if (last.isEmpty()) {
            return "someone else";
        }
        String user = last.get(0).user;
        String name = store.readWhere(em, qms.model.QmsPackage.Literals.USER_ACCOUNT, qms.model.QmsPackage.Literals
                .USER_ACCOUNT__USER_ID, user).stream().map(a -> ((qms.model.UserAccount) a).getFullName()).filter(
                        n -> n != null && !n.isBlank()).findFirst().map(n -> n + " (" + user + ")").orElse(user);
        return name + " at " + last.get(0).at.replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC").replaceAll("Z$",
                " UTC");
    }

    /** Deletes a record, the records it contains, its reference rows and evidence content; audits each. */
    void deleteById(Tx tx, String id) {
        RecordIndexEntity index = tx.em.find(RecordIndexEntity.class, id);
        if (index == null) {
            return;
        }
        TypeMapping t = model.eClass(index.typeName).map(schema::typeOrNull).orElseThrow(
                () -> new StoreException("Record " + id + " is of type " + index.typeName
                        + ", which no installed module provides; it cannot be deleted"));
        DynamicEntity e = (DynamicEntity) tx.em.find(t.javaClass(), id);
        Record last = new RecordReader(store, tx.em, 0).record(t, e);
        String label = Records.label(last);
        Map<String, String> lastValues = values(t, last);
        for (FeatureMapping f : t.features) {
            if (f.kind == Kind.CONTAINMENT) {
                for (String child : childIds(tx.em, id, (EReference) f.feature)) {
                    deleteById(tx, child);
                }
            } else if (f.kind == Kind.REFERENCES) {
                replaceReferenceRows(tx.em, id, f.feature.getName(), List.of());
            }
        }
        EvidenceContentEntity content = tx.em.find(EvidenceContentEntity.class, id);
        if (content != null) {
            tx.em.remove(content);
        }
        tx.em.remove(e);
        tx.em.remove(index);
        appendSnapshot(tx, id, t.typeName, label, AuditAction.DELETE, lastValues);
    }

    /** SQLState 23505: a unique or primary key constraint refused the row. */
    private static boolean isDuplicateKey(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
