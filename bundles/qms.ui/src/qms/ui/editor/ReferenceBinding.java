package qms.ui.editor;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;

import qms.core.Records;
import qms.core.Validation;
import qms.ui.QmsUi;
import qms.ui.internal.Messages;
import qms.ui.internal.RecordLabelProvider;

/** A single reference: the target's label, a "Choose…" button with a filtered list, and "Clear". */
final class ReferenceBinding extends FeatureBinding {

    private final Text text;
    private final Button choose;
    private final Button clear;

    ReferenceBinding(EditingDomain domain, EObject owner, EReference reference, Text text, Button choose,
            Button clear) {
        super(domain, owner, reference);
        this.text = text;
        this.choose = choose;
        this.clear = clear;
        choose.addListener(SWT.Selection, e -> pick());
        clear.addListener(SWT.Selection, e -> set(null));
    }

    private void pick() {
        RecordLabelProvider labels = new RecordLabelProvider();
        try {
            ElementListSelectionDialog dialog = new ElementListSelectionDialog(choose.getShell(), labels);
            dialog.setTitle(Messages.bind(Messages.Form_chooseTitle, Validation.featureLabel(feature)));
            dialog.setMessage(Messages.Form_chooseMessage);
            dialog.setElements(Candidates.of(QmsUi.get().store(), ((EReference) feature).getEReferenceType())
                    .toArray());
            dialog.setMultipleSelection(false);
            if (dialog.open() == ElementListSelectionDialog.OK && dialog.getFirstResult() != null) {
                set(dialog.getFirstResult());
            }
        } finally {
            labels.dispose();
        }
    }

    @Override
    void set(Object value) {
        Object current = owner.eGet(feature, false);
        if (value != null && current != null && Records.id((EObject) value).equals(Records.id((EObject) current))) {
            return;
        }
        super.set(value);
    }

    @Override
    Control control() {
        return text;
    }

    @Override
    void refreshWidget() {
        EObject target = (EObject) owner.eGet(feature, false);
        text.setText(target == null ? "" : Records.label(target));
        enable(clear, target != null && choose.getEnabled());
    }

    @Override
    void setEnabled(boolean enabled) {
        enable(choose, enabled);
        enable(clear, enabled && owner.eGet(feature, false) != null);
    }
}
