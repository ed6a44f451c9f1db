package qms.core;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.model.Record;

/**
 * A module's rule on how its stored records may change (a CAPA's due dates, once its plan is approved, move only by
 * an approved extension). The store checks it on every save of a record that is stored already, whoever saves it —
 * a form or code — and refuses the save with the rule's reason; forms lock the fields it locks, with the reason as
 * their tooltip. Contributed by {@link ModelContribution#changeRules()}.
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
    String whyNot(RecordStore store, Record stored, Record changed);
}
