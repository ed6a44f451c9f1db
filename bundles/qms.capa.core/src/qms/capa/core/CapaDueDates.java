package qms.capa.core;

import java.util.Date;
import java.util.Objects;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.capa.model.Capa;
import qms.capa.model.CapaAction;
import qms.capa.model.CapaPackage;
import qms.capa.model.CapaStatus;
import qms.capa.model.ExtendedDate;
import qms.core.ChangeRule;
import qms.core.RecordStore;
import qms.model.Record;

/**
 * Once a CAPA's plan is approved, its due dates — the CAPA's, each action's and the effectiveness check's — move only
 * by an approved due-date extension, so that every moved date has a reason and an approver in its history. A date
 * not set yet may be set (an action added later, the check's date set when the CAPA is implemented); the lifecycle's
 * steps move the dates with the status (a reopened CAPA's check date is cleared). Before the plan is approved the
 * dates are the plan's, and changing them after it was submitted means submitting it again.
 */
final class CapaDueDates implements ChangeRule {

    static final String LOCKED = "Once the plan is approved, a due date moves only by an approved due-date extension"
            + " (Lifecycle\u2026 \u203a Request Extension\u2026)";

    @Override
    public EClass type() {
        return CapaPackage.Literals.CAPA;
    }

    private static boolean planApproved(Capa c) {
        return c.getStatus() != CapaStatus.OPEN && c.getStatus() != CapaStatus.CLOSED;
    }

    @Override
    public String whyLocked(Record record, EObject object, EStructuralFeature feature) {
        boolean date = feature == CapaPackage.Literals.CAPA__DUE_DATE || feature == CapaPackage.Literals
                .CAPA__EFFECTIVENESS_DUE || feature == CapaPackage.Literals.CAPA_ACTION__DUE;
        return date && record instanceof Capa c && planApproved(c) && object.eGet(feature) != null ? LOCKED : null;
    }

    @Override
    public String whyNot(RecordStore store, Record stored, Record changed) {
        Capa before = (Capa) stored;
        Capa after = (Capa) changed;
        if (!planApproved(before) || before.getStatus() != after.getStatus()) {
            return null; // the plan's own dates, or a lifecycle step that moves them with the status
        }
        CapaLifecycle lifecycle = new CapaLifecycle(store);
        String refused = check(lifecycle, before, ExtendedDate.CAPA_DUE, null, before.getDueDate(), after.getDueDate(),
                "the due date");
        if (refused == null) {
            refused = check(lifecycle, before, ExtendedDate.EFFECTIVENESS_DUE, null, before.getEffectivenessDue(),
                    after.getEffectivenessDue(), "the effectiveness check's due date");
        }
        for (CapaAction was : before.getActions()) {
            CapaAction now = after.getActions().stream().filter(a -> a.getId().equals(was.getId())).findFirst()
                    .orElse(null);
            if (refused == null && now != null) {
                refused = check(lifecycle, before, ExtendedDate.ACTION_DUE, was.getId(), was.getDue(), now.getDue(),
                        "the due date of the action '" + was.getDescription() + "'");
            }
        }
        return refused == null ? null : "Cannot move " + refused + " of " + CapaLifecycle.name(before) + ": its plan"
                + " is approved, so a due date moves only by an approved due-date extension (Lifecycle\u2026 \u203a"
                + " Request Extension\u2026)";
    }

    /** {@code what} if the date moved without a signed extension from exactly {@code was} to {@code now}, else null. */
    private static String check(CapaLifecycle lifecycle, Capa capa, ExtendedDate which, String actionId, Date was,
            Date now, String what) {
        if (Objects.equals(was, now) || was == null) {
            return null;
        }
        boolean extended = now != null && lifecycle.extensions(capa).stream().anyMatch(x -> x.getExtendedDate() == which
                && Objects.equals(x.getActionId(), actionId) && Objects.equals(x.getPreviousDue(), was)
                && Objects.equals(x.getNewDue(), now) && lifecycle.isSigned(x));
        return extended ? null : what;
    }
}
