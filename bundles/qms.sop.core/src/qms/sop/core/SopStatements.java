package qms.sop.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;

import qms.core.Days;
import qms.core.Records;
import qms.sop.model.EscalationRule;
import qms.sop.model.ProcedureStep;
import qms.sop.model.RoleResponsibility;
import qms.sop.model.SopVersion;

/**
 * What a reviewer and an approver of an SOP version sign: its whole content in a fixed order, so that any change of it
 * after it was sent to review shows as a changed statement. And what a draft needs before it is sent to review.
 */
final class SopStatements {

    private SopStatements() {
    }

    static String content(SopVersion v) {
        StringBuilder s = new StringBuilder(SopVersions.name(v)).append(" '").append(v.getTitle()).append("'\n");
        s.append("Author: ").append(v.getAuthor() == null ? "" : v.getAuthor().getFullName() + " (" + v.getAuthor()
                .getUserId() + ")").append('\n');
        s.append("Effective date: ").append(Days.text(v.getEffectiveDate())).append('\n');
        text(s, "Change summary", v.getChangeSummary());
        text(s, "Purpose", v.getPurpose());
        text(s, "Scope", v.getScope());
        text(s, "Definitions", v.getDefinitions());
        for (RoleResponsibility r : v.getResponsibilities()) {
            s.append("Responsibility of ").append(label(r.getRole())).append(": ").append(r.getResponsibilities())
                    .append('\n');
        }
        for (EscalationRule e : v.getEscalation()) {
            s.append("Escalation (").append(e.isSetSeverity() ? e.getSeverity().getLiteral() : "").append("): tell ")
                    .append(e.getNotify()).append(" within ").append(e.getWithinHours()).append(" h").append(Days
                            .blank(e.getChannel()) ? "" : " by " + e.getChannel()).append('\n');
        }
        for (ProcedureStep p : v.getSteps()) {
            s.append("Step ").append(p.getNumber()).append(": ").append(p.getAction()).append(p.getRole() == null
                    ? "" : " \u2014 " + label(p.getRole())).append(Days.blank(p.getExpectedRecord()) ? ""
                            : " \u2014 record: " + p.getExpectedRecord()).append('\n');
        }
        list(s, "Training roles", v.getTrainingRoles());
        list(s, "Related SOPs", v.getRelatedSops());
        list(s, "Systems", v.getSystems());
        return s.toString();
    }

    /** What a draft lacks to be sent to review, or empty. */
    static Optional<String> incomplete(SopVersion v) {
        List<String> missing = new ArrayList<>();
        if (Days.blank(v.getPurpose())) {
            missing.add("a purpose");
        }
        if (Days.blank(v.getScope())) {
            missing.add("a scope");
        }
        if (v.getSteps().isEmpty()) {
            missing.add("at least one step");
        }
        if (v.getEffectiveDate() == null) {
            missing.add("an effective date");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("it needs " + String.join(", ", missing));
    }

    private static void text(StringBuilder s, String label, String value) {
        if (!Days.blank(value)) {
            s.append(label).append(": ").append(value.strip()).append('\n');
        }
    }

    private static void list(StringBuilder s, String label, List<? extends EObject> records) {
        if (!records.isEmpty()) {
            s.append(label).append(": ").append(String.join(", ", records.stream().map(SopStatements::label)
                    .toList())).append('\n');
        }
    }

    private static String label(EObject r) {
        return r == null ? "" : Records.label(r);
    }
}
