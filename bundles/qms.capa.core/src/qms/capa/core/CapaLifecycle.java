package qms.capa.core;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

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
import qms.capa.model.FishboneCause;
import qms.capa.model.PlanApproval;
import qms.capa.model.WhyStep;
import qms.core.LinkDirection;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.core.lifecycle.ControlledLifecycle;
import qms.core.lifecycle.Lifecycle;
import qms.core.lifecycle.Transition;
import qms.core.lifecycle.Transition.Effect;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingStatus;
import qms.model.Link;
import qms.model.SignOff;
import qms.model.UserAccount;

/**
 * The CAPA lifecycle, declared on the core's controlled lifecycle ({@link Lifecycle}): Open → Plan approved → In
 * progress → Implemented → Effectiveness check → Closed, or back to Open when the effectiveness check is Ineffective.
 * Every signed step is a sign-off: someone requests it (the plan is submitted, a check's result is recorded, closure
 * or a due-date extension is requested), which writes what is to be approved; then someone else signs it, and only
 * then does the CAPA move. This class says what the CAPA's steps need (a complete plan, done actions with their
 * evidence), what they change (findings follow their CAPA) and what each sign-off states; the core runs them.
 * <p>
 * Separation of duties: the plan, closure and extension approvers ("Approved", a QA Manager who did not write the
 * sign-off) and the effectiveness verifier ("Verified") must not be the CAPA's owner, unless the CAPA Settings
 * allow it. Every refusal says why, and nothing is written.
 */
public final class CapaLifecycle {

    /** The signature meanings of the steps (the core's defaults). */
    public static final String APPROVED = "Approved";
    public static final String VERIFIED = "Verified";

    /** The reason every step but a look at the history gives once the CAPA is closed. */
    private static final String CLOSED_ALREADY = "it is closed";
    private static final String SEPARATION = " (separation of duties, CAPA Settings)";

    private final RecordStore store;
    private final ControlledLifecycle<Capa> steps;

    public final Transition<Capa> approvePlan;
    public final Transition<Capa> submitPlan;
    public final Transition<Capa> start;
    public final Transition<Capa> markImplemented;
    public final Transition<Capa> beginCheck;
    public final Transition<Capa> verify;
    public final Transition<Capa> recordCheck;
    public final Transition<Capa> approveClosure;
    public final Transition<Capa> requestClosure;
    public final Transition<Capa> approveExtension;
    public final Transition<Capa> requestExtension;

    public CapaLifecycle(RecordStore store) {
        this(store, Clock.systemUTC());
    }

    public CapaLifecycle(RecordStore store, Clock clock) {
        this.store = store;
        approvePlan = Transition.<Capa>sign("Approve Plan", "approve the plan of", APPROVED)
                .from(CapaStatus.OPEN).to(CapaStatus.PLAN_APPROVED)
                .states(c -> "Plan approval of " + name(c), CapaLifecycle::plan)
                .current("the plan was changed after it was submitted; submit it again", true)
                .none("no plan was submitted for approval")
                .notBy(c -> settings().isIndependentApprover() ? ownerId(c) : null, "owns the CAPA and may not"
                        + " approve its plan" + SEPARATION)
                .effect(a -> {
                    List<Finding> started = new ArrayList<>();
                    for (Finding f : findings(a.subject())) { // their CAPA is under way now
                        if (f.getStatus() == FindingStatus.OPEN || f.getStatus() == FindingStatus.RESPONSE_DUE) {
                            f.setStatus(FindingStatus.CAPA_IN_PROGRESS);
                            started.add(f);
                        }
                    }
                    return new Effect(started, null);
                }).build();
        submitPlan = Transition.<Capa>request("Submit Plan for Approval", "submit the plan of", approvePlan,
                CapaPackage.Literals.PLAN_APPROVAL)
                .from(CapaStatus.OPEN).wrongState(c -> "its plan is approved already (status " + c.getStatus() + ")")
                .waiting("its plan was submitted already and waits for approval")
                .guard(a -> planIncomplete(a.subject())).build();
        start = Transition.<Capa>direct("Start Work", "start")
                .from(CapaStatus.PLAN_APPROVED).to(CapaStatus.IN_PROGRESS)
                .wrongState(c -> c.getStatus() == CapaStatus.OPEN ? "its plan is not approved (status Open)"
                        : "its status is " + c.getStatus() + ", not Plan approved").build();
        markImplemented = Transition.<Capa>direct("Mark Implemented", "mark as implemented")
                .from(CapaStatus.IN_PROGRESS).to(CapaStatus.IMPLEMENTED)
                .guard(a -> actionsOpen(a.subject())).effect(a -> implemented(a.subject())).build();
        beginCheck = Transition.<Capa>direct("Begin Effectiveness Check", "begin the effectiveness check of")
                .from(CapaStatus.IMPLEMENTED).to(CapaStatus.EFFECTIVENESS_CHECK)
                .guard(a -> blank(a.subject().getSuccessCriteria()) ? Optional.of("its success criteria are not"
                        + " written") : Optional.empty())
                .effect(a -> {
                    a.subject().unsetEffectivenessResult();
                    return Effect.NONE;
                }).build();
        verify = Transition.<Capa>sign("Verify Effectiveness", "verify the effectiveness of", VERIFIED)
                .from(CapaStatus.EFFECTIVENESS_CHECK).none("no check result waits for verification")
                .notBy(c -> settings().isIndependentVerifier() ? ownerId(c) : null, "owns the CAPA and may not"
                        + " verify its effectiveness" + SEPARATION)
                .effect(a -> verified(a.subject(), (EffectivenessVerification) a.signOff())).build();
        recordCheck = Transition.<Capa>request("Record Check Result", "record the effectiveness check of", verify,
                CapaPackage.Literals.EFFECTIVENESS_VERIFICATION)
                .from(CapaStatus.EFFECTIVENESS_CHECK).waiting("a check result waits for its verification")
                .guard(a -> isEffective(a.subject()) ? Optional.of("it was verified effective already")
                        : Optional.empty()).build();
        approveClosure = Transition.<Capa>sign("Approve Closure", "close", APPROVED)
                .from(CapaStatus.EFFECTIVENESS_CHECK).to(CapaStatus.CLOSED)
                .states(c -> "Closure of " + name(c), this::closure)
                .current("the CAPA or the findings it closes changed after closure was requested (another CAPA for"
                        + " one of its findings opened or closed); request closure again", true)
                .none("closure was not requested")
                .notBy(c -> settings().isIndependentApprover() ? ownerId(c) : null, "owns the CAPA and may not"
                        + " approve its closure" + SEPARATION)
                .effect(a -> closed(a.subject(), a.userId())).build();
        requestClosure = Transition.<Capa>request("Request Closure", "request closure of", approveClosure,
                CapaPackage.Literals.CLOSURE_APPROVAL)
                .from(CapaStatus.EFFECTIVENESS_CHECK).wrongState(CapaLifecycle::notEffective)
                .waiting("closure was requested already")
                .guard(a -> isEffective(a.subject()) ? Optional.empty() : Optional.of(notEffective(a.subject())))
                .build();
        approveExtension = Transition.<Capa>sign("Approve Extension", "approve an extension of", APPROVED)
                .signedAlready("the extension is approved already").none("no extension waits for approval")
                .notBy(c -> settings().isIndependentApprover() ? ownerId(c) : null, "owns the CAPA and may not"
                        + " approve its extensions" + SEPARATION)
                .guard(a -> CapaExtensions.moved(a.subject(), (DueDateExtension) a.signOff()))
                .effect(a -> CapaExtensions.extend(a.subject(), (DueDateExtension) a.signOff())).build();
        requestExtension = Transition.<Capa>request("Request Due-date Extension", "extend a due date of",
                approveExtension, CapaPackage.Literals.DUE_DATE_EXTENSION).manyWaiting().build();
        steps = new ControlledLifecycle<>(store, clock, Lifecycle.of(Capa.class, CapaPackage.Literals.CAPA__STATUS,
                CapaLifecycle::name).end(CapaStatus.CLOSED, CLOSED_ALREADY)
                .transition(submitPlan).transition(approvePlan).transition(start).transition(markImplemented)
                .transition(beginCheck).transition(recordCheck).transition(verify).transition(requestClosure)
                .transition(approveClosure).transition(requestExtension).transition(approveExtension).build());
    }

    /** The core's runner of the CAPA's lifecycle (for the lifecycle dialog and the tasks). */
    public ControlledLifecycle<Capa> steps() {
        return steps;
    }

    RecordStore store() {
        return store;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** The CAPA's sign-offs, oldest first. */
    public List<SignOff> signOffs(Capa capa) {
        return steps.signOffs(capa);
    }

    /** The meaning a sign-off is signed with. */
    public static String meaning(SignOff s) {
        return s.getMeaning();
    }

    /** Whether the sign-off carries an intact signature of its meaning. */
    public boolean isSigned(SignOff s) {
        return steps.isSigned(s);
    }

    /** The intact signature of the sign-off's meaning, if it was signed. */
    public Optional<SignatureCheck> signature(SignOff s) {
        return steps.signature(s);
    }

    /** The newest unsigned sign-off of a type, if one waits for its signature (a superseded one does not). */
    public <T extends SignOff> Optional<T> pending(Capa capa, Class<T> type) {
        List<SignOff> all = signOffs(capa);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (type.isInstance(all.get(i)) && !isSigned(all.get(i)) && !superseded(all.get(i), all)) {
                return Optional.of(type.cast(all.get(i)));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a plan or closure approval that was never signed was replaced by a later request of its kind (the plan
     * changed after it was submitted, or what the closure closes changed after it was requested, and it was asked
     * for again): it waits for nobody, and stays as it was written. {@code all}: the CAPA's sign-offs.
     */
    public boolean superseded(SignOff s, List<SignOff> all) {
        return steps.superseded(s, all);
    }

    /** The CAPA Settings (the first record; the defaults if there is none). */
    public CapaSettings settings() {
        List<qms.model.Record> all = store.list(Query.of(CapaPackage.Literals.CAPA_SETTINGS).page(0, 1));
        return all.isEmpty() ? Records.newRecord(CapaPackage.Literals.CAPA_SETTINGS) : (CapaSettings) all.get(0);
    }

    /** Today, as the due dates count days (UTC calendar days). */
    public LocalDate today() {
        return steps.today();
    }

    private String user() {
        return store.principal() == null ? "" : store.principal().userId();
    }

    // ------------------------------------------------------------------------------------------ the plan

    /** Why the plan cannot be submitted for approval now, or empty if it can. */
    public Optional<String> whyNotSubmitPlan(Capa capa) {
        return steps.whyNot(submitPlan, capa, user());
    }

    private Optional<String> planIncomplete(Capa capa) {
        List<String> missing = new ArrayList<>();
        if (capa.getOwner() == null) {
            missing.add("an owner");
        }
        if (capa.getDueDate() == null) {
            missing.add("a due date");
        }
        if (!capa.isSetRootCauseMethod()) {
            missing.add("a root-cause method");
        }
        if (blank(capa.getRootCause())) {
            missing.add("the root cause");
        }
        if (capa.getActions().stream().noneMatch(a -> a.getKind() == ActionKind.CORRECTIVE
                && a.getStatus() != ActionStatus.CANCELLED)) {
            missing.add("at least one corrective action");
        }
        for (CapaAction a : capa.getActions()) {
            if (a.getStatus() != ActionStatus.CANCELLED && (a.getOwner() == null || a.getDue() == null)) {
                missing.add("an owner and a due date for the action '" + a.getDescription() + "'");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("the plan needs " + String.join(", ", missing));
    }

    /** Submits the plan for approval: writes the plan as it is now into a sign-off that waits for its signature. */
    public PlanApproval submitPlan(Capa capa) {
        return steps.request(submitPlan, capa);
    }

    /** Why {@code userId} cannot approve the CAPA's plan now, or empty (the password is checked when signing). */
    public Optional<String> whyNotApprovePlan(Capa capa, String userId) {
        return steps.whyNot(approvePlan, capa, userId);
    }

    /** Signs the submitted plan ("Approved") and moves the CAPA to Plan approved; its findings are under way. */
    public Capa approvePlan(Capa capa, String userId, char[] password) {
        return steps.sign(approvePlan, capa, userId, password);
    }

    // ------------------------------------------------------------------------------------------ the work

    public Optional<String> whyNotStart(Capa capa) {
        return steps.whyNot(start, capa, user());
    }

    /** Plan approved → In progress. */
    public Capa start(Capa capa) {
        return steps.run(start, capa);
    }

    public Optional<String> whyNotImplemented(Capa capa) {
        return steps.whyNot(markImplemented, capa, user());
    }

    private static Optional<String> actionsOpen(Capa capa) {
        List<String> open = new ArrayList<>();
        for (CapaAction a : capa.getActions()) {
            if (a.getStatus() == ActionStatus.DONE && a.getCompletionEvidence().isEmpty()) {
                open.add("'" + a.getDescription() + "' is done but has no completion evidence");
            } else if (a.getStatus() != ActionStatus.DONE && a.getStatus() != ActionStatus.CANCELLED) {
                open.add("'" + a.getDescription() + "' is " + a.getStatus());
            }
        }
        if (capa.getActions().stream().noneMatch(a -> a.getKind() == ActionKind.CORRECTIVE
                && a.getStatus() == ActionStatus.DONE)) {
            open.add("no corrective action is done");
        }
        return open.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", open));
    }

    /**
     * In progress → Implemented, once every action is done (with its evidence) or cancelled: sets the day, and the
     * effectiveness check's due date from the settings unless one is set.
     */
    public Capa markImplemented(Capa capa) {
        return steps.run(markImplemented, capa);
    }

    private Effect implemented(Capa c) {
        LocalDate today = today();
        for (CapaAction a : c.getActions()) {
            if (a.getStatus() == ActionStatus.DONE && a.getCompletedOn() == null) {
                a.setCompletedOn(day(today));
            }
        }
        c.setImplementedOn(day(today));
        if (c.getEffectivenessDue() == null) {
            c.setEffectivenessDue(day(today.plusDays(settings().getEffectivenessCheckDays())));
        }
        return Effect.NONE;
    }

    public Optional<String> whyNotBeginCheck(Capa capa) {
        return steps.whyNot(beginCheck, capa, user());
    }

    /** Implemented → Effectiveness check (the success criteria must be written). */
    public Capa beginEffectivenessCheck(Capa capa) {
        return steps.run(beginCheck, capa);
    }

    // ------------------------------------------------------------------------------------------ effectiveness

    public Optional<String> whyNotRecordEffectiveness(Capa capa) {
        return steps.whyNot(recordCheck, capa, user());
    }

    /**
     * A warning for whoever records the check's result before the check is due ("due on 2027-02-21, in 90 days"):
     * allowed, since a check may be done early, but the success criteria often need the whole period.
     */
    public Optional<String> earlyCheck(Capa capa) {
        if (capa.getEffectivenessDue() == null) {
            return Optional.empty();
        }
        LocalDate due = dayOf(capa.getEffectivenessDue());
        long days = java.time.temporal.ChronoUnit.DAYS.between(today(), due);
        return days <= 0 ? Optional.empty() : Optional.of("The check is due on " + due + ", in " + days + " day"
                + (days == 1 ? "" : "s") + ": a result recorded now may not cover the period its success criteria"
                + " need.");
    }

    /** Records the check's result and evidence in a sign-off that waits for the verifier's signature. */
    public EffectivenessVerification recordEffectiveness(Capa capa, EffectivenessResult result, String note,
            List<EvidenceFile> evidence) {
        Objects.requireNonNull(result, "result");
        StringBuilder s = new StringBuilder("Effectiveness check of ").append(name(capa)).append('\n')
                .append("Success criteria: ").append(capa.getSuccessCriteria()).append('\n')
                .append("Result: ").append(result.getLiteral()).append('\n');
        if (!blank(note)) {
            s.append("Finding of the check: ").append(note.strip()).append('\n');
        }
        for (EvidenceFile e : evidence) {
            s.append("Evidence: ").append(e.getName()).append(" (SHA-256 ").append(e.getSha256()).append(")\n");
        }
        return steps.<EffectivenessVerification>request(recordCheck, capa, "Effectiveness check of " + name(capa)
                + ": " + result.getLiteral(), s.toString(), v -> {
                    v.setResult(result);
                    v.getEvidence().addAll(evidence);
                });
    }

    public Optional<String> whyNotVerifyEffectiveness(Capa capa, String userId) {
        return steps.whyNot(verify, capa, userId);
    }

    /**
     * Signs the recorded result ("Verified"). Effective: the CAPA may be closed. Ineffective: the CAPA is reopened
     * (status Open, a new plan is needed and approved again). Inconclusive: the check is to be repeated.
     */
    public Capa verifyEffectiveness(Capa capa, String userId, char[] password) {
        return steps.sign(verify, capa, userId, password);
    }

    private static Effect verified(Capa c, EffectivenessVerification v) {
        c.setEffectivenessResult(v.getResult());
        if (v.getResult() == EffectivenessResult.INEFFECTIVE) {
            c.setStatus(CapaStatus.OPEN);
            c.setReopened(c.getReopened() + 1);
            c.setImplementedOn(null);
            c.setEffectivenessDue(null);
        }
        return Effect.of(c);
    }

    // ------------------------------------------------------------------------------------------ closure

    public Optional<String> whyNotRequestClosure(Capa capa) {
        return steps.whyNot(requestClosure, capa, user());
    }

    private static String notEffective(Capa c) {
        return "its effectiveness is not verified as Effective (status " + c.getStatus() + ")";
    }

    /** Requests closure: writes the CAPA's summary into a sign-off that waits for the approver's signature. */
    public ClosureApproval requestClosure(Capa capa) {
        return steps.request(requestClosure, capa);
    }

    /**
     * What a closure approval of the CAPA approves now: the plan, when it was implemented, the signatures of its
     * steps, and the findings closed with it ({@link #closedWith}).
     */
    private String closure(Capa c) {
        StringBuilder s = new StringBuilder(plan(c));
        s.append("Implemented on: ").append(text(c.getImplementedOn())).append('\n');
        for (SignOff o : signOffs(c)) {
            signature(o).ifPresent(sig -> s.append(o.getTitle()).append(": ").append(sig.describe()).append('\n'));
        }
        for (Finding f : closedWith(c)) {
            s.append("Closes the finding: ").append(Records.label(f)).append(f.getReference() == null ? ""
                    : " (" + f.getReference() + ")").append('\n');
        }
        return s.toString();
    }

    public Optional<String> whyNotApproveClosure(Capa capa, String userId) {
        return steps.whyNot(approveClosure, capa, userId);
    }

    /** Signs the closure ("Approved") and closes the CAPA and the findings it closes. */
    public Capa approveClosure(Capa capa, String userId, char[] password) {
        return steps.sign(approveClosure, capa, userId, password);
    }

    private Effect closed(Capa c, String approver) {
        List<Finding> closing = closedWith(c);
        c.setClosedOn(day(today()));
        closing.forEach(f -> f.setStatus(FindingStatus.CLOSED));
        return new Effect(closing, closing.isEmpty() ? null : "Closed with " + capa(c) + ", its closure approved by "
                + approver);
    }

    // ------------------------------------------------------------------------------------------ the findings

    /** The findings the CAPA addresses (linked to them "addresses"), read whole. */
    public List<Finding> findings(Capa capa) {
        List<Finding> result = new ArrayList<>();
        for (Link l : store.links(capa.getId(), LinkDirection.OUTGOING)) {
            if (CapaModelContribution.ADDRESSES.equals(l.getType()) && l.getTarget() instanceof Finding f) {
                result.add((Finding) store.get(f.getId()));
            }
        }
        return result;
    }

    /**
     * The findings closing the CAPA closes: those it addresses that are not closed and that no other CAPA still open
     * addresses. Named in the closure request, so the approver signs for them too.
     */
    public List<Finding> closedWith(Capa capa) {
        List<Finding> result = new ArrayList<>();
        for (Finding f : findings(capa)) {
            boolean othersOpen = store.links(f.getId(), LinkDirection.INCOMING).stream().anyMatch(l ->
                    CapaModelContribution.ADDRESSES.equals(l.getType()) && l.getSource() instanceof Capa other
                            && !other.getId().equals(capa.getId()) && other.getStatus() != CapaStatus.CLOSED);
            if (f.getStatus() != FindingStatus.CLOSED && !othersOpen) {
                result.add(f);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------ extensions

    /** Why no due-date extension can be requested now (the CAPA is closed), or empty. */
    public Optional<String> whyNotRequestExtension(Capa capa) {
        return steps.whyNot(requestExtension, capa, user());
    }

    /**
     * Requests that a due date move to {@code newDue}: the CAPA's, an action's ({@code action} names it) or the
     * effectiveness check's. The reason is required; the date changes only once an approver signs.
     */
    public DueDateExtension requestExtension(Capa capa, ExtendedDate which, CapaAction action, LocalDate newDue,
            String reason) {
        return new CapaExtensions(this).request(capa, which, action, newDue, reason);
    }

    public Optional<String> whyNotApproveExtension(Capa capa, DueDateExtension x, String userId) {
        return steps.whyNot(approveExtension, capa, x, userId);
    }

    /** Signs the extension ("Approved") and moves the due date; the extension stays as its history. */
    public Capa approveExtension(Capa capa, DueDateExtension extension, String userId, char[] password) {
        return steps.sign(approveExtension, capa, extension, userId, password);
    }

    /** The due-date extensions of a CAPA, oldest first, approved or not. */
    public List<DueDateExtension> extensions(Capa capa) {
        return signOffs(capa).stream().filter(DueDateExtension.class::isInstance).map(DueDateExtension.class::cast)
                .toList();
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Whether a verified effectiveness check found the CAPA Effective (the result is unset until one does). */
    public static boolean isEffective(Capa c) {
        return c.isSetEffectivenessResult() && c.getEffectivenessResult() == EffectivenessResult.EFFECTIVE;
    }

    /** The plan as a sign-off states it: everything an approver approves, in a fixed order. */
    public static String plan(Capa c) {
        // "CAPA-2026-007 'Quarterly restoration tests'", not "CAPA CAPA-2026-007 …"; a plan submitted with the
        // older first line reads as changed, and is submitted again
        StringBuilder s = new StringBuilder(capa(c)).append('\n');
        s.append("Owner: ").append(c.getOwner() == null ? "" : person(c.getOwner())).append('\n');
        s.append("Due: ").append(text(c.getDueDate())).append('\n');
        if (!blank(c.getDescription())) {
            s.append("Description: ").append(c.getDescription().strip()).append('\n');
        }
        s.append("Root-cause method: ").append(c.isSetRootCauseMethod() ? c.getRootCauseMethod().getLiteral() : "")
                .append('\n');
        int n = 1;
        for (WhyStep w : c.getWhys()) {
            s.append("Why ").append(n++).append(": ").append(w.getQuestion()).append(" \u2192 ").append(w.getAnswer())
                    .append('\n');
        }
        for (FishboneCause f : c.getCauses()) {
            s.append("Cause (").append(f.isSetCategory() ? f.getCategory().getLiteral() : "").append("): ")
                    .append(f.getDescription()).append('\n');
        }
        s.append("Root cause: ").append(c.getRootCause() == null ? "" : c.getRootCause().strip()).append('\n');
        if (!c.getSystemicRootCauses().isEmpty()) {
            s.append("Systemic root causes: ").append(c.getSystemicRootCauses().stream().map(x -> x.getLiteral())
                    .collect(Collectors.joining("; "))).append('\n');
        }
        for (CapaAction a : c.getActions()) {
            s.append(a.isSetKind() ? a.getKind().getLiteral() : "").append(" action: ").append(a.getDescription())
                    .append(" \u2014 owner ").append(a.getOwner() == null ? "" : person(a.getOwner()))
                    .append(", due ").append(text(a.getDue())).append(a.getStatus() == ActionStatus.CANCELLED
                            ? " (cancelled)" : "").append('\n');
        }
        if (!blank(c.getSuccessCriteria())) {
            s.append("Success criteria: ").append(c.getSuccessCriteria().strip()).append('\n');
        }
        return s.toString();
    }

    private static String ownerId(Capa c) {
        return c.getOwner() == null ? null : c.getOwner().getUserId();
    }

    /** "CAPA-2026-007 'Title'" for a reference that says CAPA, "CAPA 7 'Title'" or "CAPA 'Title'" otherwise. */
    static String capa(Capa c) {
        String name = name(c);
        return name.regionMatches(true, 0, "CAPA", 0, 4) ? name : "CAPA " + name;
    }

    static String name(Capa c) {
        return blank(c.getReference()) ? "'" + c.getTitle() + "'" : c.getReference() + " '" + c.getTitle() + "'";
    }

    private static String person(UserAccount u) {
        return (u.getFullName() == null ? "" : u.getFullName() + " ") + "(" + u.getUserId() + ")";
    }

    static Date day(LocalDate d) {
        return Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static LocalDate dayOf(Date d) {
        return LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC);
    }

    static String text(Date d) {
        return d == null ? "(none)" : dayOf(d).toString();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
