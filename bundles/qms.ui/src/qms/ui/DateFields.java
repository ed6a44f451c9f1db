package qms.ui;

import java.time.LocalDate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DateTime;

/** What the suite's views do with date fields ({@link DateTime} with {@code SWT.DATE}). */
public final class DateFields {

    private DateFields() {
    }

    /**
     * A stored date as a list shows it: a calendar day as stored ("2026-12-07"); a moment (hinted
     * {@code qms.core.Hints#TIME}) with its time of day in this computer's time zone ("2026-11-23 14:58").
     */
    public static String text(qms.core.ModelRegistry model, org.eclipse.emf.ecore.EAttribute attribute,
            java.util.Date date) {
        return model.flag(attribute, qms.core.Hints.TIME)
                ? java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId
                        .systemDefault()).format(date.toInstant())
                : java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC).format(date
                        .toInstant());
    }

    /** The day a date field shows. */
    public static LocalDate day(DateTime d) {
        return LocalDate.of(d.getYear(), d.getMonth() + 1, d.getDay());
    }

    /**
     * Runs {@code action} when the day shown changes. GTK's drop-down date field also reports selections that change
     * nothing (one after {@code setDate}, when its calendar pop-up is set up): those must not recompute a view, e.g.
     * over a million backup log entries.
     */
    public static void onChange(DateTime d, Runnable action) {
        LocalDate[] last = { day(d) };
        d.addListener(SWT.Selection, e -> {
            LocalDate now = day(d);
            if (!now.equals(last[0])) {
                last[0] = now;
                action.run();
            }
        });
    }
}
