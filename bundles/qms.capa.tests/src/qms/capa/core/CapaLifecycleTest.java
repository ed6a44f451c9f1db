package qms.capa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.capa.model.ActionKind;
import qms.capa.model.ActionStatus;
import qms.capa.model.Capa;
import qms.capa.model.CapaAction;
import qms.capa.model.CapaPackage;
import qms.capa.model.CapaSettings;
import qms.capa.model.CapaStatus;
import qms.capa.model.ClosureApproval;
import qms.capa.model.DueDateExtension;
import qms.capa.model.EffectivenessResult;
import qms.capa.model.EffectivenessVerification;
import qms.capa.model.ExtendedDate;
import qms.capa.model.PlanApproval;
import qms.capa.model.RootCauseMethod;
import qms.model.SignOff;
import qms.capa.model.SystemicRootCause;
import qms.capa.model.WhyStep;
import qms.core.AuditQuery;
import qms.core.AuthenticationException;
import qms.core.ChangeRefusedException;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.FindingStatus;
import qms.model.QmsPackage;
import qms.model.UserAccount;
import qms.testing.ModuleTestStore;

/**
 * The CAPA lifecycle on the real store: every step allowed and refused with its reason, signatures on sign-offs
 * that stay intact while the CAPA moves on, separation of duties, reopening on an ineffective check, overdue tasks
 * and the history of due-date extensions. Carl (a contributor) owns and requests; Quinn (a QA manager) approves.
 */
class CapaLifecycleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final char[] QA_PASSWORD = ModuleTestStore.QA_PASSWORD.toCharArray();
    private static final String CARL = ModuleTestStore.CONTRIBUTOR.userId();
    private static final String QUINN = ModuleTestStore.QA.userId();

    @TempDir
    Path dir;
    private ModuleTestStore test;
    private RecordStore store;
    private CapaLifecycle lifecycle;

    @BeforeEach
    void open() throws Exception {
        test = new ModuleTestStore(dir, CapaModelContribution.class);
        store = test.store;
        lifecycle = new CapaLifecycle(store, Clock.fixed(TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC),
                ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        test.close();
    }

    private UserAccount account(String userId) {
        return store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(UserAccount.class::cast)
                .filter(a -> a.getUserId().equals(userId)).findFirst().orElseThrow();
    }

    private EvidenceFile evidence(String name) {
        EvidenceFile e = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        e.setName(name);
        store.save(e, null);
        store.storeContent(e, ("evidence " + name).getBytes(StandardCharsets.UTF_8), null);
        return (EvidenceFile) store.get(e.getId());
    }

    /** A CAPA as Quinn writes it: owned by Carl, a 5-why, a corrective and a preventive action. */
    private Capa capa(String owner) {
        Capa c = CapaTemplates.newCapa(CapaTemplates.all().get(5), TODAY);
        c.setReference("CAPA-2026-001");
        c.setOwner(account(owner));
        c.setRootCauseMethod(RootCauseMethod.FIVE_WHY);
        WhyStep why = Records.newRecord(CapaPackage.Literals.WHY_STEP);
        why.setQuestion("Why did the restore fail?");
        why.setAnswer("The repository was never checked");
        c.getWhys().add(why);
        c.setRootCause("No procedure requires restore tests");
        c.getActions().forEach(a -> a.setOwner(account(CARL)));
        test.actAs(ModuleTestStore.QA);
        store.save(c, null);
        return (Capa) store.get(c.getId());
    }

    private Capa reload(Capa c) {
        return (Capa) store.get(c.getId());
    }

    /** Marks every action done with its evidence (as the owner would in the form). */
    private Capa doAllActions(Capa c, EvidenceFile proof) {
        Capa edit = reload(c);
        for (CapaAction a : edit.getActions()) {
            a.setStatus(ActionStatus.DONE);
            a.getCompletionEvidence().add(proof);
        }
        store.save(edit, null);
        return reload(edit);
    }

    private String refusal(Runnable step) {
        return assertThrows(qms.core.lifecycle.StepRefusedException.class, step::run).getMessage();
    }

    @Test
    void aCapaGoesFromOpenToClosedWithEverySignedStepKeptIntact() {
        Capa c = capa(CARL);
        assertEquals(CapaStatus.OPEN, c.getStatus());

        test.actAs(ModuleTestStore.CONTRIBUTOR);
        PlanApproval plan = lifecycle.submitPlan(c);
        assertTrue(plan.getStatement().contains("Why 1: Why did the restore fail? \u2192 The repository was never"
                + " checked"), plan.getStatement());
        assertTrue(plan.getStatement().contains("Corrective action: Restore-test the affected system"),
                plan.getStatement());
        assertEquals(CARL, plan.getRequestedBy());
        assertEquals(CapaStatus.OPEN, reload(c).getStatus(), "submitting does not approve");

        test.actAs(ModuleTestStore.QA);
        c = lifecycle.approvePlan(c, QUINN, QA_PASSWORD);
        assertEquals(CapaStatus.PLAN_APPROVED, c.getStatus());
        c = lifecycle.start(c);
        assertEquals(CapaStatus.IN_PROGRESS, c.getStatus());
        c = doAllActions(c, evidence("restore-report.txt"));
        c = lifecycle.markImplemented(c);
        assertEquals(CapaStatus.IMPLEMENTED, c.getStatus());
        assertEquals(CapaLifecycle.day(TODAY), c.getImplementedOn());
        assertEquals(CapaLifecycle.day(TODAY.plusDays(90)), c.getEffectivenessDue(), "90 days by default");
        assertTrue(c.getActions().stream().allMatch(a -> a.getCompletedOn() != null));
        c = lifecycle.beginEffectivenessCheck(c);
        assertEquals(CapaStatus.EFFECTIVENESS_CHECK, c.getStatus());
        assertEquals(java.util.Optional.of("The check is due on " + TODAY.plusDays(90) + ", in 90 days: a result"
                + " recorded now may not cover the period its success criteria need."), lifecycle.earlyCheck(c),
                "recording the result early is allowed, with a warning");

        test.actAs(ModuleTestStore.CONTRIBUTOR);
        EffectivenessVerification check = lifecycle.recordEffectiveness(c, EffectivenessResult.EFFECTIVE,
                "Four quarterly restores passed", List.of(evidence("q1-q4-restores.pdf")));
        test.actAs(ModuleTestStore.QA);
        c = lifecycle.verifyEffectiveness(c, QUINN, QA_PASSWORD);
        assertEquals(EffectivenessResult.EFFECTIVE, c.getEffectivenessResult());
        assertEquals(CapaStatus.EFFECTIVENESS_CHECK, c.getStatus(), "verified, not yet closed");

        test.actAs(ModuleTestStore.CONTRIBUTOR);
        ClosureApproval closure = lifecycle.requestClosure(c);
        assertTrue(closure.getStatement().contains("Plan approval of CAPA-2026-001"), closure.getStatement());
        test.actAs(ModuleTestStore.QA);
        c = lifecycle.approveClosure(c, QUINN, QA_PASSWORD);
        assertEquals(CapaStatus.CLOSED, c.getStatus());
        assertEquals(CapaLifecycle.day(TODAY), c.getClosedOn());
        for (java.util.Optional<String> why : List.of(lifecycle.whyNotStart(c), lifecycle.whyNotSubmitPlan(c),
                lifecycle.whyNotRequestClosure(c), lifecycle.whyNotVerifyEffectiveness(c, QUINN))) {
            assertEquals(java.util.Optional.of("it is closed"), why, "a closed CAPA says so, not which status a"
                    + " step would need");
        }

        List<SignOff> signOffs = lifecycle.signOffs(c);
        assertEquals(List.of(plan.getId(), check.getId(), closure.getId()), signOffs.stream().map(SignOff::getId)
                .toList());
        for (SignOff s : signOffs) {
            assertTrue(lifecycle.isSigned(s), s.getTitle() + " is signed and unchanged since, though the CAPA moved"
                    + " on after it");
        }
        assertEquals("Quinn QA", lifecycle.signature(plan).orElseThrow().signature().getPrintedName());
        assertEquals("Verified", lifecycle.signature(check).orElseThrow().signature().getMeaning());
    }

    private Finding finding(String title) {
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle(title);
        f.setSource(FindingSource.INTERNAL_AUDIT);
        f.setGrade(FindingGrade.MAJOR);
        return f;
    }

    /** Takes a CAPA whose plan is approved and started through its work and check to its closure request. */
    private Capa toClosureRequest(Capa c) {
        c = doAllActions(c, evidence("restore-report.txt"));
        c = lifecycle.beginEffectivenessCheck(lifecycle.markImplemented(c));
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.recordEffectiveness(c, EffectivenessResult.EFFECTIVE, "Restores pass", List.of());
        test.actAs(ModuleTestStore.QA);
        return lifecycle.verifyEffectiveness(c, QUINN, QA_PASSWORD);
    }

    @Test
    void theFindingsACapaAddressesFollowItAndCloseWithItsClosureUnlessAnotherCapaIsStillOpen() {
        Finding alone = finding("Restores never tested");
        Finding shared = finding("No backup SOP");
        Finding closed = finding("Closed before");
        closed.setStatus(FindingStatus.CLOSED);
        test.actAs(ModuleTestStore.QA);
        store.save(List.of(alone, shared, closed), null);
        Capa c = capa(CARL);
        Capa other = capa(CARL); // still Open, also addresses the shared finding
        store.save(List.of(Records.link(CapaModelContribution.ADDRESSES, c, alone), Records.link(CapaModelContribution
                .ADDRESSES, c, shared), Records.link(CapaModelContribution.ADDRESSES, c, closed), Records.link(
                        CapaModelContribution.ADDRESSES, other, shared)), null);
        assertEquals(3, lifecycle.findings(c).size());

        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.submitPlan(c);
        test.actAs(ModuleTestStore.QA);
        c = lifecycle.approvePlan(c, QUINN, QA_PASSWORD);
        assertEquals(FindingStatus.CAPA_IN_PROGRESS, ((Finding) store.get(alone.getId())).getStatus());
        assertEquals(FindingStatus.CAPA_IN_PROGRESS, ((Finding) store.get(shared.getId())).getStatus());
        assertEquals(FindingStatus.CLOSED, ((Finding) store.get(closed.getId())).getStatus(), "a closed finding"
                + " stays closed");

        c = toClosureRequest(lifecycle.start(c));
        assertEquals(List.of(alone.getId()), lifecycle.closedWith(c).stream().map(Finding::getId).toList(),
                "the shared finding waits for the other CAPA");
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        ClosureApproval closure = lifecycle.requestClosure(c);
        assertTrue(closure.getStatement().contains("Closes the finding: Restores never tested"), closure
                .getStatement());
        assertFalse(closure.getStatement().contains("No backup SOP"), closure.getStatement());
        Capa requested = reload(c);
        assertTrue(refusal(() -> lifecycle.requestClosure(requested)).contains("closure was requested already"));

        // before the approval a new CAPA opens for the finding it would close: the request no longer says what the
        // approval would do, so the approval is refused (and closure may be requested again)
        test.actAs(ModuleTestStore.QA);
        Capa third = capa(CARL);
        qms.model.Link addresses = Records.link(CapaModelContribution.ADDRESSES, third, alone);
        store.save(addresses, null);
        assertTrue(refusal(() -> lifecycle.approveClosure(requested, QUINN, QA_PASSWORD)).contains(
                "the CAPA or the findings it closes changed after closure was requested"));
        assertTrue(store.signatures().signatures(closure.getId()).isEmpty(), "nothing was signed");
        assertEquals(CapaStatus.EFFECTIVENESS_CHECK, reload(c).getStatus());
        assertEquals(FindingStatus.CAPA_IN_PROGRESS, ((Finding) store.get(alone.getId())).getStatus());
        assertTrue(lifecycle.whyNotRequestClosure(requested).isEmpty(), "what it closes changed: ask again");
        store.delete(addresses, "linked to the wrong finding", false); // undone: the request says it all again
        c = lifecycle.approveClosure(reload(c), QUINN, QA_PASSWORD);

        assertEquals(FindingStatus.CLOSED, ((Finding) store.get(alone.getId())).getStatus());
        assertEquals(FindingStatus.CAPA_IN_PROGRESS, ((Finding) store.get(shared.getId())).getStatus());
        assertTrue(store.auditTrail().search(AuditQuery.all().withRecord(alone.getId()), 0, 50).stream().anyMatch(
                e -> "status".equals(e.attribute()) && "Closed".equals(e.newValue()) && e.reason() != null && e
                        .reason().contains("Closed with CAPA-2026-001 '") && QUINN.equals(e.user())),
                "the finding's closing is audited with the CAPA as its reason");
        assertTrue(store.reasonRequired(alone.getId()).isPresent(), "a closed finding is controlled");
    }

    @Test
    void refusedStepsSayWhyAndChangeNothing() {
        Capa c = capa(CARL);
        Capa bare = reload(c);
        bare.getActions().clear();
        bare.setRootCause(null);
        store.save(bare, null);
        long records = store.count(Query.of(CapaPackage.Literals.PLAN_APPROVAL));
        String why = refusal(() -> lifecycle.submitPlan(bare));
        assertTrue(why.contains("the root cause") && why.contains("at least one corrective action")
                && why.endsWith("Nothing was changed."), why);
        assertEquals(records, store.count(Query.of(CapaPackage.Literals.PLAN_APPROVAL)));

        Capa full = capa(CARL);
        assertTrue(refusal(() -> lifecycle.start(full)).contains("its plan is not approved (status Open)"));
        assertTrue(refusal(() -> lifecycle.approvePlan(full, QUINN, QA_PASSWORD)).contains(
                "no plan was submitted for approval"));
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.submitPlan(full);
        assertTrue(refusal(() -> lifecycle.submitPlan(full)).contains("waits for approval"));

        // the plan changes after it was submitted: what would be signed is not what is in force
        Capa changed = reload(full);
        changed.setRootCause("Something else entirely");
        store.save(changed, null);
        test.actAs(ModuleTestStore.QA);
        assertTrue(refusal(() -> lifecycle.approvePlan(changed, QUINN, QA_PASSWORD)).contains(
                "the plan was changed after it was submitted; submit it again"));
        assertEquals(CapaStatus.OPEN, reload(full).getStatus());
        PlanApproval first = lifecycle.pending(full, PlanApproval.class).orElseThrow();
        assertTrue(store.signatures().signatures(first.getId()).isEmpty(), "nothing was signed");
        // submitted again, the changed plan is what waits; the first request stays as written, waiting for nobody
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        PlanApproval again = lifecycle.submitPlan(reload(full));
        assertTrue(again.getStatement().contains("Root cause: Something else entirely"), again.getStatement());
        assertTrue(refusal(() -> lifecycle.submitPlan(reload(full))).contains("waits for approval"));
        assertEquals(again.getId(), lifecycle.pending(full, PlanApproval.class).orElseThrow().getId());
        List<SignOff> signOffs = lifecycle.signOffs(full);
        assertEquals(List.of(true, false), signOffs.stream().map(o -> lifecycle.superseded(o, signOffs)).toList());
        assertEquals(1, new CapaTasks(store, lifecycle).all().stream().filter(t -> t.kind() == CapaTasks.Kind
                .SIGN_OFF && full.getId().equals(t.capa().getId())).count(), "one plan to approve, not two");
        assertFalse(first.getStatement().startsWith("CAPA CAPA-"), "the reference is not prefixed twice: "
                + first.getStatement());
        test.actAs(ModuleTestStore.QA);
        assertEquals(CapaStatus.PLAN_APPROVED, lifecycle.approvePlan(reload(full), QUINN, QA_PASSWORD).getStatus());
        assertTrue(store.signatures().signatures(first.getId()).isEmpty(), "the superseded request is never signed");

        // a wrong password: the signature is refused, the CAPA stays where it was
        Capa other = capa(CARL);
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.submitPlan(other);
        test.actAs(ModuleTestStore.QA);
        assertThrows(AuthenticationException.class, () -> lifecycle.approvePlan(other, QUINN, "wrong".toCharArray()));
        assertEquals(CapaStatus.OPEN, reload(other).getStatus());
        Capa approved = lifecycle.approvePlan(other, QUINN, QA_PASSWORD);
        lifecycle.start(approved);
        String notDone = refusal(() -> lifecycle.markImplemented(approved));
        assertTrue(notDone.contains("'Restore-test the affected system and attach the report' is Planned"), notDone);
        Capa noEvidence = reload(approved);
        noEvidence.getActions().forEach(a -> a.setStatus(ActionStatus.DONE));
        store.save(noEvidence, null);
        assertTrue(refusal(() -> lifecycle.markImplemented(noEvidence)).contains("is done but has no completion"
                + " evidence"));
        Capa implemented = lifecycle.markImplemented(doAllActions(noEvidence, evidence("proof.txt")));
        Capa noCriteria = reload(implemented);
        noCriteria.setSuccessCriteria(" ");
        store.save(noCriteria, null);
        assertTrue(refusal(() -> lifecycle.beginEffectivenessCheck(noCriteria)).contains(
                "its success criteria are not written"));
        assertTrue(refusal(() -> lifecycle.requestClosure(noCriteria)).contains("not verified as Effective"));
    }

    @Test
    void theOwnerNeitherApprovesNorVerifiesUnlessTheSettingsAllowIt() {
        Capa mine = capa(QUINN); // Quinn owns it; Carl submits the plan
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.submitPlan(mine);
        test.actAs(ModuleTestStore.QA);
        assertEquals("quinn owns the CAPA and may not approve its plan (separation of duties, CAPA Settings)",
                lifecycle.whyNotApprovePlan(reload(mine), QUINN).orElseThrow());
        assertTrue(refusal(() -> lifecycle.approvePlan(mine, QUINN, QA_PASSWORD)).contains("separation of duties"));

        CapaSettings settings = Records.newRecord(CapaPackage.Literals.CAPA_SETTINGS);
        settings.setIndependentApprover(false);
        store.save(settings, null);
        assertEquals(CapaStatus.PLAN_APPROVED, lifecycle.approvePlan(mine, QUINN, QA_PASSWORD).getStatus(),
                "allowed once the settings say so");

        lifecycle.start(reload(mine));
        Capa checking = lifecycle.beginEffectivenessCheck(lifecycle.markImplemented(doAllActions(mine, evidence(
                "proof.txt"))));
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.recordEffectiveness(checking, EffectivenessResult.EFFECTIVE, null, List.of());
        test.actAs(ModuleTestStore.QA);
        assertTrue(refusal(() -> lifecycle.verifyEffectiveness(checking, QUINN, QA_PASSWORD)).contains(
                "may not verify its effectiveness"), "the verifier setting is separate");

        // whoever requested a sign-off does not sign it too (the core's "Approved" meaning: not by its creator)
        Capa carls = capa(CARL);
        lifecycle.submitPlan(carls); // as Quinn
        assertThrows(qms.core.AccessDeniedException.class, () -> lifecycle.approvePlan(carls, QUINN, QA_PASSWORD));
        assertEquals(CapaStatus.OPEN, reload(carls).getStatus());
    }

    @Test
    void anIneffectiveCheckReopensTheCapaForANewApprovedPlan() {
        Capa c = capa(CARL);
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        PlanApproval first = lifecycle.submitPlan(c);
        test.actAs(ModuleTestStore.QA);
        lifecycle.start(lifecycle.approvePlan(c, QUINN, QA_PASSWORD));
        Capa checking = lifecycle.beginEffectivenessCheck(lifecycle.markImplemented(doAllActions(c, evidence(
                "proof.txt"))));
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.recordEffectiveness(checking, EffectivenessResult.INEFFECTIVE, "The Q2 restore failed again",
                List.of());
        test.actAs(ModuleTestStore.QA);
        Capa reopened = lifecycle.verifyEffectiveness(checking, QUINN, QA_PASSWORD);

        assertEquals(CapaStatus.OPEN, reopened.getStatus(), "reopened");
        assertEquals(1, reopened.getReopened());
        assertEquals(EffectivenessResult.INEFFECTIVE, reopened.getEffectivenessResult());
        assertEquals(null, reopened.getEffectivenessDue(), "a new check is planned with the new plan");
        assertTrue(lifecycle.isSigned(first), "the first plan's approval stays as history");
        assertTrue(refusal(() -> lifecycle.start(reload(reopened))).contains("its plan is not approved"));

        CapaAction more = Records.newRecord(CapaPackage.Literals.CAPA_ACTION);
        more.setKind(ActionKind.CORRECTIVE);
        more.setDescription("Replace the backup repository's storage");
        more.setOwner(account(CARL));
        more.setDue(CapaLifecycle.day(TODAY.plusDays(20)));
        Capa replanned = reload(reopened);
        replanned.getActions().add(more);
        store.save(replanned, null);
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        PlanApproval second = lifecycle.submitPlan(replanned);
        assertTrue(second.getStatement().contains("Replace the backup repository's storage"));
        test.actAs(ModuleTestStore.QA);
        assertEquals(CapaStatus.PLAN_APPROVED, lifecycle.approvePlan(replanned, QUINN, QA_PASSWORD).getStatus());
        assertEquals(2, lifecycle.signOffs(c).stream().filter(PlanApproval.class::isInstance).count());
    }

    @Test
    void overdueActionsAndChecksAreCountedAndEachPersonSeesTheirOwn() {
        Capa c = capa(CARL);
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.submitPlan(c);
        CapaTasks tasks = new CapaTasks(store, lifecycle);
        assertEquals(List.of(CapaTasks.Kind.CAPA_DUE, CapaTasks.Kind.SIGN_OFF), tasks.all().stream().map(
                CapaTasks.Task::kind).toList(), "an open CAPA: its plan, and the plan's approval");
        assertEquals(1, tasks.of(QUINN).size(), "Quinn may approve Carl's plan");
        assertEquals(CapaTasks.Kind.SIGN_OFF, tasks.of(QUINN).get(0).kind());
        assertEquals(List.of(CapaTasks.Kind.CAPA_DUE), tasks.of(CARL).stream().map(CapaTasks.Task::kind).toList(),
                "Carl owns the CAPA; he does not approve his own request");
        test.actAs(ModuleTestStore.QA);
        lifecycle.start(lifecycle.approvePlan(c, QUINN, QA_PASSWORD));

        // 40 days later: the first action (due in 14 days) and the second (due in 30 days) are overdue
        CapaLifecycle later = new CapaLifecycle(store, Clock.fixed(TODAY.plusDays(40).atStartOfDay().toInstant(
                ZoneOffset.UTC), ZoneOffset.UTC));
        List<CapaTasks.Task> overdue = new CapaTasks(store, later).overdue();
        assertEquals(2, overdue.size(), overdue.toString());
        assertEquals(26, overdue.get(0).daysOverdue(later.today()), "the most overdue first");
        assertEquals(10, overdue.get(1).daysOverdue(later.today()));
        assertTrue(overdue.stream().allMatch(t -> t.kind() == CapaTasks.Kind.ACTION && CARL.equals(t.owner())));
        assertEquals(0, new CapaTasks(store, lifecycle).overdue().size(), "nothing is overdue on the first day");

        // implemented: the effectiveness check is due 90 days later, overdue after that
        Capa implemented = lifecycle.markImplemented(doAllActions(c, evidence("proof.txt")));
        CapaLifecycle muchLater = new CapaLifecycle(store, Clock.fixed(TODAY.plusDays(95).atStartOfDay().toInstant(
                ZoneOffset.UTC), ZoneOffset.UTC));
        List<CapaTasks.Task> late = new CapaTasks(store, muchLater).overdue();
        assertEquals(1, late.size(), late.toString());
        assertEquals(CapaTasks.Kind.EFFECTIVENESS_CHECK, late.get(0).kind());
        assertEquals(5, late.get(0).daysOverdue(muchLater.today()));
        assertEquals(implemented.getId(), late.get(0).capa().getId());
    }

    @Test
    void dueDateExtensionsNeedAReasonAndAnApprovalAndAreKeptAsHistory() {
        Capa c = capa(CARL);
        CapaAction first = c.getActions().get(0);
        LocalDate due = CapaLifecycle.dayOf(first.getDue());
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        assertTrue(refusal(() -> lifecycle.requestExtension(c, ExtendedDate.ACTION_DUE, first, due.plusDays(10),
                " ")).contains("an extension needs a reason"));
        assertTrue(refusal(() -> lifecycle.requestExtension(c, ExtendedDate.ACTION_DUE, first, due.minusDays(1),
                "late")).contains("must be after the current one, " + due));
        DueDateExtension x = lifecycle.requestExtension(c, ExtendedDate.ACTION_DUE, first, due.plusDays(10),
                "The restore environment is delivered late");
        assertEquals(first.getDue(), reload(c).getActions().get(0).getDue(), "not moved before it is approved");
        assertTrue(refusal(() -> lifecycle.requestExtension(c, ExtendedDate.ACTION_DUE, first, due.plusDays(20),
                "again")).contains("waits for approval already"));

        test.actAs(ModuleTestStore.QA);
        Capa extended = lifecycle.approveExtension(c, x, QUINN, QA_PASSWORD);
        assertEquals(CapaLifecycle.day(due.plusDays(10)), extended.getActions().get(0).getDue());
        assertTrue(refusal(() -> lifecycle.approveExtension(extended, x, QUINN, QA_PASSWORD)).contains(
                "approved already"));

        test.actAs(ModuleTestStore.CONTRIBUTOR);
        DueDateExtension y = lifecycle.requestExtension(extended, ExtendedDate.CAPA_DUE, null, TODAY.plusDays(120),
                "Vendor contract renegotiation");
        List<DueDateExtension> history = lifecycle.extensions(c);
        assertEquals(List.of(x.getId(), y.getId()), history.stream().map(DueDateExtension::getId).toList());
        assertEquals(CapaLifecycle.day(due), history.get(0).getPreviousDue());
        assertEquals(CapaLifecycle.day(due.plusDays(10)), history.get(0).getNewDue());
        assertTrue(lifecycle.isSigned(history.get(0)));
        assertFalse(lifecycle.isSigned(history.get(1)), "the second waits for its approval");
        assertEquals(CapaLifecycle.day(TODAY.plusDays(90)), reload(c).getDueDate());
    }

    @Test
    void onceThePlanIsApprovedDueDatesMoveOnlyByAnApprovedExtension() {
        Capa c = capa(CARL);
        Capa draft = reload(c);
        draft.setDueDate(CapaLifecycle.day(TODAY.plusDays(100)));
        store.save(draft, null); // the plan's own dates, before it is approved
        c = reload(c);
        assertEquals(CapaLifecycle.day(TODAY.plusDays(100)), c.getDueDate());
        assertEquals(null, store.model().whyLocked(c, CapaPackage.Literals.CAPA__DUE_DATE));
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        lifecycle.submitPlan(c);
        test.actAs(ModuleTestStore.QA);
        c = lifecycle.approvePlan(c, QUINN, QA_PASSWORD);
        Date approvedDue = c.getDueDate();
        Date actionDue = c.getActions().get(0).getDue();
        assertEquals(CapaDueDates.LOCKED, store.model().whyLocked(c, CapaPackage.Literals.CAPA__DUE_DATE),
                "the form locks the date");
        assertEquals(CapaDueDates.LOCKED, store.model().whyLocked(c.getActions().get(0), CapaPackage.Literals
                .CAPA_ACTION__DUE));
        assertEquals(null, store.model().whyLocked(c, CapaPackage.Literals.CAPA__TITLE));

        Capa moved = reload(c);
        moved.setDueDate(CapaLifecycle.day(TODAY.plusDays(200)));
        String refused = assertThrows(ChangeRefusedException.class, () -> store.save(moved, null)).getMessage();
        assertTrue(refused.startsWith("Cannot move the due date of CAPA-2026-001"), refused);
        assertTrue(refused.endsWith("Nothing was saved."), refused);
        Capa cleared = reload(c);
        cleared.getActions().get(0).setDue(null);
        cleared.setTitle("Changed with it");
        refused = assertThrows(ChangeRefusedException.class, () -> store.save(cleared, null)).getMessage();
        assertTrue(refused.contains("the due date of the action 'Restore-test the affected system"), refused);
        assertEquals(approvedDue, reload(c).getDueDate());
        assertEquals(actionDue, reload(c).getActions().get(0).getDue());
        assertFalse(reload(c).getTitle().equals("Changed with it"), "nothing of the refused save was written");

        Capa added = reload(c); // a date not set yet may be set: an action added after the approval
        CapaAction later = Records.newRecord(CapaPackage.Literals.CAPA_ACTION);
        later.setKind(ActionKind.PREVENTIVE);
        later.setDescription("Train the night shift");
        later.setOwner(account(CARL));
        later.setDue(CapaLifecycle.day(TODAY.plusDays(30)));
        added.getActions().add(later);
        store.save(added, null);

        test.actAs(ModuleTestStore.CONTRIBUTOR);
        DueDateExtension x = lifecycle.requestExtension(reload(c), ExtendedDate.CAPA_DUE, null, TODAY.plusDays(150),
                "Waiting for the vendor");
        test.actAs(ModuleTestStore.QA);
        Capa extended = lifecycle.approveExtension(reload(c), x, QUINN, QA_PASSWORD);
        assertEquals(CapaLifecycle.day(TODAY.plusDays(150)), reload(extended).getDueDate(), "the approved extension"
                + " moves it");
    }

    @Test
    void templatesStartACapaWithItsActionsAndCriteria() {
        assertEquals(6, CapaTemplates.all().size());
        Capa c = CapaTemplates.newCapa(CapaTemplates.all().get(0), TODAY);
        assertEquals("Validated disaster-recovery test at least annually", c.getTitle());
        assertEquals(List.of(SystemicRootCause.RESTORES_NEVER_TESTED), c.getSystemicRootCauses());
        assertEquals(List.of(ActionKind.CORRECTIVE, ActionKind.PREVENTIVE), c.getActions().stream().map(
                CapaAction::getKind).toList());
        assertEquals(CapaLifecycle.day(TODAY.plusDays(30)), c.getActions().get(0).getDue());
        assertFalse(c.getSuccessCriteria().isBlank());
    }
}
