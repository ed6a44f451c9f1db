package qms.ui.editor;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;

/** A check box for a boolean attribute. */
final class CheckBinding extends FeatureBinding {

    private final Button check;

    CheckBinding(EditingDomain domain, EObject owner, EStructuralFeature feature, Button check) {
        super(domain, owner, feature);
        this.check = check;
        check.addListener(SWT.Selection, e -> {
            if (!refreshing) {
                set(check.getSelection());
            }
        });
    }

    @Override
    Control control() {
        return check;
    }

    @Override
    void refreshWidget() {
        check.setSelection(Boolean.TRUE.equals(owner.eGet(feature)));
    }
}
