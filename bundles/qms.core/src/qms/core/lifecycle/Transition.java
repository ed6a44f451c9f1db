package qms.core.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EClass;

import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.SignOff;

/**
 * One step of a {@link Lifecycle}. Three kinds:
 * <ul>
 * <li>{@link Kind#DIRECT}: moves the record from one of its {@code from} states to {@code to} (Start Work);</li>
 * <li>{@link Kind#REQUEST}: writes a {@link SignOff} that states what is to be signed and waits for the signing step
 * it asks for ({@link #signedBy}); it may move the record too (an SOP version sent to review is In Review);</li>
 * <li>{@link Kind#SIGN}: signs the waiting sign-off with the step's meaning (the signer's password is checked by the
 * core's signatures) and then moves the record (Approve Plan).</li>
 * </ul>
 * Whether a step may run is answered in this order, and the first reason found is the refusal: the record's end
 * state; its state ({@code from}); for a request, a sign-off of it that waits already; for a signature, that one
 * waits, that it still states what would be signed now, and that the signer is not excluded ({@link Builder#notBy});
 * last the module's own {@link Builder#guard}. Immutable; build with {@link #direct}, {@link #request} or
 * {@link #sign}.
 */
public final class Transition<T extends Record> {

    public enum Kind {
        DIRECT, REQUEST, SIGN
    }

    /** The step as it is attempted: on which record, by whom, and for a signature which sign-off is signed. */
    public record Attempt<T extends Record>(T subject, String userId, SignOff signOff) {
    }

    /** What a step changes besides the record's state: more records saved with it, and the audit reason. */
    public record Effect(List<? extends Record> records, String reason) {

        public static final Effect NONE = new Effect(List.of(), null);

        public Effect {
            records = List.copyOf(records);
        }

        public static Effect of(Record... records) {
            return new Effect(List.of(records), null);
        }
    }

    /** A signer the step excludes: who (by user id, null for nobody) and why, after the user id. */
    private record Exclusion<T extends Record>(Function<T, String> userId, String why) {
    }

    private final Kind kind;
    private final String name;
    private final String verb;
    private final Set<Enumerator> from;
    private final Enumerator to;
    private final Function<T, String> wrongState;
    private final Function<Attempt<T>, Optional<String>> guard;
    private final Function<Attempt<T>, Effect> effect;
    // a request
    private final Transition<T> signedBy;
    private final EClass signOffClass;
    private final String waiting;
    private final boolean manyWaiting;
    // a signature
    private final String meaning;
    private final Function<T, String> title;
    private final Function<T, String> statement;
    private final String stale;
    private final boolean resubmittable;
    private final String none;
    private final String signedAlready;
    private final List<Exclusion<T>> excluded;

    private Transition(Builder<T> b) {
        this.kind = b.kind;
        this.name = b.name;
        this.verb = b.verb;
        this.from = Set.copyOf(b.from);
        this.to = b.to;
        this.wrongState = b.wrongState;
        this.guard = b.guard;
        this.effect = b.effect;
        this.signedBy = b.signedBy;
        this.signOffClass = b.signOffClass;
        this.waiting = b.waiting;
        this.manyWaiting = b.manyWaiting;
        this.meaning = b.meaning;
        this.title = b.title;
        this.statement = b.statement;
        this.stale = b.stale;
        this.resubmittable = b.resubmittable;
        this.none = b.none;
        this.signedAlready = b.signedAlready;
        this.excluded = List.copyOf(b.excluded);
    }

    /** A step that moves the record without a signature. */
    public static <T extends Record> Builder<T> direct(String name, String verb) {
        return new Builder<>(Kind.DIRECT, name, verb);
    }

    /**
     * A step that writes a sign-off of class {@code signOffClass} (a sub-class of {@link SignOff}) for the signing step
     * {@code signedBy}, with that step's title and statement unless the caller gives its own.
     */
    public static <T extends Record> Builder<T> request(String name, String verb, Transition<T> signedBy,
            EClass signOffClass) {
        if (signedBy.kind != Kind.SIGN) {
            throw new IllegalArgumentException("'" + name + "' must ask for a signing step, not '" + signedBy.name
                    + "'");
        }
        if (!QmsPackage.Literals.SIGN_OFF.isSuperTypeOf(signOffClass) || signOffClass.isAbstract()) {
            throw new IllegalArgumentException(signOffClass.getName() + " is not a concrete sign-off class");
        }
        Builder<T> b = new Builder<>(Kind.REQUEST, name, verb);
        b.signedBy = signedBy;
        b.signOffClass = signOffClass;
        return b;
    }

    /** A step that signs a waiting sign-off with {@code meaning} (e.g. "Approved") and then moves the record. */
    public static <T extends Record> Builder<T> sign(String name, String verb, String meaning) {
        Builder<T> b = new Builder<>(Kind.SIGN, name, verb);
        b.meaning = meaning;
        return b;
    }

    public Kind kind() {
        return kind;
    }

    /** The step's name, as a button shows it and a sign-off's {@code step} records it ("Approve Plan"). */
    public String name() {
        return name;
    }

    /** What a refusal says the step would do: "Cannot <verb> <record>: …" ("approve the plan of"). */
    public String verb() {
        return verb;
    }

    /** The states the step starts from; empty: any state but an end state. */
    public Set<Enumerator> from() {
        return from;
    }

    /** The state the step moves the record to; null if it does not move it. */
    public Enumerator to() {
        return to;
    }

    /** For a request: the signing step it asks for. */
    public Transition<T> signedBy() {
        return signedBy;
    }

    /** For a request: the class of the sign-off it writes. */
    public EClass signOffClass() {
        return signOffClass;
    }

    /** For a signature, its meaning; for a request, the meaning of the signature it asks for. */
    public String meaning() {
        return kind == Kind.REQUEST ? signedBy.meaning : meaning;
    }

    /**
     * For a signature: whether a sign-off of it that was never signed is replaced by a later request of it (what is
     * to be signed changed and was asked for again), so that it waits for nobody.
     */
    public boolean resubmittable() {
        return resubmittable;
    }

    // ------------------------------------------------------------------------------------------ used by the runner

    boolean startsFrom(Enumerator state) {
        return from.isEmpty() || from.contains(state);
    }

    String wrongState(T subject, Enumerator state) {
        if (wrongState != null) {
            return wrongState.apply(subject);
        }
        List<String> names = new ArrayList<>();
        from.forEach(s -> names.add(s.getLiteral()));
        names.sort(null);
        return "its status is " + state.getLiteral() + ", not " + String.join(" or ", names);
    }

    Optional<String> guard(Attempt<T> attempt) {
        return guard == null ? Optional.empty() : guard.apply(attempt);
    }

    Effect effect(Attempt<T> attempt) {
        return effect == null ? Effect.NONE : effect.apply(attempt);
    }

    /** Whether several of its sign-offs may wait at once (the guard decides which may not). */
    boolean manyWaiting() {
        return manyWaiting;
    }

    String waiting() {
        return waiting != null ? waiting : "'" + signedBy.name + "' was asked for already and waits for its signature";
    }

    String title(T subject) {
        return title == null ? name : title.apply(subject);
    }

    /** What the signature would bind now; null if the step declares no statement (the request gives it). */
    String statement(T subject) {
        return statement == null ? null : statement.apply(subject);
    }

    /** Whether a waiting sign-off must still state what would be signed now, and what a refusal then says. */
    String stale() {
        return stale;
    }

    String none() {
        return none != null ? none : "nothing waits for '" + name + "'";
    }

    String signedAlready() {
        return signedAlready != null ? signedAlready : "it was signed already";
    }

    Optional<String> excludes(T subject, String userId) {
        for (Exclusion<T> x : excluded) {
            String who = x.userId().apply(subject);
            if (who != null && who.equals(userId)) {
                return Optional.of(userId + " " + x.why());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }

    /** Builds a {@link Transition}. */
    public static final class Builder<T extends Record> {
        private final Kind kind;
        private final String name;
        private final String verb;
        private final List<Enumerator> from = new ArrayList<>();
        private Enumerator to;
        private Function<T, String> wrongState;
        private Function<Attempt<T>, Optional<String>> guard;
        private Function<Attempt<T>, Effect> effect;
        private Transition<T> signedBy;
        private EClass signOffClass;
        private String waiting;
        private boolean manyWaiting;
        private String meaning;
        private Function<T, String> title;
        private Function<T, String> statement;
        private String stale;
        private boolean resubmittable;
        private String none;
        private String signedAlready;
        private final List<Exclusion<T>> excluded = new ArrayList<>();

        private Builder(Kind kind, String name, String verb) {
            this.kind = kind;
            this.name = name;
            this.verb = verb;
        }

        /** The states the step may start from (none given: any state but an end state). */
        public Builder<T> from(Enumerator... states) {
            from.addAll(List.of(states));
            return this;
        }

        /** The state the step moves the record to. */
        public Builder<T> to(Enumerator state) {
            this.to = state;
            return this;
        }

        /** What the refusal says when the record is in another state (default: "its status is X, not Y"). */
        public Builder<T> wrongState(Function<T, String> reason) {
            this.wrongState = reason;
            return this;
        }

        /** The module's own reasons against the step, checked last. */
        public Builder<T> guard(Function<Attempt<T>, Optional<String>> reasons) {
            this.guard = reasons;
            return this;
        }

        /** What else the step changes, saved with the record (in the same transaction). */
        public Builder<T> effect(Function<Attempt<T>, Effect> effect) {
            this.effect = effect;
            return this;
        }

        /** For a request: what its refusal says while its sign-off waits (default names the signing step). */
        public Builder<T> waiting(String refusal) {
            this.waiting = refusal;
            return this;
        }

        /**
         * For a request: several of its sign-offs may wait at once (due-date extensions of different dates); the
         * guard or the caller refuses what may not.
         */
        public Builder<T> manyWaiting() {
            this.manyWaiting = true;
            return this;
        }

        /** For a signature: the sign-off's title and what it states, written when it is requested. */
        public Builder<T> states(Function<T, String> title, Function<T, String> statement) {
            this.title = title;
            this.statement = statement;
            return this;
        }

        /**
         * For a signature: the waiting sign-off must state what would be signed now, else the step is refused with
         * {@code refusal} (the plan changed after it was submitted); with {@code resubmittable} it may then be asked
         * for again, and the older request waits for nobody.
         */
        public Builder<T> current(String refusal, boolean resubmittable) {
            this.stale = refusal;
            this.resubmittable = resubmittable;
            return this;
        }

        /** For a signature: what the refusal says when nothing waits for it. */
        public Builder<T> none(String refusal) {
            this.none = refusal;
            return this;
        }

        /** For a signature of a given sign-off: what the refusal says when it is signed already. */
        public Builder<T> signedAlready(String refusal) {
            this.signedAlready = refusal;
            return this;
        }

        /**
         * For a signature: the user {@code userId} names (null: nobody) may not sign it; the refusal is the user id
         * followed by {@code why} ("owns the CAPA and may not approve its plan (separation of duties)").
         */
        public Builder<T> notBy(Function<T, String> userId, String why) {
            excluded.add(new Exclusion<>(userId, why));
            return this;
        }

        public Transition<T> build() {
            if (kind != Kind.SIGN && (!excluded.isEmpty() || stale != null || title != null)) {
                throw new IllegalStateException("'" + name + "': exclusions, statements and currency are for signing"
                        + " steps");
            }
            return new Transition<>(this);
        }
    }
}
