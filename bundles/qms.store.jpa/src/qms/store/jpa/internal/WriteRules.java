package qms.store.jpa.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.persistence.dynamic.DynamicEntity;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Records;
import qms.core.Validation;
import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.store.jpa.internal.FeatureMapping.Kind;

/**
 * What a write must pass before anything of it is written: who may write the records (a refusal audited), the
 * modules' change rules, the stored lengths, the link types; and whether a stored record is controlled, so that its
 * change needs a reason.
 */
final class WriteRules {

    private final JpaRecordStore store;
    private final Schema schema;
    private final ModelRegistry model;

    WriteRules(JpaRecordStore store) {
        this.store = store;
        this.schema = store.schema();
        this.model = store.model();
    }

    /**
     * The modules' rules on how stored records change ({@link qms.core.ChangeRule}), checked against each record as
     * it is stored now, before anything of the batch is written.
     */
    void checkChangeRules(Collection<? extends Record> records) {
        for (Record r : records) {
            List<qms.core.ChangeRule> rules = model.changeRules(r.eClass());
            boolean isNew = LoadedState.of(r) == null;
            Record stored = rules.isEmpty() || isNew ? null : store.find(r.getId()).orElse(null);
            for (qms.core.ChangeRule rule : rules) {
                String why = isNew ? rule.whyNotNew(store, r, records) : stored == null ? null : rule.whyNot(store,
                        stored, r, records);
                if (why != null) {
                    throw new qms.core.ChangeRefusedException(why + ". Nothing was saved.");
                }
            }
        }
    }

    void checkLengths(Record record) {
        TypeMapping t = schema.type(record.eClass());
        for (FeatureMapping f : t.features) {
            if (f.kind == Kind.ATTRIBUTE && f.columnType == String.class
                    && f.toColumn(record.eGet(f.feature)) instanceof String v && v.length() > f.length) {
                throw Validation.failure(record, f.feature,
                        "is " + v.length() + " characters long; at most " + f.length + " can be stored");
            }
        }
        record.eContents().forEach(child -> checkLengths((Record) child));
    }

    /** A link's type must be one an installed module contributes (the core's, or a module's). */
    void checkLinkType(Record record) {
        if (record instanceof Link link && model.linkType(link.getType()).isEmpty()) {
            throw Validation.failure(record, QmsPackage.Literals.LINK__TYPE, "'" + link.getType()
                    + "' is not a known link type (known: " + String.join(", ", model.linkTypes().stream()
                            .map(qms.core.LinkType::id).toList()) + ")");
        }
    }

    /**
     * Refuses a write of a record of a class the signed-in user's roles may not write, and audits the denial (in a
     * transaction of its own: the refused write itself is never started).
     */
    void authorize(String operation, Record record) {
        Principal p = store.principal();
        String what = operation + " " + Validation.describe(record);
        if (p == null) {
            throw new AccessDeniedException("Nobody is signed in: " + what + " was refused");
        }
        if (!store.accounts().mayWrite(p.userId(), record.eClass())) {
            String roles = store.accounts().roles(p.userId()).stream().map(Object::toString).sorted()
                    .collect(java.util.stream.Collectors.joining(", "));
            String message = p.userId() + " (" + (roles.isEmpty() ? "no role" : roles) + ") may not " + what
                    + ": " + Validation.typeLabel(record.eClass()) + " records are written by "
                    + store.accounts().writersText(record.eClass()) + ". Nothing was written.";
            denied(p.userId(), record, message);
            throw new AccessDeniedException(message);
        }
    }

    /** Appends a DENIED entry about the record (or about nothing in particular) in its own transaction. */
    void denied(String user, Record record, String message) {
        store.write(user, null, tx -> {
            tx.audit.append(record == null ? null : record.getId(),
                    record == null ? null : ModelRegistry.typeName(record.eClass()),
                    record == null ? null : Records.label(record), AuditAction.DENIED, null, null, message);
            return null;
        });
    }

    Optional<String> reasonRequired(String recordId) {
        return store.read(em -> {
            RecordIndexEntity index = em.find(RecordIndexEntity.class, recordId);
            TypeMapping t = index == null ? null : model.eClass(index.typeName).map(schema::typeOrNull).orElse(null);
            DynamicEntity e = t == null ? null : (DynamicEntity) em.find(t.javaClass(), recordId);
            return e == null ? Optional.<String>empty() : Optional.ofNullable(controlled(em, t, e));
        });
    }

    /**
     * Why a stored record is controlled (its changes need a reason), or null: an enum attribute holds a literal
     * hinted {@link qms.core.Hints#CONTROLLED}, or the record is signed.
     */
    String controlled(EntityManager em, TypeMapping t, DynamicEntity e) {
        for (FeatureMapping f : t.features) {
            if (f.kind == Kind.ATTRIBUTE && !f.feature.isMany()
                    && ((EAttribute) f.feature).getEAttributeType() instanceof EEnum en
                    && e.get(f.property) instanceof String name) {
                EEnumLiteral literal = en.getEEnumLiteral(name);
                if (literal != null && model.flag(literal, qms.core.Hints.CONTROLLED)) {
                    return Validation.typeLabel(t.eClass) + " '" + labelOf(t, e) + "' is "
                            + literal.getLiteral() + " (" + Validation.featureLabel(f.feature).toLowerCase() + ")";
                }
            }
        }
        long signed = store.signatures().count(em, e.get(TypeMapping.ID));
        if (signed > 0) {
            return Validation.typeLabel(t.eClass) + " '" + labelOf(t, e) + "' is signed (" + signed
                    + " signature" + (signed == 1 ? "" : "s") + ")";
        }
        return null;
    }

    String labelOf(TypeMapping t, DynamicEntity e) {
        EAttribute label = Records.labelAttribute(t.eClass);
        Object v = label == null ? null : e.get(t.feature(label).property);
        return v == null ? e.get(TypeMapping.ID) : v.toString();
    }
}
