package qms.capa.core;

import java.time.LocalDate;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

import qms.capa.model.Capa;
import qms.capa.model.CapaAction;
import qms.capa.model.DueDateExtension;
import qms.capa.model.ExtendedDate;
import qms.core.lifecycle.Transition.Effect;

/**
 * Due-date extensions of a CAPA: what a request must say (which date, to when, why), that an approval still moves the
 * date it was asked for, and the move itself. The steps are the CAPA lifecycle's; this holds their rules.
 */
final class CapaExtensions {

    private final CapaLifecycle lifecycle;

    CapaExtensions(CapaLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    DueDateExtension request(Capa c, ExtendedDate which, CapaAction action, LocalDate newDue, String reason) {
        CapaAction a = action == null ? null : c.getActions().stream().filter(x -> x.getId().equals(action.getId()))
                .findFirst().orElse(null);
        Date current = due(c, which, a);
        String what = which == ExtendedDate.ACTION_DUE && a != null ? "the due date of the action '"
                + a.getDescription() + "'" : "the " + which.getLiteral().toLowerCase(java.util.Locale.ROOT);
        Optional<String> refusal = lifecycle.whyNotRequestExtension(c).or(() -> {
            if (which == ExtendedDate.ACTION_DUE && a == null) {
                return Optional.of("the action to extend is not one of its actions");
            } else if (CapaLifecycle.blank(reason)) {
                return Optional.of("an extension needs a reason");
            } else if (newDue == null || newDue.isBefore(lifecycle.today())) {
                return Optional.of("the new due date must not be in the past");
            } else if (current != null && !newDue.isAfter(CapaLifecycle.dayOf(current))) {
                return Optional.of("the new due date must be after the current one, " + CapaLifecycle.text(current));
            } else if (lifecycle.extensions(c).stream().anyMatch(x -> !lifecycle.isSigned(x) && x.getExtendedDate()
                    == which && Objects.equals(x.getActionId(), a == null ? null : a.getId()))) {
                return Optional.of("an extension of " + what + " waits for approval already");
            }
            return Optional.empty();
        });
        lifecycle.steps().refuseIf(lifecycle.requestExtension, c, refusal);
        String name = CapaLifecycle.name(c);
        return lifecycle.steps().<DueDateExtension>request(lifecycle.requestExtension, c, "Extension of " + what
                + " of " + name + " to " + newDue, "Extend " + what + " of " + name + " from "
                        + CapaLifecycle.text(current) + " to " + newDue + ".\nReason: " + reason.strip() + "\n", x -> {
                            x.setExtendedDate(which);
                            x.setActionId(a == null ? null : a.getId());
                            x.setPreviousDue(current);
                            x.setNewDue(CapaLifecycle.day(newDue));
                            x.setReason(reason.strip());
                        });
    }

    /** Why the extension no longer moves the date it was asked for (someone changed it since), or empty. */
    static Optional<String> moved(Capa c, DueDateExtension x) {
        CapaAction a = x.getActionId() == null ? null : action(c, x.getActionId());
        return Objects.equals(due(c, x.getExtendedDate(), a), x.getPreviousDue()) ? Optional.empty()
                : Optional.of("the due date was changed after the extension was requested");
    }

    /** Moves the date the signed extension names. */
    static Effect extend(Capa c, DueDateExtension x) {
        switch (x.getExtendedDate()) {
        case CAPA_DUE -> c.setDueDate(x.getNewDue());
        case EFFECTIVENESS_DUE -> c.setEffectivenessDue(x.getNewDue());
        case ACTION_DUE -> Objects.requireNonNull(action(c, x.getActionId()), "the extended action").setDue(x
                .getNewDue());
        }
        return Effect.of(c);
    }

    private static CapaAction action(Capa c, String id) {
        return c.getActions().stream().filter(a -> a.getId().equals(id)).findFirst().orElse(null);
    }

    private static Date due(Capa c, ExtendedDate which, CapaAction a) {
        return switch (which) {
        case CAPA_DUE -> c.getDueDate();
        case EFFECTIVENESS_DUE -> c.getEffectivenessDue();
        case ACTION_DUE -> a == null ? null : a.getDue();
        };
    }
}
