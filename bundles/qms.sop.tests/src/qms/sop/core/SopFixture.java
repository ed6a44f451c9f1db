package qms.sop.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import qms.core.Days;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.Person;
import qms.model.QmsPackage;
import qms.model.Role;
import qms.model.UserAccount;
import qms.sop.model.EscalationRule;
import qms.sop.model.Incident;
import qms.sop.model.IncidentCategory;
import qms.sop.model.ProcedureStep;
import qms.sop.model.Severity;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.testing.ModuleTestStore;

/**
 * The real store with the module, an SOP author (Sam), two QA managers (Quinn reviews, Rita approves), an IT
 * operations engineer (Ivan, a person with an account, to be trained), the roles, and an SOP with a first draft.
 */
final class SopFixture implements AutoCloseable {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    static final Principal SAM = new Principal("sam", "Sam Author");
    static final Principal RITA = new Principal("rita", "Rita Approver");
    static final Principal IVAN = new Principal("ivan", "Ivan Engineer");
    static final String PASSWORD = "a long enough passphrase";
    static final char[] QA = ModuleTestStore.QA_PASSWORD.toCharArray();

    final ModuleTestStore test;
    final RecordStore store;
    final Role it;
    final Role qa;
    final Person ivan;

    SopFixture(Path dir) throws InterruptedException {
        test = new ModuleTestStore(dir, SopModelContribution.class);
        store = test.store;
        test.addUser(SAM, PASSWORD, AccessRole.SOP_AUTHOR);
        test.addUser(RITA, PASSWORD, AccessRole.QA_MANAGER);
        UserAccount ivanAccount = test.addUser(IVAN, PASSWORD, AccessRole.CONTRIBUTOR);
        test.actAs(ModuleTestStore.QA);
        it = role("IT Operations");
        qa = role("QA Manager");
        ivan = Records.newRecord(QmsPackage.Literals.PERSON);
        ivan.setFullName("Ivan Engineer");
        ivan.getRoles().add(it);
        store.save(List.of(it, qa, ivan), null);
        test.actAs(ModuleTestStore.ADMIN);
        UserAccount linked = (UserAccount) store.get(ivanAccount.getId());
        linked.setPerson(ivan);
        store.save(linked, null);
        test.actAs(ModuleTestStore.QA);
    }

    static Clock clock(LocalDate day) {
        return Clock.fixed(day.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    SopLifecycle lifecycle(LocalDate day) {
        return new SopLifecycle(store, clock(day));
    }

    private static Role role(String name) {
        Role r = Records.newRecord(QmsPackage.Literals.ROLE);
        r.setName(name);
        return r;
    }

    /** The SOP, owned by Quinn, saved by Sam with its first version started. */
    Sop sop(String number) {
        test.actAs(SAM);
        Sop sop = Records.newRecord(SopPackage.Literals.SOP);
        sop.setNumber(number);
        sop.setTitle("IT Security Incident Response");
        sop.setArea("IT Security");
        sop.setOwner(account(ModuleTestStore.QA.userId()));
        store.save(sop, null);
        return (Sop) store.get(sop.getId());
    }

    /** The SOP's next version, started by Sam, its author. */
    SopVersion draft(Sop sop) {
        test.actAs(SAM);
        return SopVersions.newVersion(store, sop);
    }

    UserAccount account(String userId) {
        return store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(UserAccount.class::cast).filter(
                a -> a.getUserId().equals(userId)).findFirst().orElseThrow();
    }

    /** A draft written in full by Sam: purpose, scope, two steps, a High row of the escalation matrix. */
    SopVersion written(SopVersion draft, LocalDate effective) {
        test.actAs(SAM);
        draft.setPurpose("Respond to IT security incidents.");
        draft.setScope("All GxP systems.");
        draft.setEffectiveDate(Days.day(effective));
        if (draft.getSteps().isEmpty()) {
            draft.getSteps().add(step(1, "Contain the incident", it));
            draft.getSteps().add(step(2, "Assess the impact", qa));
            EscalationRule high = Records.newRecord(SopPackage.Literals.ESCALATION_RULE);
            high.setSeverity(Severity.HIGH);
            high.setNotify("IT on call");
            high.setRole(it);
            high.setWithinHours(4);
            draft.getEscalation().add(high);
            draft.getTrainingRoles().add(it);
        }
        store.save(draft, null);
        return (SopVersion) store.get(draft.getId());
    }

    static ProcedureStep step(int n, String action, Role role) {
        ProcedureStep p = Records.newRecord(SopPackage.Literals.PROCEDURE_STEP);
        p.setNumber(n);
        p.setAction(action);
        p.setRole(role);
        return p;
    }

    SopVersion reload(SopVersion v) {
        return (SopVersion) store.get(v.getId());
    }

    /** Sent to review by Sam, reviewed by Quinn, approved by Rita, on {@code day}. */
    SopVersion approved(SopVersion v, LocalDate day) {
        SopLifecycle l = lifecycle(day);
        test.actAs(SAM);
        l.sendToReview(v);
        test.actAs(ModuleTestStore.QA);
        l.review(reload(v), ModuleTestStore.QA.userId(), QA);
        test.actAs(RITA);
        return l.approve(reload(v), RITA.userId(), PASSWORD.toCharArray());
    }

    /** SOP-IT-001 v1 in force since ten days before {@link #TODAY}, written, reviewed and approved. */
    SopVersion inForce() {
        SopVersion v1 = approved(written(draft(sop("SOP-IT-001")), TODAY.minusDays(10)), TODAY.minusDays(10));
        test.actAs(ModuleTestStore.QA);
        return v1;
    }

    /**
     * A High ransomware incident on the EDC file server with personal data (so GDPR Art. 33's 72 h clock runs from
     * {@code aware}), detected two hours before, managed by Quinn; not saved.
     */
    Incident ransomware(Instant aware) {
        Incident i = Records.newRecord(SopPackage.Literals.INCIDENT);
        i.setReference("INC-2026-003");
        i.setTitle("Ransomware on the EDC file server");
        i.setCategory(IncidentCategory.RANSOMWARE);
        i.setSeverity(Severity.HIGH);
        i.setDetectedAt(Date.from(aware.minus(Duration.ofHours(2))));
        i.setAwareAt(Date.from(aware));
        i.setPersonalData(true);
        i.setManager(account(ModuleTestStore.QA.userId()));
        return i;
    }

    @Override
    public void close() {
        test.close();
    }
}
