package qms.backup.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import qms.backup.core.BackupCompliance.SystemStatus;
import qms.backup.model.BackupPolicy;
import qms.backup.model.RestorationTest;
import qms.core.CoreModelContribution;
import qms.core.FindingCategories;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.FindingStatus;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;
import qms.model.Record;

/**
 * Raises findings for the backup module, ready for CAPA: one for each failed restoration test, and one for a system
 * whose status is Non-Compliant — raised once, and only when asked (Raise Findings… in the compliance view, or the
 * {@code backup-findings} task): while that system's finding (same reference) is not closed, no other is made.
 * The grade is the policy's finding grade, or by the system's GxP criticality.
 */
public final class FindingRaiser {

    /** Days from raising to the response due date. */
    static final int RESPONSE_DAYS = 30;

    private FindingRaiser() {
    }

    /** The finding for a failed test, linked to the system, the test and the evidence (records to save with it). */
    static List<Record> forFailedRestore(RecordStore store, BackupPolicy policy, RestorationTest test,
            EvidenceFile evidence, Instant now) {
        ComputerizedSystem system = (ComputerizedSystem) store.get(Records.id(test.getSystem()));
        Finding f = finding(system, "Restoration test of " + system.getName() + " failed on " + test.getTestedAt()
                .toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                "AUTO-RT-" + test.getId().substring(0, 8), grade(policy, system, true), now);
        FindingCategories.find(store, FindingCategories.FAILED_BACKUPS).ifPresent(f::setCategory);
        f.setDescription("The automated restoration test '" + test.getTitle() + "' failed:\n" + test.getNotes());
        f.setImpact("Data integrity: backups of " + system.getName() + " could not be restored and verified; data"
                + " could be lost after an incident.");
        List<Record> all = new ArrayList<>(List.of(f));
        all.add(Records.link(CoreModelContribution.RELATES_TO, f, test));
        all.add(Records.link(CoreModelContribution.EVIDENCE_FOR, evidence, f));
        return all;
    }

    /** A finding a Non-Compliant system would get: it has no open one yet (same reference). */
    public record Pending(SystemStatus status, String reference, String title, FindingGrade grade) {
    }

    /**
     * The findings {@link #raise} would raise for these statuses, read only: one for each Non-Compliant system that
     * has no open finding of its own. Looking at the statuses writes nothing.
     */
    public static List<Pending> pending(RecordStore store, List<SystemStatus> statuses) {
        List<Pending> pending = new ArrayList<>();
        for (SystemStatus s : statuses) {
            if (s.assessment().status() != ComplianceStatus.NON_COMPLIANT) {
                continue;
            }
            String reference = "AUTO-BC-" + s.system().getId().substring(0, 8);
            boolean open = store.list(Query.of(QmsPackage.Literals.FINDING).where(QmsPackage.Literals.FINDING__REFERENCE,
                    reference)).stream().map(Finding.class::cast).anyMatch(f -> f.getStatus() != FindingStatus.CLOSED);
            if (!open) {
                pending.add(new Pending(s, reference, "Backups of " + s.system().getName() + " are Non-Compliant",
                        grade(s.policy(), s.system(), false)));
            }
        }
        return pending;
    }

    /**
     * Raises the pending findings in one transaction (by whoever may write findings: the store refuses others) and
     * returns them. A system whose finding was raised meanwhile by someone else is skipped.
     */
    public static List<Finding> raise(RecordStore store, List<Pending> pending, Instant now) {
        List<SystemStatus> statuses = pending.stream().map(Pending::status).toList();
        List<Record> all = new ArrayList<>();
        List<Finding> raised = new ArrayList<>();
        for (Pending p : pending(store, statuses)) { // again, as of now
            SystemStatus s = p.status();
            Finding f = finding(s.system(), p.title(), p.reference(), p.grade(), now);
            FindingCategories.find(store, s.policy() == null ? FindingCategories.NO_BACKUP_POLICY
                    : FindingCategories.FAILED_BACKUPS).ifPresent(f::setCategory);
            f.setDescription(s.assessment().reasons().stream().filter(r -> r.status() == ComplianceStatus.NON_COMPLIANT)
                    .map(ComplianceRules.Reason::text).collect(Collectors.joining("\n")));
            f.setImpact("Data integrity: trial data of " + s.system().getName() + " may not be recoverable.");
            all.add(f);
            raised.add(f);
        }
        if (!all.isEmpty()) {
            store.save(all, null);
        }
        return raised;
    }

    /**
     * Raises a finding for each Non-Compliant system that has no open one yet; returns the new findings (saved).
     * Nothing when the user may not write findings (an Auditor).
     */
    public static List<Finding> forStatuses(RecordStore store, List<SystemStatus> statuses, Instant now) {
        if (!store.accounts().mayWrite(QmsPackage.Literals.FINDING)) {
            return List.of();
        }
        return raise(store, pending(store, statuses), now);
    }

    private static Finding finding(ComputerizedSystem system, String title, String reference, FindingGrade grade,
            Instant now) {
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle(title);
        f.getAffectedSystems().add(system);
        if (system.getHostingVendor() != null) {
            f.getAffectedVendors().add(system.getHostingVendor());
        }
        f.setReference(reference);
        f.setSource(FindingSource.RAISED_BY_MODULE);
        f.setGrade(grade);
        f.setStatus(FindingStatus.OPEN);
        f.setIdentifiedOn(Date.from(now));
        f.setResponseDue(Date.from(now.plus(RESPONSE_DAYS, ChronoUnit.DAYS)));
        return f;
    }

    /** The policy's grade, else by criticality: high → Critical (failed test) / Major (status); else Major / Minor. */
    static FindingGrade grade(BackupPolicy policy, ComputerizedSystem system, boolean failedTest) {
        if (policy != null && policy.isSetFindingGrade()) {
            return policy.getFindingGrade();
        }
        boolean high = system.isSetGxpCriticality() && system.getGxpCriticality() == GxpCriticality.HIGH;
        if (failedTest) {
            return high ? FindingGrade.CRITICAL : FindingGrade.MAJOR;
        }
        return high ? FindingGrade.MAJOR : FindingGrade.MINOR;
    }

}
