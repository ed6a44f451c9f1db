package qms.ui.editor;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.widgets.Control;

/**
 * Keeps one widget and one feature of a record in step: edits in the widget become commands on the editing
 * domain's command stack (so they can be undone); changes of the model (an undo, say) refresh the widget.
 */
abstract class FeatureBinding {

    final EditingDomain domain;
    final EObject owner;
    final EStructuralFeature feature;
    /** Set while the widget is being updated from the model, so that its listeners do not write back. */
    boolean refreshing;

    FeatureBinding(EditingDomain domain, EObject owner, EStructuralFeature feature) {
        this.domain = domain;
        this.owner = owner;
        this.feature = feature;
    }

    /** The control validation messages are attached to. */
    abstract Control control();

    /** Shows the model's current value. */
    abstract void refreshWidget();

    final void refresh() {
        if (control().isDisposed()) {
            return;
        }
        refreshing = true;
        try {
            refreshWidget();
        } finally {
            refreshing = false;
        }
    }

    /** Writes a value the user entered that is not yet in the model (a pending text edit); default: none. */
    /** Whether the widget holds input not yet committed to the record. */
    boolean pending() {
        return false;
    }

    void flush() {
    }

    /** Sets the feature through a command; {@code null} unsets it. Does nothing if the value is unchanged. */
    void set(Object value) {
        Object current = owner.eIsSet(feature) ? owner.eGet(feature) : null;
        if (value == null ? current == null : value.equals(current)) {
            return;
        }
        Command c = SetCommand.create(domain, owner, feature, value == null ? SetCommand.UNSET_VALUE : value);
        if (c.canExecute()) {
            domain.getCommandStack().execute(c);
        }
    }

    void setEnabled(boolean enabled) {
        control().setEnabled(enabled);
    }

    /**
     * Enables or disables one of a field's push buttons so that it shows: a form's button has the toolkit's colours,
     * with which GTK paints a disabled button's text as an enabled one's (a locked field's Choose… looked clickable).
     */
    static void enable(org.eclipse.swt.widgets.Button button, boolean enabled) {
        button.setEnabled(enabled);
        button.setForeground(enabled ? null : button.getDisplay().getSystemColor(
                org.eclipse.swt.SWT.COLOR_WIDGET_DISABLED_FOREGROUND));
    }
}
