package qms.ui.editor;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.IMessageManager;

import qms.core.Validation;
import qms.ui.internal.Messages;

/**
 * A text field for a string or number attribute. What is typed is written to the model as one command once the
 * user pauses (or leaves the field, or saves), so that undo takes back a whole edit, not one character.
 */
final class TextBinding extends FeatureBinding {

    static final int COMMIT_DELAY_MS = 400;

    private final Text text;
    private final EDataType type;
    private final IMessageManager messages;
    private final Runnable commit = this::flush;
    private boolean pending;

    /**
     * @param editing told when typing starts a change not yet committed to the record (the form is dirty from the
     *                first keystroke, so that a save right away is not lost)
     */
    TextBinding(EditingDomain domain, EObject owner, EAttribute attribute, Text text, IMessageManager messages,
            Runnable editing) {
        super(domain, owner, attribute);
        this.text = text;
        this.type = attribute.getEAttributeType();
        this.messages = messages;
        text.addListener(SWT.Modify, e -> {
            if (!refreshing) {
                boolean first = !pending;
                pending = true;
                text.getDisplay().timerExec(COMMIT_DELAY_MS, commit);
                if (first) {
                    editing.run();
                }
            }
        });
        text.addListener(SWT.FocusOut, e -> flush());
        text.addListener(SWT.DefaultSelection, e -> flush());
    }

    @Override
    Control control() {
        return text;
    }

    @Override
    void refreshWidget() {
        Object v = owner.eIsSet(feature) || owner.eGet(feature) != null ? owner.eGet(feature) : null;
        String s = v == null ? "" : type == EcorePackage.Literals.ESTRING ? (String) v : EcoreUtil.convertToString(type, v);
        if (!s.equals(text.getText())) {
            text.setText(s);
        }
        pending = false;
        messages.removeMessage(this, text);
    }

    @Override
    boolean pending() {
        return pending;
    }

    @Override
    void flush() {
        if (!pending || text.isDisposed()) {
            return;
        }
        pending = false;
        text.getDisplay().timerExec(-1, commit);
        String s = text.getText();
        if (s.isEmpty()) {
            messages.removeMessage(this, text);
            set(null);
            return;
        }
        try {
            Object value = type == EcorePackage.Literals.ESTRING ? s : EcoreUtil.createFromString(type, s.trim());
            messages.removeMessage(this, text);
            set(value);
        } catch (RuntimeException e) {
            messages.addMessage(this, Messages.bind(Messages.Form_notANumber, Validation.featureLabel(feature), s),
                    null, IMessageProvider.ERROR, text);
        }
    }

    @Override
    void setEnabled(boolean enabled) {
        text.setEditable(enabled);
    }
}
