package qms.ui.editor;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;

/**
 * A date picker for a date attribute, with a "Not set" check box (a picker cannot be empty). A calendar day (a due
 * date) is stored as midnight UTC of the chosen day, so it never shifts with the viewer's time zone. A moment
 * (hint {@code time}: a backup's start) has a second picker for the time of day, to the second, in the viewer's
 * time zone. Only a change of what the pickers show changes the value: GTK reports selections that change nothing,
 * and a moment's milliseconds, which the pickers cannot show, are kept.
 */
final class DateBinding extends FeatureBinding {

    private final DateTime picker;
    /** The time of day, for a moment; null for a calendar day. */
    private final DateTime time;
    private final Button notSet;
    private final ZoneId zone = ZoneId.systemDefault();

    DateBinding(EditingDomain domain, EObject owner, EStructuralFeature feature, DateTime picker, DateTime time,
            Button notSet) {
        super(domain, owner, feature);
        this.picker = picker;
        this.time = time;
        this.notSet = notSet;
        picker.addListener(SWT.Selection, e -> pickerChanged());
        if (time != null) {
            time.addListener(SWT.Selection, e -> pickerChanged());
        }
        notSet.addListener(SWT.Selection, e -> {
            if (!refreshing) {
                set(notSet.getSelection() ? null : shown());
            }
        });
    }

    private void pickerChanged() {
        if (refreshing || notSet.getSelection()) {
            return;
        }
        Date current = (Date) owner.eGet(feature);
        if (current != null && Objects.equals(asShown(current), shown())) {
            return; // nothing the pickers show has changed
        }
        set(shown());
    }

    /** The value the pickers show. */
    private Date shown() {
        LocalDate day = LocalDate.of(picker.getYear(), picker.getMonth() + 1, picker.getDay());
        if (time == null) {
            return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        return Date.from(day.atTime(time.getHours(), time.getMinutes(), time.getSeconds()).atZone(zone)
                .toInstant());
    }

    /** What the pickers would show for a value: the day, or the moment to the second. */
    private Date asShown(Date value) {
        if (time == null) {
            LocalDate day = value.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        return Date.from(value.toInstant().truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    Control control() {
        return picker;
    }

    @Override
    void refreshWidget() {
        Date value = (Date) owner.eGet(feature);
        notSet.setSelection(value == null);
        boolean enabled = value != null && notSet.isEnabled();
        picker.setEnabled(enabled);
        if (time == null) {
            LocalDate day = value == null ? LocalDate.now() : value.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            picker.setDate(day.getYear(), day.getMonthValue() - 1, day.getDayOfMonth());
            return;
        }
        LocalDateTime at = value == null ? ZonedDateTime.now(zone).toLocalDateTime() : value.toInstant().atZone(zone)
                .toLocalDateTime();
        picker.setDate(at.getYear(), at.getMonthValue() - 1, at.getDayOfMonth());
        time.setTime(at.getHour(), at.getMinute(), at.getSecond());
        time.setEnabled(enabled);
    }

    @Override
    void setEnabled(boolean enabled) {
        notSet.setEnabled(enabled);
        picker.setEnabled(enabled && !notSet.getSelection());
        if (time != null) {
            time.setEnabled(enabled && !notSet.getSelection());
        }
    }
}
