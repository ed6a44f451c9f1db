package qms.store.jpa.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.persistence.dynamic.DynamicEntity;

import qms.core.AuditAction;
import qms.core.ModelRegistry;
import qms.core.RecordNotFoundException;
import qms.core.ReasonRequiredException;
import qms.core.Records;
import qms.core.ReferencedRecordException;
import qms.core.StoreException;
import qms.core.Validation;
import qms.core.ConflictException;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.store.jpa.internal.FeatureMapping.Kind;

/**
 * Deleting records with what they contain, and finding who refers to a record: a delete is refused while a record
 * requires the deleted one, and with {@code force} the rest are detached (links deleted, references cleared), each
 * change audited.
 */
final class RecordDeletion {

    private final JpaRecordStore store;
    private final Schema schema;
    private final ModelRegistry model;
    private final RecordWriter writer;

    RecordDeletion(JpaRecordStore store, RecordWriter writer) {
        this.store = store;
        this.schema = store.schema();
        this.model = store.model();
        this.writer = writer;
    }

    void delete(Record record, String reason, boolean force) {
        store.authorize("delete", record);
        if ("false".equals(model.classHint(record.eClass(), qms.core.Hints.DELETABLE))) {
            throw new StoreException(Validation.describe(record) + " cannot be deleted: "
                    + Validation.typeLabel(record.eClass()) + " records are kept for good"
                    + (record instanceof qms.model.UserAccount ? " (deactivate the account instead)" : "")
                    + ". Nothing was deleted.");
        }
        store.write(reason, tx -> {
            TypeMapping t = schema.type(record.eClass());
            DynamicEntity e = (DynamicEntity) tx.em.find(t.javaClass(), record.getId());
            if (e == null) {
                throw new RecordNotFoundException(record.getId());
            }
            String controlled = tx.audit.hasReason() ? null : store.controlled(tx.em, t, e);
            if (controlled != null) {
                throw new ReasonRequiredException(controlled + ": deleting it needs a reason. Nothing was deleted.");
            }
            LoadedState state = LoadedState.of(record);
            if (state != null && state.version != ((Number) e.get(TypeMapping.VERSION)).longValue()) {
                throw new ConflictException(record.getId(), Validation.describe(record) + " was changed by "
                        + RecordWriter.lastChange(store, tx.em, record.getId()) + " after you opened it. Nothing was deleted.");
            }
            Set<String> subtree = new HashSet<>();
            collectSubtree(tx.em, t, record.getId(), subtree);
            List<Referrer> referrers = referrers(tx.em, subtree);
            if (!referrers.isEmpty()) {
                List<String> blocking = referrers.stream().filter(r -> r.required && !r.isLink)
                        .map(Referrer::describe).toList();
                if (!force || !blocking.isEmpty()) {
                    throw new ReferencedRecordException(Validation.describe(record) + " is referred to by "
                            + referrers.size() + " record(s)"
                            + (blocking.isEmpty() ? "" : ", some of which require it") + ". Nothing was deleted.",
                            (blocking.isEmpty() ? referrers.stream().map(Referrer::describe).toList() : blocking));
                }
                for (Referrer r : referrers) {
                    detach(tx, r);
                }
            }
            writer.deleteById(tx, record.getId());
            tx.afterCommit.add(() -> LoadedState.clear(record));
            return null;
        });
    }

    List<String> referrers(String id) {
        return store.read(em -> {
            RecordIndexEntity index = em.find(RecordIndexEntity.class, id);
            if (index == null) {
                return List.<String>of();
            }
            Set<String> subtree = new HashSet<>();
            TypeMapping t = model.eClass(index.typeName).map(schema::typeOrNull).orElse(null);
            if (t == null) {
                return List.<String>of();
            }
            collectSubtree(em, t, id, subtree);
            return referrers(em, subtree).stream().map(Referrer::describe).toList();
        });
    }

    List<qms.core.IncomingReference> incomingReferences(String id) {
        return store.read(em -> {
            List<qms.core.IncomingReference> result = new ArrayList<>();
            RecordReader reader = new RecordReader(store, em, 1);
            // links are read by links(); a contained referrer is named by its top-level record
            eachReferrer(em, Set.of(id), false, (t, record, f, target, column) -> {
                List<EReference> path = new ArrayList<>();
                String top = topLevel(em, Records.id(record), path);
                result.add(new qms.core.IncomingReference(top.equals(Records.id(record)) ? record : reader.byId(top),
                        path, (EReference) f.feature));
            });
            return result;
        });
    }

    /**
     * The id of the top-level record that (through containments) holds the record {@code id}, or {@code id} itself;
     * {@code path} receives the containment references from the top down.
     */
    private String topLevel(EntityManager em, String id, List<EReference> path) {
        String current = id;
        while (true) {
            RecordIndexEntity index = em.find(RecordIndexEntity.class, current);
            TypeMapping t = index == null ? null : model.eClass(index.typeName).map(schema::typeOrNull).orElse(null);
            if (t == null || !t.containable) {
                return current;
            }
            DynamicEntity e = (DynamicEntity) em.find(t.javaClass(), current);
            String owner = e == null ? null : e.get(TypeMapping.OWNER_ID);
            if (owner == null) {
                return current;
            }
            RecordIndexEntity ownerIndex = em.find(RecordIndexEntity.class, owner);
            EClass ownerClass = ownerIndex == null ? null : model.eClass(ownerIndex.typeName).orElse(null);
            if (ownerClass == null) {
                return current;
            }
            path.add(0, (EReference) ownerClass.getEStructuralFeature((String) e.get(TypeMapping.OWNER_FEATURE)));
            current = owner;
        }
    }

    /** A record pointing at one being deleted: through a single reference column or a SYS_REFERENCE row. */
    private record Referrer(TypeMapping type, String id, String label, FeatureMapping feature, String target,
            boolean required, boolean isLink) {
        String describe() {
            return (isLink ? "Link " : type.eClass.getName() + " ") + "'" + label + "' ("
                    + Validation.featureLabel(feature.feature) + ")";
        }
    }

    private void collectSubtree(EntityManager em, TypeMapping t, String id, Set<String> ids) {
        ids.add(id);
        for (FeatureMapping f : t.features) {
            if (f.kind == Kind.CONTAINMENT) {
                for (String child : writer.childIds(em, id, (EReference) f.feature)) {
                    RecordIndexEntity index = em.find(RecordIndexEntity.class, child);
                    TypeMapping ct = index == null ? null : model.eClass(index.typeName).map(schema::typeOrNull)
                            .orElse(null);
                    if (ct != null) {
                        collectSubtree(em, ct, child, ids);
                    }
                }
            }
        }
    }

    private List<Referrer> referrers(EntityManager em, Set<String> targets) {
        List<Referrer> result = new ArrayList<>();
        eachReferrer(em, targets, true, (t, record, f, target, column) -> result.add(new Referrer(t, Records.id(
                record), Records.label(record), f, target, column && f.feature.isRequired(), QmsPackage.Literals.LINK
                        .isSuperTypeOf(t.eClass))));
        return result;
    }

    /** One record pointing at a target: through a reference column ({@code column}) or a SYS_REFERENCE row. */
    private interface ReferrerVisitor {
        void visit(TypeMapping type, Record record, FeatureMapping feature, String target, boolean column);
    }

    /**
     * Visits every record (outside {@code targets}) whose references point into {@code targets}, loaded one level
     * deep (a link's label names both of its ends); links only when {@code links}.
     */
    private void eachReferrer(EntityManager em, Set<String> targets, boolean links, ReferrerVisitor visitor) {
        RecordReader reader = new RecordReader(store, em, 1);
        List<String> all = List.copyOf(targets);
        for (int from = 0; from < all.size(); from += 50) {
            referringColumns(em, all.subList(from, Math.min(all.size(), from + 50)), links, (t, id, f, target) -> {
                DynamicEntity e = targets.contains(id) ? null : (DynamicEntity) em.find(t.javaClass(), id);
                if (e != null) {
                    visitor.visit(t, reader.record(t, e), f, target, true);
                }
            });
        }
        for (ReferenceEntity r : em.createQuery("SELECT r FROM ReferenceEntity r WHERE r.targetId IN :ids",
                ReferenceEntity.class).setParameter("ids", targets).getResultList()) {
            if (targets.contains(r.ownerId)) {
                continue;
            }
            Record owner = reader.byId(r.ownerId);
            if (owner != null) {
                TypeMapping t = schema.type(owner.eClass());
                visitor.visit(t, owner, t.feature(owner.eClass().getEStructuralFeature(r.feature)), r.targetId, false);
            }
        }
    }

    private interface ColumnHit {
        void hit(TypeMapping type, String id, FeatureMapping reference, String target);
    }

    /**
     * The rows whose single-valued reference columns hold one of {@code targets}, found with one statement over every
     * reference column of every table (each branch follows its column's index): a query per column cost a statement
     * each, and each statement is compiled the first time it runs.
     */
    private void referringColumns(EntityManager em, List<String> targets, boolean links, ColumnHit hit) {
        List<TypeMapping> types = new ArrayList<>();
        List<FeatureMapping> columns = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        String in = " IN (" + String.join(", ", java.util.Collections.nCopies(targets.size(), "?")) + ")";
        for (TypeMapping t : schema.all()) {
            if (!links && QmsPackage.Literals.LINK.isSuperTypeOf(t.eClass)) {
                continue;
            }
            for (FeatureMapping f : t.features) {
                if (f.kind == Kind.REFERENCE) {
                    sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT ID, ").append(columns.size())
                            .append(" AS K, ").append(f.column).append(" AS TARGET FROM ").append(t.table)
                            .append(" WHERE ").append(f.column).append(in);
                    types.add(t);
                    columns.add(f);
                }
            }
        }
        if (columns.isEmpty() || targets.isEmpty()) {
            return;
        }
        jakarta.persistence.Query q = em.createNativeQuery(sql.toString());
        int position = 1;
        for (int i = 0; i < columns.size(); i++) {
            for (String target : targets) {
                q.setParameter(position++, target);
            }
        }
        for (Object row : q.getResultList()) {
            Object[] values = (Object[]) row;
            int k = ((Number) values[1]).intValue();
            hit.hit(types.get(k), (String) values[0], columns.get(k), (String) values[2]);
        }
    }

    /** Removes a referrer's pointer at a record being force-deleted: links go, references are cleared. */
    private void detach(Tx tx, Referrer r) {
        if (r.isLink) {
            if (tx.em.find(RecordIndexEntity.class, r.id) != null) {
                writer.deleteById(tx, r.id);
            }
            return;
        }
        DynamicEntity e = (DynamicEntity) tx.em.find(r.type.javaClass(), r.id);
        if (r.feature.kind == Kind.REFERENCE) {
            e.set(r.feature.property, null);
            tx.audit.append(r.id, r.type.typeName, r.label, AuditAction.UPDATE, r.feature.feature.getName(),
                    r.target, null);
        } else {
            List<String> old = RecordReader.referenceRows(tx.em, r.id, r.feature.feature.getName());
            List<String> remaining = old.stream().filter(x -> !x.equals(r.target)).toList();
            RecordWriter.replaceReferenceRows(tx.em, r.id, r.feature.feature.getName(), remaining);
            // the owner's row is unchanged, but the record did change: whoever has it open must reload
            tx.em.lock(e, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            tx.audit.append(r.id, r.type.typeName, r.label, AuditAction.UPDATE, r.feature.feature.getName(),
                    RecordWriter.joined(old), RecordWriter.joined(remaining));
        }
    }
}
