package qms.ui.testing;

import java.time.LocalDate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DateTime;

/**
 * A {@link DateTime} control (date, calendar or time style).
 */
public final class DateTimeBot extends AbstractWidgetBot<DateTime> {

    DateTimeBot(Bot bot, DateTime dateTime, String description) {
        super(bot, dateTime, description);
    }

    /**
     * Sets the date ({@code setDate(year, month - 1, day)}) and notifies {@link SWT#Selection}.
     *
     * @param date the date to set
     */
    public void setDate(LocalDate date) {
        waitUntilEnabled();
        bot.action("set date " + date + " in " + description, () -> {
            checkNotDisposed();
            widget.setFocus();
            widget.setDate(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
            if (!widget.isDisposed()) {
                widget.notifyListeners(SWT.Selection, Bot.event(widget));
            }
        });
    }

    /**
     * Returns the date shown.
     *
     * @return the date
     */
    public LocalDate getDate() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return LocalDate.of(widget.getYear(), widget.getMonth() + 1, widget.getDay());
        });
    }

    /**
     * Sets the time of day of a time field ({@code SWT.TIME}) as a user would and notifies its listeners.
     *
     * @param time the time to set (to the second)
     */
    public void setTime(java.time.LocalTime time) {
        waitUntilEnabled();
        bot.action("set time " + time + " in " + description, () -> {
            checkNotDisposed();
            widget.setFocus();
            widget.setTime(time.getHour(), time.getMinute(), time.getSecond());
            if (!widget.isDisposed()) {
                widget.notifyListeners(SWT.Selection, Bot.event(widget));
            }
        });
    }

    /**
     * Returns the time of day shown by a time field.
     *
     * @return the time, to the second
     */
    public java.time.LocalTime getTime() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return java.time.LocalTime.of(widget.getHours(), widget.getMinutes(), widget.getSeconds());
        });
    }
}
