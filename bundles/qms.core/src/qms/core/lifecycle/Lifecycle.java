package qms.core.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;

import qms.model.Record;

/**
 * A controlled lifecycle of one record class, as a module declares it: the status attribute whose enum literals are
 * the states (in their order), the {@link Transition}s between them, the end states with what a refused step says
 * in them ("it is closed"), and how a refusal names a record ("CAPA-2026-007 'Quarterly restoration tests'").
 * Immutable; {@link ControlledLifecycle} runs it over a store.
 *
 * @param <T> the record class's Java type
 */
public final class Lifecycle<T extends Record> {

    private final Class<T> javaType;
    private final EAttribute status;
    private final Function<T, String> name;
    private final Map<Enumerator, String> ends;
    private final List<Transition<T>> transitions;

    private Lifecycle(Class<T> javaType, EAttribute status, Function<T, String> name, Map<Enumerator, String> ends,
            List<Transition<T>> transitions) {
        this.javaType = javaType;
        this.status = status;
        this.name = name;
        this.ends = Map.copyOf(ends);
        this.transitions = List.copyOf(transitions);
    }

    /**
     * Starts a declaration.
     *
     * @param status an enum attribute of the record class: its literals are the states
     * @param name   how a refusal names a record: "Cannot approve the plan of <name>: …"
     */
    public static <T extends Record> Builder<T> of(Class<T> javaType, EAttribute status, Function<T, String> name) {
        if (!(status.getEAttributeType() instanceof EEnum)) {
            throw new IllegalArgumentException(status.getName() + " is not an enum attribute: it cannot hold states");
        }
        return new Builder<>(javaType, status, name);
    }

    /** The record class. */
    public EClass type() {
        return status.getEContainingClass();
    }

    public Class<T> javaType() {
        return javaType;
    }

    public EAttribute statusAttribute() {
        return status;
    }

    /** The states, in the order of the enum's literals. */
    public List<Enumerator> states() {
        List<Enumerator> states = new ArrayList<>();
        for (EEnumLiteral l : ((EEnum) status.getEAttributeType()).getELiterals()) {
            states.add(l.getInstance());
        }
        return states;
    }

    /** The record's state. */
    public Enumerator state(T record) {
        return (Enumerator) record.eGet(status);
    }

    /** What a step refused in the record's end state says ("it is closed"), or empty if it is in none. */
    public Optional<String> ended(T record) {
        return Optional.ofNullable(ends.get(state(record)));
    }

    /** Whether the state is an end state. */
    public boolean isEnd(Enumerator state) {
        return ends.containsKey(state);
    }

    public String name(T record) {
        return name.apply(record);
    }

    /** Every transition, in the order declared (the order a lifecycle dialog lists them in). */
    public List<Transition<T>> transitions() {
        return transitions;
    }

    /** The transition named so, if declared. */
    public Optional<Transition<T>> transition(String transitionName) {
        return transitions.stream().filter(t -> t.name().equals(transitionName)).findFirst();
    }

    /** The signing transition a sign-off of this step waits for (its {@code step}), if declared. */
    public Optional<Transition<T>> signing(String step) {
        return transitions.stream().filter(t -> t.kind() == Transition.Kind.SIGN && t.name().equals(step))
                .findFirst();
    }

    /** Builds a {@link Lifecycle}. */
    public static final class Builder<T extends Record> {
        private final Class<T> javaType;
        private final EAttribute status;
        private final Function<T, String> name;
        private final Map<Enumerator, String> ends = new LinkedHashMap<>();
        private final List<Transition<T>> transitions = new ArrayList<>();

        private Builder(Class<T> javaType, EAttribute status, Function<T, String> name) {
            this.javaType = javaType;
            this.status = status;
            this.name = name;
        }

        /** An end state: no transition leaves it, and every step refused in it says {@code refusal}. */
        public Builder<T> end(Enumerator state, String refusal) {
            ends.put(state, refusal);
            return this;
        }

        public Builder<T> transition(Transition<T> transition) {
            if (transitions.stream().anyMatch(t -> t.name().equals(transition.name()))) {
                throw new IllegalArgumentException("Two transitions named '" + transition.name() + "'");
            }
            transitions.add(transition);
            return this;
        }

        public Lifecycle<T> build() {
            for (Transition<T> t : transitions) {
                if (t.kind() == Transition.Kind.REQUEST && !transitions.contains(t.signedBy())) {
                    throw new IllegalArgumentException("'" + t.name() + "' asks for '" + t.signedBy().name()
                            + "', which is not a transition of the lifecycle");
                }
            }
            return new Lifecycle<>(javaType, status, name, ends, transitions);
        }
    }
}
