package qms.ui.editor;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;

/**
 * A value the form shows and never changes (a status only the record's lifecycle moves): read-only text, selectable
 * to copy, with no drop-down that would look as if it could be changed here.
 */
final class ShownBinding extends FeatureBinding {

    private final Text text;

    ShownBinding(EditingDomain domain, EObject owner, EStructuralFeature feature, Text text) {
        super(domain, owner, feature);
        this.text = text;
    }

    @Override
    Control control() {
        return text;
    }

    @Override
    void refreshWidget() {
        Object v = owner.eGet(feature);
        String s = v instanceof Enumerator e ? e.getLiteral() : v == null ? "" : v.toString();
        if (!s.equals(text.getText())) {
            text.setText(s);
            text.getParent().layout(true);
        }
    }

    @Override
    void setEnabled(boolean enabled) {
        // never editable here
    }
}
