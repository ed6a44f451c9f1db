package qms.ui.editor;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;

/**
 * A date picker for a date attribute, with a "Not set" check box (a picker cannot be empty). Dates are calendar
 * days: stored as midnight UTC of the chosen day, so a day never shifts with the viewer's time zone.
 */
final class DateBinding extends FeatureBinding {

    private final DateTime picker;
    private final Button notSet;

    DateBinding(EditingDomain domain, EObject owner, EStructuralFeature feature, DateTime picker, Button notSet) {
        super(domain, owner, feature);
        this.picker = picker;
        this.notSet = notSet;
        picker.addListener(SWT.Selection, e -> {
            if (!refreshing && !notSet.getSelection()) {
                set(toDate(picker));
            }
        });
        notSet.addListener(SWT.Selection, e -> {
            if (!refreshing) {
                set(notSet.getSelection() ? null : toDate(picker));
            }
        });
    }

    static Date toDate(DateTime picker) {
        LocalDate day = LocalDate.of(picker.getYear(), picker.getMonth() + 1, picker.getDay());
        return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    @Override
    Control control() {
        return picker;
    }

    @Override
    void refreshWidget() {
        Date value = (Date) owner.eGet(feature);
        notSet.setSelection(value == null);
        picker.setEnabled(value == null ? false : notSet.isEnabled());
        LocalDate day = value == null ? LocalDate.now() : value.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        picker.setDate(day.getYear(), day.getMonthValue() - 1, day.getDayOfMonth());
    }

    @Override
    void setEnabled(boolean enabled) {
        notSet.setEnabled(enabled);
        picker.setEnabled(enabled && !notSet.getSelection());
    }
}
