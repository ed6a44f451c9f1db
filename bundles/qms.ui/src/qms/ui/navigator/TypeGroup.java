package qms.ui.navigator;

import org.eclipse.emf.ecore.EClass;

import qms.core.Validation;

/** A navigator node grouping the records of one record class. */
public record TypeGroup(EClass eClass) {

    /** "Computerized Systems". */
    public String label() {
        String type = Validation.typeLabel(eClass);
        if (type.endsWith("y") && !type.endsWith("ey")) {
            return type.substring(0, type.length() - 1) + "ies";
        }
        if (type.endsWith("s")) {
            return type + "es";
        }
        return type.equals("Person") ? "People" : type + "s";
    }
}
