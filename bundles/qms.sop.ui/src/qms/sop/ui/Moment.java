package qms.sop.ui;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;

/** A moment entered as day and time in the viewer's zone (named beside it), stored as an instant (UTC). */
final class Moment {

    private final DateTime day;
    private final DateTime time;

    Moment(Composite parent, Instant initial) {
        Composite c = new Composite(parent, SWT.NONE);
        org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(3).applyTo(c);
        day = new DateTime(c, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
        time = new DateTime(c, SWT.TIME | SWT.SHORT | SWT.BORDER);
        new Label(c, SWT.NONE).setText(ZoneId.systemDefault().getId());
        set(initial);
    }

    void set(Instant at) {
        ZonedDateTime z = at.atZone(ZoneId.systemDefault());
        day.setDate(z.getYear(), z.getMonthValue() - 1, z.getDayOfMonth());
        time.setTime(z.getHour(), z.getMinute(), 0);
    }

    Instant get() {
        return LocalDateTime.of(day.getYear(), day.getMonth() + 1, day.getDay(), time.getHours(), time.getMinutes())
                .atZone(ZoneId.systemDefault()).toInstant();
    }
}
