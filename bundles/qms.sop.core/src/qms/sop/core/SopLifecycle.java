package qms.sop.core;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import qms.core.AccessDeniedException;
import qms.core.Days;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.lifecycle.ControlledLifecycle;
import qms.core.lifecycle.Lifecycle;
import qms.core.lifecycle.Transition;
import qms.core.lifecycle.Transition.Effect;
import qms.model.Record;
import qms.model.SignOff;
import qms.model.UserAccount;
import qms.sop.model.PeriodicReview;
import qms.sop.model.ReviewOutcome;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.TrainingRecord;
import qms.sop.model.VersionStatus;

/**
 * The lifecycle of an SOP version, declared on the core's controlled lifecycle: Draft → In review (sent to review,
 * which asks for the "Reviewed" signature) → Approved (the review's signature asks for the "Approved" one; neither
 * may come from the version's author) → Effective on its effective date, when the version before it is Superseded
 * the same day → Retired (by an approved retirement). Only a draft is edited; a change to an approved version is a
 * new version ({@link SopVersions#newVersion}). An effective version's periodic review and each person's training
 * acknowledgement are signed steps of it too.
 */
public final class SopLifecycle {

    public static final String REVIEWED = "Reviewed";
    public static final String APPROVED = "Approved";
    /** The meaning a trainee signs an acknowledgement with (the module's default signature meaning). */
    public static final String READ_AND_UNDERSTOOD = "Read and understood";

    private static final String SEPARATION = " (separation of duties)";

    private final RecordStore store;
    private final ControlledLifecycle<SopVersion> steps;

    public final Transition<SopVersion> review;
    public final Transition<SopVersion> submit;
    public final Transition<SopVersion> approve;
    public final Transition<SopVersion> requestApproval;
    public final Transition<SopVersion> returnToDraft;
    public final Transition<SopVersion> makeEffective;
    public final Transition<SopVersion> approveRetirement;
    public final Transition<SopVersion> requestRetirement;
    public final Transition<SopVersion> signPeriodicReview;
    public final Transition<SopVersion> recordPeriodicReview;
    public final Transition<SopVersion> signTraining;
    public final Transition<SopVersion> acknowledgeTraining;

    public SopLifecycle(RecordStore store) {
        this(store, Clock.systemUTC());
    }

    public SopLifecycle(RecordStore store, Clock clock) {
        this.store = store;
        String stale = "the version was changed after it was sent to review; send it again";
        approve = Transition.<SopVersion>sign("Approve", "approve", APPROVED)
                .from(VersionStatus.IN_REVIEW).to(VersionStatus.APPROVED)
                .states(v -> "Approval of " + SopVersions.name(v), SopStatements::content)
                .current(stale, true).none("it is not reviewed yet")
                .notBy(SopLifecycle::authorId, "wrote the version and may not approve it" + SEPARATION)
                .guard(a -> effectiveDateProblem(a.subject()))
                .effect(a -> approved(a.subject())).build();
        requestApproval = Transition.<SopVersion>request("Request Approval", "request approval of", approve,
                SopPackage.Literals.VERSION_APPROVAL).from(VersionStatus.IN_REVIEW)
                .waiting("its approval was asked for already and waits for its signature")
                .guard(a -> reviewed(a.subject()) ? Optional.empty() : Optional.of("it is not reviewed yet")).build();
        review = Transition.<SopVersion>sign("Review", "review", REVIEWED)
                .from(VersionStatus.IN_REVIEW)
                .states(v -> "Review of " + SopVersions.name(v), SopStatements::content)
                .current(stale, true).none("it was not sent to review")
                .notBy(SopLifecycle::authorId, "wrote the version and may not review it" + SEPARATION)
                .effect(a -> Effect.of(steps().newSignOff(requestApproval, a.subject()))).build();
        submit = Transition.<SopVersion>request("Send to Review", "send to review", review,
                SopPackage.Literals.VERSION_REVIEW).from(VersionStatus.DRAFT).to(VersionStatus.IN_REVIEW)
                .guard(a -> SopStatements.incomplete(a.subject())).build();
        returnToDraft = Transition.<SopVersion>direct("Return to Draft", "return to draft")
                .from(VersionStatus.IN_REVIEW, VersionStatus.APPROVED).to(VersionStatus.DRAFT)
                .effect(a -> {
                    a.subject().setApprovedOn(null);
                    return Effect.NONE;
                }).build();
        makeEffective = Transition.<SopVersion>direct("Make Effective", "make effective")
                .from(VersionStatus.APPROVED).to(VersionStatus.EFFECTIVE)
                .guard(a -> notYet(a.subject())).effect(a -> effective(a.subject())).build();
        approveRetirement = Transition.<SopVersion>sign("Approve Retirement", "retire", APPROVED)
                .from(VersionStatus.EFFECTIVE).to(VersionStatus.RETIRED).none("its retirement was not requested")
                .effect(a -> {
                    a.subject().setRetiredOn(Days.day(today()));
                    return Effect.NONE;
                }).build();
        requestRetirement = Transition.<SopVersion>request("Request Retirement", "request retirement of",
                approveRetirement, SopPackage.Literals.VERSION_RETIREMENT).from(VersionStatus.EFFECTIVE)
                .waiting("its retirement was requested already").build();
        signPeriodicReview = Transition.<SopVersion>sign("Sign Periodic Review", "sign the periodic review of",
                REVIEWED).from(VersionStatus.EFFECTIVE).none("no periodic review was recorded")
                .effect(a -> periodicReviewed(a.subject(), (PeriodicReview) a.signOff())).build();
        recordPeriodicReview = Transition.<SopVersion>request("Record Periodic Review", "record a periodic review of",
                signPeriodicReview, SopPackage.Literals.PERIODIC_REVIEW).from(VersionStatus.EFFECTIVE)
                .waiting("a periodic review was recorded and waits for its signature").build();
        signTraining = Transition.<SopVersion>sign("Sign Acknowledgement", "sign a training acknowledgement of",
                READ_AND_UNDERSTOOD).from(VersionStatus.APPROVED, VersionStatus.EFFECTIVE)
                .none("no acknowledgement waits for your signature")
                .guard(a -> a.signOff() != null && !a.signOff().getRequestedBy().equals(a.userId())
                        ? Optional.of("only " + a.signOff().getRequestedBy() + " signs their own acknowledgement")
                        : Optional.empty()).build();
        acknowledgeTraining = Transition.<SopVersion>request("Acknowledge Training", "acknowledge",
                signTraining, SopPackage.Literals.TRAINING_RECORD).from(VersionStatus.APPROVED,
                        VersionStatus.EFFECTIVE).manyWaiting()
                .guard(a -> acknowledged(a.subject(), a.userId()) ? Optional.of(a.userId()
                        + " acknowledged this version already") : Optional.empty()).build();
        steps = new ControlledLifecycle<>(store, clock, Lifecycle.of(SopVersion.class, SopPackage.Literals
                .SOP_VERSION__STATUS, SopVersions::name).end(VersionStatus.SUPERSEDED, "it is superseded")
                .end(VersionStatus.RETIRED, "it is retired")
                .transition(submit).transition(review).transition(requestApproval).transition(approve)
                .transition(returnToDraft).transition(makeEffective).transition(recordPeriodicReview)
                .transition(signPeriodicReview).transition(acknowledgeTraining).transition(signTraining)
                .transition(requestRetirement).transition(approveRetirement).build());
    }

    public ControlledLifecycle<SopVersion> steps() {
        return steps;
    }

    public RecordStore store() {
        return store;
    }

    public LocalDate today() {
        return steps.today();
    }

    private String user() {
        return store.principal() == null ? "" : store.principal().userId();
    }

    private static String authorId(SopVersion v) {
        return v.getAuthor() == null ? null : v.getAuthor().getUserId();
    }

    // ------------------------------------------------------------------------------------------ review, approval

    /** Whether the version's newest review was signed (and nothing asked for a review since). */
    private boolean reviewed(SopVersion v) {
        List<SignOff> all = steps.signOffs(v);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (review.name().equals(all.get(i).getStep())) {
                return steps.isSigned(all.get(i));
            }
        }
        return false;
    }

    /** Why the version cannot be approved with the effective date it has, or empty. */
    private Optional<String> effectiveDateProblem(SopVersion v) {
        if (v.getEffectiveDate() == null) {
            return Optional.of("its Effective date is not set");
        }
        LocalDate effective = Days.dayOf(v.getEffectiveDate());
        return effective.isBefore(today()) ? Optional.of("its Effective date " + effective + " is before today, the"
                + " day of approval; set it to today or later (return it to draft to change it)") : Optional.empty();
    }

    /** Approved today; in force at once if its effective date is today. */
    private Effect approved(SopVersion v) {
        v.setApprovedOn(Days.day(today()));
        return notYet(v).isPresent() ? Effect.NONE : effective(v);
    }

    private Optional<String> notYet(SopVersion v) {
        LocalDate effective = Days.dayOf(v.getEffectiveDate());
        return effective != null && effective.isAfter(today()) ? Optional.of("it becomes effective on " + effective)
                : Optional.empty();
    }

    /** In force: the SOP's version in force until now is superseded the same day. */
    private Effect effective(SopVersion v) {
        v.setStatus(VersionStatus.EFFECTIVE);
        List<Record> superseded = new ArrayList<>();
        for (SopVersion other : SopVersions.of(store, Records.id(v.getSop()))) {
            if (!other.getId().equals(v.getId()) && other.getStatus() == VersionStatus.EFFECTIVE) {
                other.setStatus(VersionStatus.SUPERSEDED);
                other.setSupersededOn(v.getEffectiveDate());
                superseded.add(other);
            }
        }
        return new Effect(superseded, superseded.isEmpty() ? null : SopVersions.name(v) + " became effective on "
                + Days.text(v.getEffectiveDate()));
    }

    public Optional<String> whyNot(Transition<SopVersion> step, SopVersion v) {
        return steps.whyNot(step, v, user());
    }

    /** Sends the draft to review: writes what is to be reviewed into a sign-off; the version is In review. */
    public SignOff sendToReview(SopVersion v) {
        return steps.request(submit, v);
    }

    public SopVersion review(SopVersion v, String userId, char[] password) {
        return steps.sign(review, v, userId, password);
    }

    public SopVersion approve(SopVersion v, String userId, char[] password) {
        return steps.sign(approve, v, userId, password);
    }

    /**
     * Makes every approved version whose effective date has come effective (superseding the one before it), as the
     * signed-in user; returns those it made effective. Run when a session with write rights starts and by the
     * {@code sop-effective} task.
     */
    public List<SopVersion> applyEffectiveDates() {
        List<SopVersion> made = new ArrayList<>();
        for (SopVersion v : SopVersions.approved(store)) {
            if (steps.whyNot(makeEffective, v, user()).isEmpty()) {
                steps.run(makeEffective, v);
                made.add(v);
            }
        }
        return made;
    }

    // ------------------------------------------------------------------------------------------ periodic review

    /**
     * Records and signs the periodic review of an effective version ("Reviewed") in one go: the outcome, the notes, the
     * SOP's last review day; with "Revise", a new draft version is started unless one is being written.
     */
    public PeriodicReview periodicReview(SopVersion v, ReviewOutcome outcome, String notes, String userId,
            char[] password) {
        PeriodicReview r = recordPeriodicReview(v, outcome, notes);
        steps.sign(signPeriodicReview, v, r, userId, password);
        return r;
    }

    /** Records the periodic review of an effective version (outcome, notes); it waits for its "Reviewed" signature. */
    public PeriodicReview recordPeriodicReview(SopVersion v, ReviewOutcome outcome, String notes) {
        String statement = "Periodic review of " + SopVersions.name(v) + "\nOutcome: " + outcome.getLiteral()
                + (Days.blank(notes) ? "" : "\nNotes: " + notes.strip()) + "\n";
        return steps.request(recordPeriodicReview, v, "Periodic review of " + SopVersions.name(v) + ": "
                + outcome.getLiteral(), statement, (PeriodicReview p) -> {
                    p.setOutcome(outcome);
                    p.setNotes(Days.blank(notes) ? null : notes.strip());
                });
    }

    private Effect periodicReviewed(SopVersion v, PeriodicReview r) {
        Sop sop = (Sop) store.get(Records.id(v.getSop()));
        sop.setLastReviewedOn(Days.day(today()));
        List<Record> changed = new ArrayList<>(List.of(sop));
        if (r.getOutcome() == ReviewOutcome.REVISE && SopVersions.inProgress(store, sop.getId()).isEmpty()) {
            changed.add(SopVersions.draftFrom(store, sop, v, user()));
        }
        return new Effect(changed, "Periodic review of " + SopVersions.name(v) + ": " + r.getOutcome().getLiteral());
    }

    // ------------------------------------------------------------------------------------------ training

    /** Whether the user signed an acknowledgement of this version. */
    public boolean acknowledged(SopVersion v, String userId) {
        return steps.signOffs(v).stream().anyMatch(s -> s instanceof TrainingRecord t && userId.equals(t
                .getRequestedBy()) && steps.isSigned(t));
    }

    /** What the signed-in trainee signs to acknowledge the version, as the signature dialog shows it. */
    public String acknowledgement(SopVersion v) {
        return SopVersions.account(store, user()).map(a -> acknowledgement(v, a)).orElse("");
    }

    private static String acknowledgement(SopVersion v, UserAccount trainee) {
        return "I, " + trainee.getFullName() + " (" + trainee.getUserId() + "), have read and understood "
                + SopVersions.name(v) + " '" + v.getTitle() + "'.\n";
    }

    /**
     * The signed-in trainee acknowledges the version ("Read and understood"): writes the training record and signs it
     * with the trainee's password, in one go; a record left unsigned before (a wrong password) is signed instead of
     * writing another. Training on one version does not count for another.
     */
    public TrainingRecord acknowledge(SopVersion v, char[] password) {
        String user = user();
        Optional<SignOff> left = steps.waiting(v).stream().filter(s -> s instanceof TrainingRecord && user.equals(s
                .getRequestedBy())).findFirst();
        TrainingRecord t;
        if (left.isPresent()) {
            t = (TrainingRecord) left.get();
        } else {
            UserAccount trainee = SopVersions.account(store, user).orElseThrow(() -> new AccessDeniedException(
                    "There is no account for " + user + ": nothing was acknowledged"));
            t = steps.request(acknowledgeTraining, v, "Training of " + trainee.getFullName() + " on "
                    + SopVersions.name(v), acknowledgement(v, trainee), (TrainingRecord r) -> r.setTrainee(trainee));
        }
        steps.sign(signTraining, v, t, user, password);
        return t;
    }
}
