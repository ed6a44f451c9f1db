package qms.ui.navigator;

import org.eclipse.emf.ecore.EClass;

import qms.core.Validation;

/** A navigator node grouping the records of one record class. */
public record TypeGroup(EClass eClass) {

    /** "Computerized Systems": the class's {@code plural} hint, else its label with an English plural ending. */
    public String label() {
        String plural = qms.ui.QmsUi.get().model().hint(eClass, qms.core.Hints.PLURAL);
        if (plural != null) {
            return plural;
        }
        String type = Validation.typeLabel(eClass);
        if (type.endsWith("y") && !type.endsWith("ey")) {
            return type.substring(0, type.length() - 1) + "ies";
        }
        if (type.endsWith("s")) {
            return type + "es";
        }
        return type + "s";
    }
}
