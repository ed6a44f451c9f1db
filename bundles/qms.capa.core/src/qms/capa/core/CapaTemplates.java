package qms.capa.core;

import java.time.LocalDate;
import java.util.List;

import qms.capa.model.ActionKind;
import qms.capa.model.Capa;
import qms.capa.model.CapaAction;
import qms.capa.model.CapaPackage;
import qms.capa.model.SystemicRootCause;
import qms.core.Records;

/**
 * The typical CAPAs of the regulators' common findings about CROs' IT (the seeds), to start a new CAPA from: title,
 * the usual systemic root cause, corrective and preventive actions and success criteria, all to be adapted.
 */
public final class CapaTemplates {

    /** An action of a template: its kind, what to do, and days from the CAPA's opening to its due date. */
    public record ActionTemplate(ActionKind kind, String description, int dueInDays) {
    }

    public record Template(String name, SystemicRootCause rootCause, String successCriteria, int dueInDays,
            List<ActionTemplate> actions) {
    }

    private static final ActionKind C = ActionKind.CORRECTIVE;
    private static final ActionKind P = ActionKind.PREVENTIVE;

    private static final List<Template> ALL = List.of(
            new Template("Validated disaster-recovery test at least annually", SystemicRootCause.RESTORES_NEVER_TESTED,
                    "A documented, validated disaster-recovery test of every GxP system passed within the last 12"
                            + " months, with restore evidence (checksums) attached.", 90,
                    List.of(new ActionTemplate(C, "Run and document a full disaster-recovery test of the affected"
                            + " system", 30), new ActionTemplate(P, "Schedule an annual disaster-recovery test for"
                                    + " every GxP system in the validation master plan", 60))),
            new Template("Document and enforce encryption policies", SystemicRootCause.INADEQUATE_IT,
                    "Every system holding trial data stores it encrypted at rest and in transit; verified on all"
                            + " systems and backups.", 90,
                    List.of(new ActionTemplate(C, "Encrypt the trial data stores and backups found unencrypted", 30),
                            new ActionTemplate(P, "Write the encryption policy into an SOP and check it at every"
                                    + " system's periodic review", 60))),
            new Template("Update the cyber incident response SOP and train staff", SystemicRootCause.POOR_TRAINING,
                    "The revised SOP is effective, all IT and QA staff are trained on it, and a tabletop exercise"
                            + " followed it.", 90,
                    List.of(new ActionTemplate(C, "Revise the cyber incident response SOP (detection, escalation,"
                            + " sponsor notification)", 30), new ActionTemplate(P, "Train IT and QA staff on the"
                                    + " revised SOP and hold a tabletop exercise", 60))),
            new Template("Include IT security and backup validation in internal audits",
                    SystemicRootCause.NO_BACKUP_SOP, "The internal audit programme covers IT security and backup"
                            + " validation, and the first such audit was held.", 120,
                    List.of(new ActionTemplate(C, "Audit backup validation and IT security of the affected systems",
                            45), new ActionTemplate(P, "Add IT security and backup validation to the internal audit"
                                    + " programme and checklist", 60))),
            new Template("Add regulatory clauses to vendor contracts", SystemicRootCause.CRO_ASSURANCES,
                    "Every GxP vendor's contract or SLA has Part 11 / Annex 11 clauses (audit rights, backup,"
                            + " encryption, incident notification).", 120,
                    List.of(new ActionTemplate(C, "Amend the affected vendor's contract with the regulatory clauses",
                            60), new ActionTemplate(P, "Make the regulatory clauses part of the vendor qualification"
                                    + " checklist", 90))),
            new Template("Quarterly restoration tests", SystemicRootCause.RESTORES_NEVER_TESTED,
                    "Four consecutive quarterly restoration tests of the affected systems passed.", 90,
                    List.of(new ActionTemplate(C, "Restore-test the affected system and attach the report", 14),
                            new ActionTemplate(P, "Set the restore-test cadence of every GxP system's backup policy"
                                    + " to 90 days", 30))));

    private CapaTemplates() {
    }

    public static List<Template> all() {
        return ALL;
    }

    /** A new, unsaved CAPA from a template, opened today; the actions' due dates count from today. */
    public static Capa newCapa(Template t, LocalDate today) {
        Capa c = Records.newRecord(CapaPackage.Literals.CAPA);
        c.setTitle(t.name());
        c.setOpenedOn(CapaLifecycle.day(today));
        c.setDueDate(CapaLifecycle.day(today.plusDays(t.dueInDays())));
        c.getSystemicRootCauses().add(t.rootCause());
        c.setSuccessCriteria(t.successCriteria());
        for (ActionTemplate a : t.actions()) {
            CapaAction action = Records.newRecord(CapaPackage.Literals.CAPA_ACTION);
            action.setKind(a.kind());
            action.setDescription(a.description());
            action.setDue(CapaLifecycle.day(today.plusDays(a.dueInDays())));
            c.getActions().add(action);
        }
        return c;
    }
}
