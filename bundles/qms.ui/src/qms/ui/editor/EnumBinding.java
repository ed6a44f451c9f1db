package qms.ui.editor;

import java.util.List;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;

/**
 * A read-only combo of an enum's literals. An attribute that can be unset (a required choice nobody made yet)
 * starts with an empty entry, so the form does not pretend a choice was made.
 */
final class EnumBinding extends FeatureBinding {

    private final Combo combo;
    private final List<EEnumLiteral> literals;
    private final boolean allowEmpty;

    EnumBinding(EditingDomain domain, EObject owner, EStructuralFeature feature, Combo combo) {
        super(domain, owner, feature);
        this.combo = combo;
        this.literals = ((EEnum) feature.getEType()).getELiterals();
        this.allowEmpty = feature.isUnsettable();
        if (allowEmpty) {
            combo.add("");
        }
        literals.forEach(l -> combo.add(l.getLiteral()));
        combo.setVisibleItemCount(Math.min(12, combo.getItemCount()));
        combo.addListener(SWT.Selection, e -> {
            if (!refreshing) {
                int i = combo.getSelectionIndex() - (allowEmpty ? 1 : 0);
                set(i < 0 ? null : literals.get(i).getInstance());
            }
        });
    }

    @Override
    Control control() {
        return combo;
    }

    @Override
    void refreshWidget() {
        if (allowEmpty && !owner.eIsSet(feature)) {
            combo.select(0);
            return;
        }
        Enumerator value = (Enumerator) owner.eGet(feature);
        for (int i = 0; i < literals.size(); i++) {
            if (literals.get(i).getValue() == value.getValue()) {
                combo.select(i + (allowEmpty ? 1 : 0));
            }
        }
    }
}
