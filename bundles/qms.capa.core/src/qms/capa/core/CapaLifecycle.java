package qms.capa.core;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EClass;

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
import qms.capa.model.SignOff;
import qms.capa.model.WhyStep;
import qms.core.IncomingReference;
import qms.core.LinkDirection;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingStatus;
import qms.model.Link;
import qms.model.UserAccount;

/**
 * The CAPA lifecycle: Open → Plan approved → In progress → Implemented → Effectiveness check → Closed, or back to
 * Open when the effectiveness check is Ineffective. Every signed step is a {@link SignOff} record: someone requests
 * it (the plan is submitted, a check's result is recorded, closure or a due-date extension is requested), which
 * writes what is to be approved; then someone else signs it, and only then does the CAPA move. The signature binds
 * the sign-off, which never changes, so it stays intact however the CAPA is worked on afterwards.
 * <p>
 * The steps work on the CAPA given, as a form shows it (saved and unchanged): the state moves in that object and is
 * saved, so the form shows it at once; if someone else saved the CAPA in the meantime, the store refuses the save.
 * <p>
 * Separation of duties: the plan, closure and extension approvers ("Approved", a QA Manager who did not write the
 * sign-off) and the effectiveness verifier ("Verified") must not be the CAPA's owner, unless the CAPA Settings
 * allow it. Every refusal says why, and nothing is written.
 */
public final class CapaLifecycle {

    /** The signature meanings of the steps (the core's defaults). */
    public static final String APPROVED = "Approved";
    public static final String VERIFIED = "Verified";

    private final RecordStore store;
    private final Clock clock;

    public CapaLifecycle(RecordStore store) {
        this(store, Clock.systemUTC());
    }

    public CapaLifecycle(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** The CAPA's sign-offs, oldest first. */
    public List<SignOff> signOffs(Capa capa) {
        List<SignOff> result = new ArrayList<>();
        for (IncomingReference r : store.incomingReferences(capa.getId())) {
            if (r.source() instanceof SignOff s && r.reference() == CapaPackage.Literals.SIGN_OFF__CAPA) {
                result.add(s);
            }
        }
        result.sort(Comparator.comparing(SignOff::getRequestedAt));
        return result;
    }

    /** The meaning a sign-off is signed with. */
    public static String meaning(SignOff s) {
        return s instanceof EffectivenessVerification ? VERIFIED : APPROVED;
    }

    /** Whether the sign-off carries an intact signature of its meaning. */
    public boolean isSigned(SignOff s) {
        return signature(s).isPresent();
    }

    /** The intact signature of the sign-off's meaning, if it was signed. */
    public Optional<SignatureCheck> signature(SignOff s) {
        return store.signatures().signatures(s.getId()).stream().filter(c -> c.intact() && c.signature()
                .getMeaning().equalsIgnoreCase(meaning(s))).findFirst();
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
        if (!(s instanceof PlanApproval || s instanceof ClosureApproval) || isSigned(s)) {
            return false;
        }
        return all.subList(all.indexOf(s) + 1, all.size()).stream().anyMatch(o -> o.eClass() == s.eClass());
    }

    /** The CAPA Settings (the first record; the defaults if there is none). */
    public CapaSettings settings() {
        List<qms.model.Record> all = store.list(Query.of(CapaPackage.Literals.CAPA_SETTINGS).page(0, 1));
        return all.isEmpty() ? Records.newRecord(CapaPackage.Literals.CAPA_SETTINGS) : (CapaSettings) all.get(0);
    }

    /** Today, as the due dates count days (UTC calendar days). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------------------------------ the plan

    /** The reason every step but a look at the history gives once the CAPA is closed. */
    private static final String CLOSED_ALREADY = "it is closed";

    /** Why the plan cannot be submitted for approval now, or empty if it can. */
    public Optional<String> whyNotSubmitPlan(Capa capa) {
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of(CLOSED_ALREADY);
        }
        List<String> missing = new ArrayList<>();
        if (capa.getStatus() != CapaStatus.OPEN) {
            return Optional.of("its plan is approved already (status " + capa.getStatus() + ")");
        }
        if (pending(capa, PlanApproval.class).filter(p -> p.getStatement().equals(plan(capa))).isPresent()) {
            return Optional.of("its plan was submitted already and waits for approval");
        } // a plan changed after it was submitted is submitted again
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
        Capa c = capa;
        refuseIf(c, "submit the plan of", whyNotSubmitPlan(c));
        PlanApproval p = signOff(CapaPackage.Literals.PLAN_APPROVAL, c, "Plan approval of " + name(c), plan(c));
        store.save(p, null);
        return p;
    }

    /** Why {@code userId} cannot approve the CAPA's plan now, or empty (the password is checked when signing). */
    public Optional<String> whyNotApprovePlan(Capa capa, String userId) {
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of(CLOSED_ALREADY);
        }
        if (capa.getStatus() != CapaStatus.OPEN) {
            return Optional.of("its status is " + capa.getStatus() + ", not Open");
        }
        Optional<PlanApproval> p = pending(capa, PlanApproval.class);
        if (p.isEmpty()) {
            return Optional.of("no plan was submitted for approval");
        }
        if (!plan(capa).equals(p.get().getStatement())) {
            return Optional.of("the plan was changed after it was submitted; submit it again");
        }
        return independent(capa, userId, settings().isIndependentApprover(), "approve its plan");
    }

    /** Signs the submitted plan ("Approved") and moves the CAPA to Plan approved. */
    public Capa approvePlan(Capa capa, String userId, char[] password) {
        Capa c = capa;
        refuseIf(c, "approve the plan of", whyNotApprovePlan(c, userId));
        store.signatures().sign(pending(c, PlanApproval.class).orElseThrow().getId(), userId, password, APPROVED);
        c.setStatus(CapaStatus.PLAN_APPROVED);
        List<qms.model.Record> changed = new ArrayList<>(List.of(c));
        for (Finding f : findings(c)) { // their CAPA is under way now
            if (f.getStatus() == FindingStatus.OPEN || f.getStatus() == FindingStatus.RESPONSE_DUE) {
                f.setStatus(FindingStatus.CAPA_IN_PROGRESS);
                changed.add(f);
            }
        }
        store.save(changed, null);
        return c;
    }

    // ------------------------------------------------------------------------------------------ the work

    public Optional<String> whyNotStart(Capa capa) {
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of(CLOSED_ALREADY);
        }
        return capa.getStatus() == CapaStatus.PLAN_APPROVED ? Optional.empty()
                : Optional.of(capa.getStatus() == CapaStatus.OPEN ? "its plan is not approved (status Open)"
                        : "its status is " + capa.getStatus() + ", not Plan approved");
    }

    /** Plan approved → In progress. */
    public Capa start(Capa capa) {
        Capa c = capa;
        refuseIf(c, "start", whyNotStart(c));
        c.setStatus(CapaStatus.IN_PROGRESS);
        store.save(c, null);
        return c;
    }

    public Optional<String> whyNotImplemented(Capa capa) {
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of(CLOSED_ALREADY);
        }
        if (capa.getStatus() != CapaStatus.IN_PROGRESS) {
            return Optional.of("its status is " + capa.getStatus() + ", not In progress");
        }
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
        Capa c = capa;
        refuseIf(c, "mark as implemented", whyNotImplemented(c));
        LocalDate today = today();
        for (CapaAction a : c.getActions()) {
            if (a.getStatus() == ActionStatus.DONE && a.getCompletedOn() == null) {
                a.setCompletedOn(day(today));
            }
        }
        c.setStatus(CapaStatus.IMPLEMENTED);
        c.setImplementedOn(day(today));
        if (c.getEffectivenessDue() == null) {
            c.setEffectivenessDue(day(today.plusDays(settings().getEffectivenessCheckDays())));
        }
        store.save(c, null);
        return c;
    }

    public Optional<String> whyNotBeginCheck(Capa capa) {
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of(CLOSED_ALREADY);
        }
        if (capa.getStatus() != CapaStatus.IMPLEMENTED) {
            return Optional.of("its status is " + capa.getStatus() + ", not Implemented");
        }
        return blank(capa.getSuccessCriteria()) ? Optional.of("its success criteria are not written") : Optional.empty();
    }

    /** Implemented → Effectiveness check (the success criteria must be written). */
    public Capa beginEffectivenessCheck(Capa capa) {
        Capa c = capa;
        refuseIf(c, "begin the effectiveness check of", whyNotBeginCheck(c));
        c.setStatus(CapaStatus.EFFECTIVENESS_CHECK);
        c.unsetEffectivenessResult();
        store.save(c, null);
        return c;
    }

    // ------------------------------------------------------------------------------------------ effectiveness

    public Optional<String> whyNotRecordEffectiveness(Capa capa) {
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of(CLOSED_ALREADY);
        }
        if (capa.getStatus() != CapaStatus.EFFECTIVENESS_CHECK) {
            return Optional.of("its status is " + capa.getStatus() + ", not Effectiveness check");
        }
        if (isEffective(capa)) {
            return Optional.of("it was verified effective already");
        }
        return pending(capa, EffectivenessVerification.class).isPresent()
                ? Optional.of("a check result waits for its verification")
                : Optional.empty();
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
        Capa c = capa;
        refuseIf(c, "record the effectiveness check of", whyNotRecordEffectiveness(c));
        StringBuilder s = new StringBuilder("Effectiveness check of ").append(name(c)).append('\n')
                .append("Success criteria: ").append(c.getSuccessCriteria()).append('\n')
                .append("Result: ").append(result.getLiteral()).append('\n');
        if (!blank(note)) {
            s.append("Finding of the check: ").append(note.strip()).append('\n');
        }
        for (EvidenceFile e : evidence) {
            s.append("Evidence: ").append(e.getName()).append(" (SHA-256 ").append(e.getSha256()).append(")\n");
        }
        EffectivenessVerification v = signOff(CapaPackage.Literals.EFFECTIVENESS_VERIFICATION, c,
                "Effectiveness check of " + name(c) + ": " + result.getLiteral(), s.toString());
        v.setResult(result);
        v.getEvidence().addAll(evidence);
        store.save(v, null);
        return v;
    }

    public Optional<String> whyNotVerifyEffectiveness(Capa capa, String userId) {
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of(CLOSED_ALREADY);
        }
        if (capa.getStatus() != CapaStatus.EFFECTIVENESS_CHECK) {
            return Optional.of("its status is " + capa.getStatus() + ", not Effectiveness check");
        }
        if (pending(capa, EffectivenessVerification.class).isEmpty()) {
            return Optional.of("no check result waits for verification");
        }
        return independent(capa, userId, settings().isIndependentVerifier(), "verify its effectiveness");
    }

    /**
     * Signs the recorded result ("Verified"). Effective: the CAPA may be closed. Ineffective: the CAPA is reopened
     * (status Open, a new plan is needed and approved again). Inconclusive: the check is to be repeated.
     */
    public Capa verifyEffectiveness(Capa capa, String userId, char[] password) {
        Capa c = capa;
        refuseIf(c, "verify the effectiveness of", whyNotVerifyEffectiveness(c, userId));
        EffectivenessVerification v = pending(c, EffectivenessVerification.class).orElseThrow();
        store.signatures().sign(v.getId(), userId, password, VERIFIED);
        c.setEffectivenessResult(v.getResult());
        if (v.getResult() == EffectivenessResult.INEFFECTIVE) {
            c.setStatus(CapaStatus.OPEN);
            c.setReopened(c.getReopened() + 1);
            c.setImplementedOn(null);
            c.setEffectivenessDue(null);
        }
        store.save(c, null);
        return c;
    }

    // ------------------------------------------------------------------------------------------ closure

    public Optional<String> whyNotRequestClosure(Capa capa) {
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of(CLOSED_ALREADY);
        }
        if (capa.getStatus() != CapaStatus.EFFECTIVENESS_CHECK || !isEffective(capa)) {
            return Optional.of("its effectiveness is not verified as Effective (status " + capa.getStatus() + ")");
        }
        // requested again if what it closes changed since (another CAPA for one of its findings opened or closed)
        return pending(capa, ClosureApproval.class).filter(p -> p.getStatement().equals(closure(capa))).isPresent()
                ? Optional.of("closure was requested already") : Optional.empty();
    }

    /** Requests closure: writes the CAPA's summary into a sign-off that waits for the approver's signature. */
    public ClosureApproval requestClosure(Capa capa) {
        Capa c = capa;
        refuseIf(c, "request closure of", whyNotRequestClosure(c));
        ClosureApproval a = signOff(CapaPackage.Literals.CLOSURE_APPROVAL, c, "Closure of " + name(c), closure(c));
        store.save(a, null);
        return a;
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
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of("it is closed already");
        }
        Optional<ClosureApproval> requested = pending(capa, ClosureApproval.class);
        if (requested.isEmpty()) {
            return Optional.of("closure was not requested");
        }
        if (!requested.get().getStatement().equals(closure(capa))) { // what would be signed is not what closes
            return Optional.of("the CAPA or the findings it closes changed after closure was requested (another CAPA"
                    + " for one of its findings opened or closed); request closure again");
        }
        return independent(capa, userId, settings().isIndependentApprover(), "approve its closure");
    }

    /** Signs the closure ("Approved") and closes the CAPA. */
    public Capa approveClosure(Capa capa, String userId, char[] password) {
        Capa c = capa;
        refuseIf(c, "close", whyNotApproveClosure(c, userId));
        List<Finding> closing = closedWith(c);
        store.signatures().sign(pending(c, ClosureApproval.class).orElseThrow().getId(), userId, password, APPROVED);
        c.setStatus(CapaStatus.CLOSED);
        c.setClosedOn(day(today()));
        List<qms.model.Record> changed = new ArrayList<>(List.of(c));
        closing.forEach(f -> f.setStatus(FindingStatus.CLOSED));
        changed.addAll(closing);
        store.save(changed, closing.isEmpty() ? null : "Closed with " + capa(c) + ", its closure approved by "
                + userId);
        return c;
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
        return capa.getStatus() == CapaStatus.CLOSED ? Optional.of("it is closed") : Optional.empty();
    }

    /**
     * Requests that a due date move to {@code newDue}: the CAPA's, an action's ({@code action} names it) or the
     * effectiveness check's. The reason is required; the date changes only once an approver signs.
     */
    public DueDateExtension requestExtension(Capa capa, ExtendedDate which, CapaAction action, LocalDate newDue,
            String reason) {
        Capa c = capa;
        CapaAction a = action == null ? null : c.getActions().stream().filter(x -> x.getId().equals(action.getId()))
                .findFirst().orElse(null);
        Date current = due(c, which, a);
        String what = which == ExtendedDate.ACTION_DUE && a != null ? "the due date of the action '"
                + a.getDescription() + "'" : "the " + which.getLiteral().toLowerCase(java.util.Locale.ROOT);
        Optional<String> refusal = whyNotRequestExtension(c).or(() -> {
            if (which == ExtendedDate.ACTION_DUE && a == null) {
                return Optional.of("the action to extend is not one of its actions");
            } else if (blank(reason)) {
                return Optional.of("an extension needs a reason");
            } else if (newDue == null || newDue.isBefore(today())) {
                return Optional.of("the new due date must not be in the past");
            } else if (current != null && !newDue.isAfter(dayOf(current))) {
                return Optional.of("the new due date must be after the current one, " + text(current));
            } else if (signOffs(c).stream().anyMatch(s -> s instanceof DueDateExtension x && !isSigned(x)
                    && x.getExtendedDate() == which && Objects.equals(x.getActionId(), a == null ? null : a.getId()))) {
                return Optional.of("an extension of " + what + " waits for approval already");
            }
            return Optional.empty();
        });
        refuseIf(c, "extend a due date of", refusal);
        DueDateExtension x = signOff(CapaPackage.Literals.DUE_DATE_EXTENSION, c, "Extension of " + what + " of "
                + name(c) + " to " + newDue, "Extend " + what + " of " + name(c) + " from " + text(current) + " to "
                        + newDue + ".\nReason: " + reason.strip() + "\n");
        x.setExtendedDate(which);
        x.setActionId(a == null ? null : a.getId());
        x.setPreviousDue(current);
        x.setNewDue(day(newDue));
        x.setReason(reason.strip());
        store.save(x, null);
        return x;
    }

    public Optional<String> whyNotApproveExtension(Capa capa, DueDateExtension x, String userId) {
        if (isSigned(x)) {
            return Optional.of("the extension is approved already");
        }
        if (capa.getStatus() == CapaStatus.CLOSED) {
            return Optional.of("the CAPA is closed");
        }
        CapaAction a = x.getActionId() == null ? null : capa.getActions().stream().filter(y -> y.getId().equals(
                x.getActionId())).findFirst().orElse(null);
        if (!Objects.equals(due(capa, x.getExtendedDate(), a), x.getPreviousDue())) {
            return Optional.of("the due date was changed after the extension was requested");
        }
        return independent(capa, userId, settings().isIndependentApprover(), "approve its extensions");
    }

    /** Signs the extension ("Approved") and moves the due date; the extension stays as its history. */
    public Capa approveExtension(Capa capa, DueDateExtension extension, String userId, char[] password) {
        Capa c = capa;
        DueDateExtension x = (DueDateExtension) store.get(extension.getId());
        refuseIf(c, "approve an extension of", whyNotApproveExtension(c, x, userId));
        store.signatures().sign(x.getId(), userId, password, APPROVED);
        switch (x.getExtendedDate()) {
        case CAPA_DUE -> c.setDueDate(x.getNewDue());
        case EFFECTIVENESS_DUE -> c.setEffectivenessDue(x.getNewDue());
        case ACTION_DUE -> c.getActions().stream().filter(a -> a.getId().equals(x.getActionId())).findFirst()
                .orElseThrow().setDue(x.getNewDue());
        }
        store.save(c, null);
        return c;
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

    private Optional<String> independent(Capa capa, String userId, boolean required, String what) {
        if (required && capa.getOwner() != null && userId.equals(capa.getOwner().getUserId())) {
            return Optional.of(userId + " owns the CAPA and may not " + what + " (separation of duties, CAPA"
                    + " Settings)");
        }
        return Optional.empty();
    }

    private <T extends SignOff> T signOff(EClass type, Capa capa, String title, String statement) {
        T s = Records.newRecord(type);
        s.setTitle(title);
        s.setCapa(capa);
        s.setRequestedBy(store.principal().userId());
        s.setRequestedAt(Date.from(clock.instant()));
        s.setStatement(statement);
        return s;
    }

    private static void refuseIf(Capa c, String step, Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new CapaStepRefusedException("Cannot " + step + " " + name(c) + ": " + refusal.get()
                    + ". Nothing was changed.");
        }
    }

    private static Date due(Capa c, ExtendedDate which, CapaAction a) {
        return switch (which) {
        case CAPA_DUE -> c.getDueDate();
        case EFFECTIVENESS_DUE -> c.getEffectivenessDue();
        case ACTION_DUE -> a == null ? null : a.getDue();
        };
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

    private static String text(Date d) {
        return d == null ? "(none)" : dayOf(d).toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
