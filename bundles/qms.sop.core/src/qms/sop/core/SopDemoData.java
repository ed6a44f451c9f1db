package qms.sop.core;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import qms.core.Days;
import qms.core.DemoContribution;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Role;
import qms.model.UserAccount;
import qms.model.Vendor;
import qms.sop.model.EscalationRule;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.ProcedureStep;
import qms.sop.model.RoleResponsibility;
import qms.sop.model.Severity;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionStatus;

/**
 * The incident-response module's part of the demo: the "IT Security Incident Response" SOP with two versions (v1
 * superseded, v2 in force for 45 days) and its escalation matrix and steps, and a backup SOP in force for 10 days.
 * Both were approved on paper before the suite was in use (a demo cannot sign: a signature needs the signer's
 * password), which the versions say. With a 30-day training window, the IT operations lead is overdue on v2 and the
 * head of QA is due on the backup SOP. A notification agreement with the hosting vendor gives incidents that affect
 * it a contract clock of 24 hours.
 */
@Component(service = DemoContribution.class)
public final class SopDemoData implements DemoContribution {

    static final String IR_NUMBER = "SOP-IT-001";
    static final String BACKUP_NUMBER = "SOP-IT-004";

    @Override
    public void load(RecordStore store) {
        Optional<UserAccount> me = store.principal() == null ? Optional.empty() : SopVersions.account(store, store
                .principal().userId());
        Role it = role(store, "IT Operations");
        Role qa = role(store, "QA Manager");
        if (me.isEmpty() || it == null || qa == null) {
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Record> all = new ArrayList<>();
        Sop ir = sop(IR_NUMBER, "IT Security Incident Response", me.get());
        ir.setDescription("How cyber-security and data incidents are detected, escalated, contained, notified and"
                + " reviewed.");
        SopVersion v1 = version(ir, 1, me.get(), today.minusDays(400), "Paper original in the QA archive, binder"
                + " QA-SOP-2025, signed by the Head of QA");
        v1.setStatus(VersionStatus.SUPERSEDED);
        v1.setSupersededOn(Days.day(today.minusDays(45)));
        content(v1, it, qa, false);
        SopVersion v2 = version(ir, 2, me.get(), today.minusDays(45), "Paper original in the QA archive, binder"
                + " QA-SOP-2026, signed by the Head of QA");
        v2.setStatus(VersionStatus.EFFECTIVE);
        v2.setChangeSummary("Adds the regulatory notification steps (GDPR Art. 33, NIS2, EU CTR Art. 52) and the"
                + " hosting vendor's 24-hour notice; escalation of Critical incidents within 1 hour.");
        content(v2, it, qa, true);
        systems(store, v1, v2);
        Sop backup = sop(BACKUP_NUMBER, "Backup and Restoration of GxP Systems", me.get());
        SopVersion b1 = version(backup, 1, me.get(), today.minusDays(10), "Paper original in the QA archive, binder"
                + " QA-SOP-2026, signed by the Head of QA");
        b1.setStatus(VersionStatus.EFFECTIVE);
        b1.setPurpose("Backups of GxP systems are taken, kept and restore-tested so that trial data can be recovered.");
        b1.setScope("Every computerized system of GxP criticality Medium or High.");
        b1.getSteps().add(step(1, "Check the nightly backup report", it, "Backup log"));
        b1.getSteps().add(step(2, "Restore-test each system every quarter and record the result", it,
                "Restoration test"));
        b1.getTrainingRoles().add(qa);
        all.addAll(List.of(ir, v1, v2, backup, b1));
        Optional<Vendor> host = store.list(Query.of(QmsPackage.Literals.VENDOR)).stream().map(Vendor.class::cast)
                .filter(v -> v.getName().startsWith("Helix Cloud")).findFirst();
        host.ifPresent(v -> {
            NotificationAgreement a = Records.newRecord(SopPackage.Literals.NOTIFICATION_AGREEMENT);
            a.setName("Helix Cloud quality agreement");
            a.setVendor(v);
            a.setHours(24);
            a.setRecipient("Helix Cloud security desk");
            a.setContractSection("Quality agreement \u00a7 7.3");
            all.add(a);
        });
        store.save(all, "Demo data loaded");
    }

    private static Sop sop(String number, String title, UserAccount owner) {
        Sop s = Records.newRecord(SopPackage.Literals.SOP);
        s.setNumber(number);
        s.setTitle(title);
        s.setArea("IT Security");
        s.setOwner(owner);
        return s;
    }

    private static SopVersion version(Sop sop, int n, UserAccount author, LocalDate effective, String paper) {
        SopVersion v = Records.newRecord(SopPackage.Literals.SOP_VERSION);
        v.setSop(sop);
        v.setNumber(sop.getNumber());
        v.setVersionNumber(n);
        v.setTitle(sop.getTitle());
        v.setAuthor(author);
        v.setEffectiveDate(Days.day(effective));
        v.setApprovedOn(Days.day(effective.minusDays(7)));
        v.setApprovedOnPaper(paper);
        return v;
    }

    /** The incident-response procedure; {@code regulatory}: v2's notification steps and tighter escalation. */
    private static void content(SopVersion v, Role it, Role qa, boolean regulatory) {
        v.setPurpose("Detect, contain and recover from IT security incidents that affect GxP systems or trial data,"
                + " and notify whoever must be told in time.");
        v.setScope("All computerized systems of the organisation and of its hosting vendors that hold trial data.");
        v.setDefinitions("Incident: an event that compromises the confidentiality, integrity or availability of trial"
                + " data or of a GxP system.\nAwareness: the moment the organisation has a reasonable degree of"
                + " certainty that an incident occurred.");
        RoleResponsibility lead = Records.newRecord(SopPackage.Literals.ROLE_RESPONSIBILITY);
        lead.setRole(it);
        lead.setResponsibilities("Leads containment, eradication and recovery; keeps the timeline.");
        RoleResponsibility quality = Records.newRecord(SopPackage.Literals.ROLE_RESPONSIBILITY);
        quality.setRole(qa);
        quality.setResponsibilities("Decides on notifications, approves the post-incident review.");
        v.getResponsibilities().addAll(List.of(lead, quality));
        v.getEscalation().add(rule(Severity.CRITICAL, "IT Operations on call", it, regulatory ? 1 : 2, "Phone"));
        v.getEscalation().add(rule(Severity.CRITICAL, "QA Manager", qa, regulatory ? 4 : 8, "Phone and e-mail"));
        v.getEscalation().add(rule(Severity.HIGH, "IT Operations on call", it, 4, "Phone"));
        v.getEscalation().add(rule(Severity.HIGH, "QA Manager", qa, 24, "E-mail"));
        v.getEscalation().add(rule(Severity.MEDIUM, "IT Operations", it, 24, "Ticket"));
        v.getSteps().add(step(1, "Confirm the incident and classify its severity", it, "Incident record"));
        v.getSteps().add(step(2, "Contain: isolate affected systems and accounts", it, "Containment log"));
        v.getSteps().add(step(3, "Preserve evidence (logs, images) with hashes", it, "Evidence files"));
        v.getSteps().add(step(4, "Assess personal data, trial subjects and data integrity impact", qa,
                "Impact assessment"));
        if (regulatory) {
            v.getSteps().add(step(5, "Decide and make the regulatory notifications (GDPR, NIS2, CTR)", qa,
                    "Notifications"));
            v.getSteps().add(step(6, "Restore from a tested backup and verify the data", it, "Restoration test"));
            v.getSteps().add(step(7, "Hold the post-incident review within 10 days", qa, "Post-incident review"));
        } else {
            v.getSteps().add(step(5, "Restore from backup", it, "Restore record"));
        }
        v.getTrainingRoles().add(it);
    }

    private static void systems(RecordStore store, SopVersion... versions) {
        for (Record r : store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM))) {
            for (SopVersion v : versions) {
                v.getSystems().add((ComputerizedSystem) r);
            }
        }
    }

    private static EscalationRule rule(Severity s, String notify, Role role, int hours, String channel) {
        EscalationRule r = Records.newRecord(SopPackage.Literals.ESCALATION_RULE);
        r.setSeverity(s);
        r.setNotify(notify);
        r.setRole(role);
        r.setWithinHours(hours);
        r.setChannel(channel);
        return r;
    }

    private static ProcedureStep step(int n, String action, Role role, String record) {
        ProcedureStep p = Records.newRecord(SopPackage.Literals.PROCEDURE_STEP);
        p.setNumber(n);
        p.setAction(action);
        p.setRole(role);
        p.setExpectedRecord(record);
        return p;
    }

    private static Role role(RecordStore store, String name) {
        return store.list(Query.of(QmsPackage.Literals.ROLE)).stream().map(Role.class::cast).filter(r -> name.equals(r
                .getName())).findFirst().orElse(null);
    }
}
