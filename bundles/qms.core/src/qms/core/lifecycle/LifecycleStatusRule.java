package qms.core.lifecycle;

import java.util.Collection;
import java.util.Objects;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;

import qms.core.ChangeRule;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.Validation;
import qms.model.Record;

/**
 * A controlled record's status moves only by its lifecycle's steps: a save that changes it otherwise (a form, an
 * import, another module's code) is refused, naming the field, whoever saves. The steps of
 * {@link ControlledLifecycle} save inside a step and pass. New records may start in any state; a module's own rules
 * say which (an SOP version approved on paper before the suite was used).
 */
public final class LifecycleStatusRule implements ChangeRule {

    private final EClass type;
    private final EAttribute status;

    public LifecycleStatusRule(EClass type, EAttribute status) {
        this.type = type;
        this.status = status;
    }

    /** The status attribute only the lifecycle's steps move. */
    public EAttribute status() {
        return status;
    }

    @Override
    public EClass type() {
        return type;
    }

    @Override
    public String whyNot(RecordStore store, Record stored, Record changed, Collection<? extends Record> batch) {
        Object before = stored.eGet(status);
        Object after = changed.eGet(status);
        if (Objects.equals(before, after) || ControlledLifecycle.inStep()) {
            return null;
        }
        return "Cannot change " + Validation.featureLabel(status) + " of " + Records.label(changed) + " from " + before
                + " to " + after + " by saving it: it moves only by the steps of its lifecycle (Lifecycle\u2026 on its"
                + " form), which check who may take them and ask for the signatures";
    }
}
