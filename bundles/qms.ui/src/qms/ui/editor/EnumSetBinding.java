package qms.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/** One check box per literal for a multi-valued enum attribute (e.g. a user's roles), in the enum's order. */
final class EnumSetBinding extends FeatureBinding {

    private final Composite box;
    private final List<Button> checks = new ArrayList<>();
    private final List<EEnumLiteral> literals;

    EnumSetBinding(EditingDomain domain, EObject owner, EStructuralFeature feature, Composite box,
            java.util.function.Function<String, Button> newCheck) {
        super(domain, owner, feature);
        this.box = box;
        this.literals = ((EEnum) feature.getEType()).getELiterals();
        for (EEnumLiteral l : literals) {
            Button check = newCheck.apply(l.getLiteral());
            check.addListener(SWT.Selection, e -> {
                if (!refreshing) {
                    write();
                }
            });
            checks.add(check);
        }
    }

    private void write() {
        List<Object> chosen = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            if (checks.get(i).getSelection()) {
                chosen.add(literals.get(i).getInstance());
            }
        }
        if (chosen.equals(owner.eGet(feature))) {
            return;
        }
        Command c = SetCommand.create(domain, owner, feature, chosen);
        if (c.canExecute()) {
            domain.getCommandStack().execute(c);
        }
    }

    @Override
    Control control() {
        return box;
    }

    @Override
    void refreshWidget() {
        List<?> values = (List<?>) owner.eGet(feature);
        for (int i = 0; i < literals.size(); i++) {
            checks.get(i).setSelection(values.contains(literals.get(i).getInstance()));
        }
    }

    @Override
    void setEnabled(boolean enabled) {
        checks.forEach(c -> c.setEnabled(enabled));
    }
}
