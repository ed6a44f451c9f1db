package qms.ui.testing;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;

/**
 * A push button, check box, toggle or radio button.
 */
public final class ButtonBot extends AbstractWidgetBot<Button> {

    ButtonBot(Bot bot, Button button, String description) {
        super(bot, button, description);
    }

    /**
     * Clicks the button: waits until it is enabled, gives it the focus, and for check boxes and
     * toggles flips the selection (for radio buttons selects it and deselects the other radio
     * buttons of its group), then notifies {@link SWT#Selection}.
     */
    public void click() {
        waitUntilEnabled();
        bot.action("click " + description, () -> {
            checkNotDisposed();
            Button button = widget;
            button.setFocus();
            int style = button.getStyle();
            if ((style & (SWT.CHECK | SWT.TOGGLE)) != 0) {
                button.setSelection(!button.getSelection());
            } else if ((style & SWT.RADIO) != 0) {
                deselectOtherRadios(button);
                button.setSelection(true);
            }
            if (!button.isDisposed()) {
                button.notifyListeners(SWT.Selection, Bot.event(button));
            }
        });
    }

    /**
     * Returns the button's text.
     *
     * @return the text, including mnemonics
     */
    public String getText() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getText();
        });
    }

    /**
     * Tells whether a check box, toggle or radio button is selected.
     *
     * @return the selection state
     */
    public boolean isChecked() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getSelection();
        });
    }

    /**
     * Checks a check box (or toggle/radio); notifies {@link SWT#Selection} only if the state changes.
     */
    public void select() {
        setChecked(true);
    }

    /**
     * Unchecks a check box (or toggle); notifies {@link SWT#Selection} only if the state changes.
     */
    public void deselect() {
        setChecked(false);
    }

    private void setChecked(boolean checked) {
        waitUntilEnabled();
        bot.action((checked ? "select " : "deselect ") + description, () -> {
            checkNotDisposed();
            Button button = widget;
            if ((button.getStyle() & (SWT.CHECK | SWT.TOGGLE | SWT.RADIO)) == 0) {
                throw new AssertionError(description + " is not a check box, toggle or radio button");
            }
            if (button.getSelection() == checked) {
                return;
            }
            button.setFocus();
            if (checked && (button.getStyle() & SWT.RADIO) != 0) {
                deselectOtherRadios(button);
            }
            button.setSelection(checked);
            if (!button.isDisposed()) {
                button.notifyListeners(SWT.Selection, Bot.event(button));
            }
        });
    }

    /** UI thread: what SWT does for a radio group when one of its buttons gets selected. */
    private static void deselectOtherRadios(Button button) {
        if (button.getParent() == null || (button.getParent().getStyle() & SWT.NO_RADIO_GROUP) != 0) {
            return;
        }
        for (Control sibling : button.getParent().getChildren()) {
            if (sibling != button && sibling instanceof Button other && (other.getStyle() & SWT.RADIO) != 0
                    && other.getSelection()) {
                other.setSelection(false);
                other.notifyListeners(SWT.Selection, Bot.event(other));
            }
        }
    }
}
