package qms.core;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.model.Record;

/**
 * A module's rule on how its records may be saved: mostly how stored ones may change (a CAPA's due dates, once its
 * plan is approved, move only by an approved extension), sometimes what a new one may not be (a second Effective
 * version of an SOP). The store checks it on every save, whoever saves — a form or code — before anything of the save
 * is written, and refuses the save with the rule's reason; forms lock the fields it locks, with the reason as their
 * tooltip. Contributed by {@link ModelContribution#changeRules()}.
 */
public interface ChangeRule {

    /** The record class the rule is about (its subclasses too). */
    EClass type();

    /**
     * Why {@code feature} of {@code object} — the record or an object it contains — cannot be changed in a form now,
     * or null. {@code record} is the record as the form shows it.
     */
    default String whyLocked(Record record, EObject object, EStructuralFeature feature) {
        return null;
    }

    /**
     * Why {@code changed} may not be saved over {@code stored} (the record as it is stored now), or null; {@code store}
     * reads other records (a CAPA's signed extensions).
     */
    default String whyNot(RecordStore store, Record stored, Record changed) {
        return null;
    }

    /**
     * As {@link #whyNot(RecordStore, Record, Record)}, knowing the other records saved in the same call (an SOP version
     * that becomes Effective while the one before it is superseded in the same save).
     */
    default String whyNot(RecordStore store, Record stored, Record changed, java.util.Collection<? extends Record> batch) {
        return whyNot(store, stored, changed);
    }

    /** Why a new record may not be saved, or null; {@code batch}: every record of the save. */
    default String whyNotNew(RecordStore store, Record created, java.util.Collection<? extends Record> batch) {
        return null;
    }
}
