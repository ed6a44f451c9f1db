package qms.core.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.emf.common.util.Enumerator;

import qms.core.IncomingReference;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.core.lifecycle.Transition.Attempt;
import qms.core.lifecycle.Transition.Effect;
import qms.core.lifecycle.Transition.Kind;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.SignOff;

/**
 * Runs a {@link Lifecycle} over a store: says why a step may not be taken now (or that it may), takes it, and reads a
 * record's sign-offs. Every refusal is a sentence — "Cannot approve the plan of CAPA-2026-007 'Quarterly restoration
 * tests': the plan was changed after it was submitted; submit it again. Nothing was changed." — and nothing is
 * written when a step is refused.
 * <p>
 * The steps work on the record given, as a form shows it (saved and unchanged): its state moves in that object and is
 * saved, so a form shows it at once; if someone else saved the record meanwhile, the store refuses the save. A
 * signature is made first (the signer's password, role and the meaning's separation of duties are checked by the
 * core's signatures); the record moves only once it is made.
 */
public final class ControlledLifecycle<T extends Record> {

    private final RecordStore store;
    private final Clock clock;
    private final Lifecycle<T> lifecycle;

    public ControlledLifecycle(RecordStore store, Clock clock, Lifecycle<T> lifecycle) {
        this.store = store;
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    public Lifecycle<T> lifecycle() {
        return lifecycle;
    }

    public RecordStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** Today, as due dates count days (UTC calendar days). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------------------------------ reading

    /** The record's sign-offs, oldest first. */
    public List<SignOff> signOffs(T subject) {
        List<SignOff> result = new ArrayList<>();
        for (IncomingReference r : store.incomingReferences(subject.getId())) {
            if (r.source() instanceof SignOff s && r.reference() == QmsPackage.Literals.SIGN_OFF__SUBJECT) {
                result.add(s);
            }
        }
        result.sort(Comparator.comparing(SignOff::getRequestedAt));
        return result;
    }

    /** The intact signature of the sign-off's meaning, if it was signed. */
    public Optional<SignatureCheck> signature(SignOff s) {
        return store.signatures().signatures(s.getId()).stream().filter(c -> c.intact() && c.signature()
                .getMeaning().equalsIgnoreCase(s.getMeaning())).findFirst();
    }

    /** Whether the sign-off carries an intact signature of its meaning. */
    public boolean isSigned(SignOff s) {
        return signature(s).isPresent();
    }

    /**
     * Whether a sign-off that was never signed was replaced by a later request for the same signing step (what was to
     * be signed changed and was asked for again): it waits for nobody, and stays as written. Only for signing steps
     * declared {@link Transition#resubmittable()}. {@code all}: the record's sign-offs, {@code s} among them.
     */
    public boolean superseded(SignOff s, List<SignOff> all) {
        return superseded(s, all, this::isSigned);
    }

    private boolean superseded(SignOff s, List<SignOff> all, Predicate<SignOff> signed) {
        Optional<Transition<T>> signing = lifecycle.signing(s.getStep());
        if (signing.isEmpty() || !signing.get().resubmittable() || signed.test(s)) {
            return false;
        }
        return all.subList(all.indexOf(s) + 1, all.size()).stream().anyMatch(o -> s.getStep().equals(o.getStep()));
    }

    /** The newest sign-off for the signing step that was neither signed nor superseded, if any. */
    public Optional<SignOff> pending(T subject, Transition<T> signing) {
        List<SignOff> all = signOffs(subject);
        for (int i = all.size() - 1; i >= 0; i--) {
            SignOff s = all.get(i);
            if (signing.name().equals(s.getStep()) && !isSigned(s) && !superseded(s, all)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The sign-offs that wait for a signature now: neither signed nor superseded, and the record is in a state its
     * signing step starts from (a review request of a version sent back to draft waits for nobody).
     */
    public List<SignOff> waiting(T subject) {
        return waiting(subject, signOffs(subject), this::isSigned);
    }

    /**
     * As {@link #waiting(Record)}, for lists of many records read at once (a tasks view over every SOP): {@code all} are
     * the record's sign-offs, oldest first, and {@code signed} says which carry a signature of their meaning.
     */
    public List<SignOff> waiting(T subject, List<SignOff> all, Predicate<SignOff> signed) {
        List<SignOff> result = new ArrayList<>();
        for (SignOff s : all) {
            Optional<Transition<T>> signing = lifecycle.signing(s.getStep());
            if (signing.isPresent() && lifecycle.ended(subject).isEmpty() && signing.get().startsFrom(lifecycle
                    .state(subject)) && !signed.test(s) && !superseded(s, all, signed)) {
                result.add(s);
            }
        }
        return result;
    }

    /** "Open → [ Plan approved ] → In progress → …": the states with the record's own marked. */
    public String track(T subject) {
        StringBuilder b = new StringBuilder();
        Enumerator now = lifecycle.state(subject);
        for (Enumerator s : lifecycle.states()) {
            b.append(b.length() == 0 ? "" : "  \u2192  ").append(s == now ? "[ " + s.getLiteral() + " ]" : s
                    .getLiteral());
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------ may it?

    /**
     * Why {@code userId} may not take the step on the record now, or empty if the step may be taken (a signature's
     * password is checked when signing). For a signature, of the sign-off that waits for it.
     */
    public Optional<String> whyNot(Transition<T> step, T subject, String userId) {
        return whyNot(step, subject, null, userId);
    }

    /** As {@link #whyNot(Transition, Object, String)}, for signing a given sign-off (null: the one that waits). */
    public Optional<String> whyNot(Transition<T> step, T subject, SignOff which, String userId) {
        return whyNot(step, subject, which, userId, true);
    }

    /**
     * With {@code signatureRules}, also what the signature's meaning would refuse; signing leaves that to the store,
     * which refuses it with an {@link qms.core.AccessDeniedException} and audits the denial.
     */
    private Optional<String> whyNot(Transition<T> step, T subject, SignOff which, String userId,
            boolean signatureRules) {
        requireDeclared(step);
        Optional<String> ended = lifecycle.ended(subject);
        if (ended.isPresent()) {
            return ended;
        }
        if (!step.startsFrom(lifecycle.state(subject))) {
            return Optional.of(step.wrongState(subject, lifecycle.state(subject)));
        }
        SignOff signOff = which;
        if (step.kind() == Kind.REQUEST && !step.manyWaiting()) {
            Transition<T> signing = step.signedBy();
            Optional<SignOff> waits = signing.startsFrom(lifecycle.state(subject)) ? pending(subject, signing)
                    : Optional.empty();
            String now = signing.statement(subject);
            if (waits.isPresent() && (!signing.resubmittable() || now == null || now.equals(waits.get()
                    .getStatement()))) {
                return Optional.of(step.waiting());
            }
        } else if (step.kind() == Kind.SIGN) {
            if (signOff != null && isSigned(signOff)) {
                return Optional.of(step.signedAlready());
            }
            if (signOff == null) {
                Optional<SignOff> waits = pending(subject, step);
                if (waits.isEmpty()) {
                    return Optional.of(step.none());
                }
                signOff = waits.get();
            }
            String now = step.statement(subject);
            if (step.stale() != null && now != null && !now.equals(signOff.getStatement())) {
                return Optional.of(step.stale());
            }
            Optional<String> excluded = step.excludes(subject, userId);
            if (excluded.isPresent()) {
                return excluded;
            }
        }
        Optional<String> guard = step.guard(new Attempt<>(subject, userId, signOff));
        if (guard.isPresent() || step.kind() != Kind.SIGN || !signatureRules) {
            return guard;
        }
        // what the signature itself would refuse (the meaning's roles, not by who wrote the sign-off), said now
        return store.signatures().refusal(signOff.getId(), userId, step.meaning()).map(r -> userId
                + " may not sign \u201c" + step.meaning() + "\u201d: " + r);
    }

    // ------------------------------------------------------------------------------------------ do it

    /** Set while a step saves what it changed: the status may move then ({@link LifecycleStatusRule}). */
    private static final ThreadLocal<Boolean> STEPPING = new ThreadLocal<>();

    /** Whether the current thread is saving a lifecycle step. */
    static boolean inStep() {
        return Boolean.TRUE.equals(STEPPING.get());
    }

    private void saveInStep(List<Record> records, String reason) {
        Boolean outer = STEPPING.get();
        STEPPING.set(Boolean.TRUE);
        try {
            store.save(records, reason);
        } finally {
            if (outer == null) {
                STEPPING.remove();
            }
        }
    }

    /** Takes a step without a signature: moves the record (and saves what the step's effect changes). */
    public T run(Transition<T> step, T subject) {
        if (step.kind() != Kind.DIRECT) {
            throw new IllegalArgumentException("'" + step.name() + "' is a " + step.kind() + " step");
        }
        String user = user();
        refuseIf(step, subject, whyNot(step, subject, user));
        move(step, new Attempt<>(subject, user, null));
        return subject;
    }

    /** Requests the signing step it asks for: writes its sign-off with the signing step's title and statement. */
    public <S extends SignOff> S request(Transition<T> step, T subject) {
        Transition<T> signing = step.signedBy();
        return request(step, subject, signing.title(subject), signing.statement(subject), s -> {
        });
    }

    /**
     * Requests the signing step it asks for with a title and statement of the caller's (a due-date extension says
     * which date moves where); {@code details} sets the sign-off class's own attributes before it is saved.
     */
    public <S extends SignOff> S request(Transition<T> step, T subject, String title, String statement,
            Consumer<S> details) {
        if (step.kind() != Kind.REQUEST) {
            throw new IllegalArgumentException("'" + step.name() + "' is a " + step.kind() + " step");
        }
        String user = user();
        refuseIf(step, subject, whyNot(step, subject, user));
        S s = newSignOff(step, subject, title, statement);
        details.accept(s);
        Attempt<T> attempt = new Attempt<>(subject, user, s);
        List<Record> changed = new ArrayList<>(List.of(s));
        if (step.to() != null) {
            subject.eSet(lifecycle.statusAttribute(), step.to());
            changed.add(subject);
        }
        Effect effect = step.effect(attempt);
        changed.addAll(effect.records());
        saveInStep(distinct(changed), effect.reason());
        return s;
    }

    /**
     * A sign-off for the signing step a request asks for, written by the signed-in user now, not saved: for a step
     * whose effect asks for the next signature (a reviewed SOP version waits for its approval).
     */
    public <S extends SignOff> S newSignOff(Transition<T> request, T subject) {
        Transition<T> signing = request.signedBy();
        return newSignOff(request, subject, signing.title(subject), signing.statement(subject));
    }

    private <S extends SignOff> S newSignOff(Transition<T> request, T subject, String title, String statement) {
        if (request.kind() != Kind.REQUEST) {
            throw new IllegalArgumentException("'" + request.name() + "' is a " + request.kind() + " step");
        }
        S s = Records.newRecord(request.signOffClass());
        s.setTitle(title);
        s.setSubject(subject);
        s.setStep(request.signedBy().name());
        s.setMeaning(request.meaning());
        s.setRequestedBy(user());
        s.setRequestedAt(Date.from(clock.instant()));
        s.setStatement(statement);
        return s;
    }

    /** Signs the sign-off that waits for the step ({@code password}: the signer's), then moves the record. */
    public T sign(Transition<T> step, T subject, String userId, char[] password) {
        return sign(step, subject, null, userId, password);
    }

    /** Signs a given sign-off for the step (null: the one that waits), then moves the record. */
    public T sign(Transition<T> step, T subject, SignOff which, String userId, char[] password) {
        if (step.kind() != Kind.SIGN) {
            throw new IllegalArgumentException("'" + step.name() + "' is a " + step.kind() + " step");
        }
        SignOff signOff = which == null ? pending(subject, step).orElse(null) : (SignOff) store.get(which.getId());
        refuseIf(step, subject, whyNot(step, subject, signOff, userId, false));
        store.signatures().sign(signOff.getId(), userId, password, step.meaning());
        move(step, new Attempt<>(subject, userId, signOff));
        return subject;
    }

    /** Moves the record to the step's state, then applies the step's effect (which may move it on), and saves. */
    private void move(Transition<T> step, Attempt<T> attempt) {
        List<Record> changed = new ArrayList<>();
        if (step.to() != null) {
            attempt.subject().eSet(lifecycle.statusAttribute(), step.to());
            changed.add(attempt.subject());
        }
        Effect effect = step.effect(attempt);
        changed.addAll(effect.records());
        if (!changed.isEmpty()) {
            saveInStep(distinct(changed), effect.reason());
        }
    }

    /** Throws the refusal as a sentence, if there is one. */
    public void refuseIf(Transition<T> step, T subject, Optional<String> refusal) {
        if (refusal.isPresent()) {
            throw new StepRefusedException("Cannot " + step.verb() + " " + lifecycle.name(subject) + ": "
                    + refusal.get() + ". Nothing was changed.");
        }
    }

    private void requireDeclared(Transition<T> step) {
        if (!lifecycle.transitions().contains(step)) {
            throw new IllegalArgumentException("'" + step.name() + "' is not a step of this lifecycle");
        }
    }

    private String user() {
        if (store.principal() == null) {
            throw new qms.core.AccessDeniedException("Nobody is signed in: sign in before taking a lifecycle step");
        }
        return store.principal().userId();
    }

    private static List<Record> distinct(List<Record> records) {
        Map<Record, Boolean> seen = new IdentityHashMap<>();
        List<Record> result = new ArrayList<>();
        for (Record r : records) {
            if (seen.put(r, Boolean.TRUE) == null) {
                result.add(r);
            }
        }
        return result;
    }
}
