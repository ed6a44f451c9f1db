package qms.sop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AccessDeniedException;
import qms.core.ChangeRefusedException;
import qms.core.Days;
import qms.core.RecordDiff;
import qms.core.ValidationException;
import qms.core.lifecycle.StepRefusedException;
import qms.model.SignOff;
import qms.sop.model.ReviewOutcome;
import qms.sop.model.Sop;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionApproval;
import qms.sop.model.VersionReview;
import qms.sop.model.VersionStatus;
import qms.testing.ModuleTestStore;

/**
 * An SOP version's lifecycle on the real store: written by its author, reviewed and approved by others with electronic
 * signatures (the author may do neither), effective on its date with the version before it superseded that day, never
 * edited once sent to review, only one version in force; the comparison of two versions; the periodic review.
 */
class SopLifecycleTest {

    private static final LocalDate TODAY = SopFixture.TODAY;

    @TempDir
    Path dir;
    private SopFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new SopFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String refusal(Runnable step) {
        return assertThrows(StepRefusedException.class, step::run).getMessage();
    }

    @Test
    void theAuthorWritesAQaManagerReviewsAnotherApprovesAndTheVersionIsInForceOnItsDate() {
        Sop sop = f.sop("SOP-IT-001");
        SopVersion v1 = f.draft(sop);
        assertEquals("SOP-IT-001 v1", SopVersions.name(v1));
        assertEquals(VersionStatus.DRAFT, v1.getStatus());
        assertEquals("sam", v1.getAuthor().getUserId());
        SopLifecycle l = f.lifecycle(TODAY);
        assertEquals("Cannot send to review SOP-IT-001 v1: it needs a purpose, a scope, at least one step, an"
                + " effective date. Nothing was changed.", refusal(() -> l.sendToReview(v1)));
        SopVersion written = f.written(v1, TODAY);
        SignOff review = l.sendToReview(written);
        assertTrue(review instanceof VersionReview);
        assertEquals(VersionStatus.IN_REVIEW, f.reload(v1).getStatus());
        assertTrue(review.getStatement().contains("Step 1: Contain the incident \u2014 IT Operations"), review
                .getStatement());

        assertEquals(Optional.of("sam wrote the version and may not review it (separation of duties)"), l.whyNot(
                l.review, f.reload(v1)));
        f.test.actAs(ModuleTestStore.QA);
        assertEquals(Optional.of("it is not reviewed yet"), l.whyNot(l.approve, f.reload(v1)));
        l.review(f.reload(v1), "quinn", SopFixture.QA);
        List<SignOff> signOffs = l.steps().signOffs(f.reload(v1));
        assertEquals(2, signOffs.size(), "the review asked for the approval");
        assertTrue(signOffs.get(1) instanceof VersionApproval);
        assertEquals(VersionStatus.IN_REVIEW, f.reload(v1).getStatus(), "reviewed, not approved");

        f.test.actAs(SopFixture.SAM);
        assertEquals("Cannot approve SOP-IT-001 v1: sam wrote the version and may not approve it (separation of"
                + " duties). Nothing was changed.", refusal(() -> l.approve(f.reload(v1), "sam", SopFixture.PASSWORD
                        .toCharArray())));
        f.test.actAs(ModuleTestStore.QA);
        assertThrows(AccessDeniedException.class, () -> l.approve(f.reload(v1), "quinn", SopFixture.QA),
                "the reviewer asked for the approval: 'Approved' comes from someone else");
        f.test.actAs(SopFixture.RITA);
        SopVersion approved = l.approve(f.reload(v1), "rita", SopFixture.PASSWORD.toCharArray());
        assertEquals(VersionStatus.EFFECTIVE, approved.getStatus(), "effective today: in force at once");
        assertEquals(Days.day(TODAY), f.reload(v1).getApprovedOn());
        assertTrue(l.steps().signOffs(approved).stream().allMatch(l.steps()::isSigned));

        // v2: effective in five days; approved today, in force on its date, when v1 is superseded
        f.test.actAs(SopFixture.SAM);
        SopVersion v2 = f.draft(sop);
        assertEquals(2, v2.getVersionNumber());
        assertEquals(2, v2.getSteps().size(), "the content of the version before");
        assertTrue(refusal(() -> f.draft(sop)).contains("SOP-IT-001 v2 is Draft"),
                "one version is written at a time");
        v2.getSteps().get(1).setAction("Assess the impact on trial data and subjects");
        v2.getSteps().add(SopFixture.step(3, "Notify the supervisory authority", f.qa));
        v2 = f.approved(f.written(v2, TODAY.plusDays(5)), TODAY);
        assertEquals(VersionStatus.APPROVED, v2.getStatus());
        assertEquals(List.of(), f.lifecycle(TODAY.plusDays(4)).applyEffectiveDates());
        assertEquals(VersionStatus.EFFECTIVE, f.reload(v1).getStatus(), "v1 is in force until v2's date");
        f.test.actAs(ModuleTestStore.QA);
        List<SopVersion> made = f.lifecycle(TODAY.plusDays(5)).applyEffectiveDates();
        assertEquals(List.of(v2.getId()), made.stream().map(SopVersion::getId).toList());
        assertEquals(VersionStatus.EFFECTIVE, f.reload(v2).getStatus());
        assertEquals(VersionStatus.SUPERSEDED, f.reload(v1).getStatus());
        assertEquals(Days.day(TODAY.plusDays(5)), f.reload(v1).getSupersededOn(), "superseded the same day");
        assertEquals(v2.getId(), SopVersions.effective(f.store, sop.getId()).orElseThrow().getId());

        List<RecordDiff.Change> changes = VersionComparison.changes(f.store, f.reload(v1), f.reload(v2));
        assertTrue(changes.contains(new RecordDiff.Change("Steps", "2", RecordDiff.Kind.CHANGED, "Number: 2; Action:"
                + " Assess the impact; Role: QA Manager", "Number: 2; Action: Assess the impact on trial data and"
                        + " subjects; Role: QA Manager")), changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.field().equals("Steps") && c.item().equals("3") && c.kind()
                == RecordDiff.Kind.ADDED), changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.field().equals("Effective date")), changes.toString());
        assertFalse(changes.stream().anyMatch(c -> c.field().equals("Status")), "what the author wrote, not the"
                + " status");
    }

    @Test
    void aVersionInForceIsNeverEditedOnlyOneIsEffectiveAndItsDateIsNotBeforeItsApproval() {
        Sop sop = f.sop("SOP-IT-002");
        SopVersion v1 = f.approved(f.written(f.draft(sop), TODAY), TODAY);
        assertEquals(SopVersionRules.LOCKED, f.store.model().whyLocked(v1, qms.sop.model.SopPackage.Literals
                .SOP_VERSION__PURPOSE), "the form locks its fields");
        SopVersion edited = f.reload(v1);
        edited.setPurpose("Something else");
        f.test.actAs(SopFixture.SAM);
        String refused = assertThrows(ChangeRefusedException.class, () -> f.store.save(edited, null)).getMessage();
        assertTrue(refused.startsWith("Cannot change Purpose of SOP-IT-002 v1 (Effective): only a draft is edited"),
                refused);
        assertTrue(refused.endsWith("Nothing was saved."), refused);
        assertEquals("Respond to IT security incidents.", f.reload(v1).getPurpose());

        // a second Effective version, saved past the lifecycle, is refused naming the field
        SopVersion v2 = f.written(f.draft(sop), TODAY);
        v2.setStatus(VersionStatus.EFFECTIVE);
        f.test.actAs(ModuleTestStore.QA);
        refused = assertThrows(ChangeRefusedException.class, () -> f.store.save(v2, null)).getMessage();
        assertTrue(refused.startsWith("Cannot make SOP-IT-002 v2 Effective (Status): SOP-IT-002 v1 is Effective"),
                refused);
        assertEquals(VersionStatus.DRAFT, f.reload(v2).getStatus());

        // nor may a status move by saving, past the steps and their signatures (as a form or an import might)
        SopVersion skipped = f.reload(v2);
        skipped.setStatus(VersionStatus.APPROVED);
        refused = assertThrows(ChangeRefusedException.class, () -> f.store.save(skipped, null)).getMessage();
        assertTrue(refused.startsWith("Cannot change Status of SOP-IT-002 v2 from Draft to Approved by saving it: it"
                + " moves only by the steps of its lifecycle"), refused);
        assertEquals(VersionStatus.DRAFT, f.reload(v2).getStatus());

        // an effective date before the day of approval
        SopVersion late = f.written(f.reload(v2), TODAY.minusDays(3));
        SopLifecycle l = f.lifecycle(TODAY);
        f.test.actAs(SopFixture.SAM);
        l.sendToReview(late);
        f.test.actAs(ModuleTestStore.QA);
        l.review(f.reload(late), "quinn", SopFixture.QA);
        f.test.actAs(SopFixture.RITA);
        assertEquals("Cannot approve SOP-IT-002 v2: its Effective date 2026-12-01 is before today, the day of approval;"
                + " set it to today or later (return it to draft to change it). Nothing was changed.", refusal(
                        () -> l.approve(f.reload(late), "rita", SopFixture.PASSWORD.toCharArray())));
        assertTrue(f.store.signatures().signatures(l.steps().waiting(f.reload(late)).get(0).getId()).isEmpty(),
                "nothing was signed");
        SopVersion back = l.steps().run(l.returnToDraft, f.reload(late));
        assertEquals(VersionStatus.DRAFT, back.getStatus());
        assertEquals(List.of(), l.steps().waiting(back), "the review's requests wait for nobody on a draft");
        // the model's own check, should an approval day and an earlier effective date ever be saved together
        SopVersion bad = f.reload(back);
        bad.setApprovedOn(Days.day(TODAY));
        ValidationException invalid = assertThrows(ValidationException.class, () -> f.store.save(bad, null));
        assertTrue(invalid.getMessage().contains("Effective date 2026-12-01 is before the day the version was"
                + " approved, 2026-12-04"), invalid.getMessage());
    }

    @Test
    void aPeriodicReviewIsSignedMovesTheNextDueDateAndAReviseOutcomeStartsTheNextDraft() {
        Sop sop = f.sop("SOP-IT-003");
        SopVersion v1 = f.approved(f.written(f.draft(sop), TODAY), TODAY);
        assertEquals(TODAY.plusMonths(24), PeriodicReviews.due((Sop) f.store.get(sop.getId()), v1));
        LocalDate later = TODAY.plusMonths(23);
        f.test.actAs(ModuleTestStore.QA);
        f.lifecycle(later).periodicReview(f.reload(v1), ReviewOutcome.NO_CHANGE, "Still fits", "quinn", SopFixture
                .QA);
        Sop reviewed = (Sop) f.store.get(sop.getId());
        assertEquals(Days.day(later), reviewed.getLastReviewedOn());
        assertEquals(later.plusMonths(24), PeriodicReviews.due(reviewed, f.reload(v1)));
        assertTrue(SopVersions.inProgress(f.store, sop.getId()).isEmpty());
        f.lifecycle(later).periodicReview(f.reload(v1), ReviewOutcome.REVISE, "NIS2 applies now", "quinn", SopFixture
                .QA);
        SopVersion next = SopVersions.inProgress(f.store, sop.getId()).orElseThrow();
        assertEquals(2, next.getVersionNumber());
        assertEquals(VersionStatus.DRAFT, next.getStatus());
        assertEquals(2, f.lifecycle(later).steps().signOffs(f.reload(v1)).stream().filter(s -> s instanceof
                qms.sop.model.PeriodicReview && f.lifecycle(later).steps().isSigned(s)).count());
    }
}
