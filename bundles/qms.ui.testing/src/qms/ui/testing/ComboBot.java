package qms.ui.testing;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CCombo;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;

/**
 * A {@link Combo} or {@link CCombo}.
 */
public final class ComboBot extends AbstractWidgetBot<Control> {

    ComboBot(Bot bot, Control combo, String description) {
        super(bot, combo, description);
    }

    /**
     * Selects the item whose text equals {@code item} and notifies {@link SWT#Selection}. Waits
     * until the combo is enabled and has such an item.
     *
     * @param item the item text
     * @throws WidgetNotFoundException listing the items if there is no such item in time
     */
    public void setSelection(String item) {
        waitUntilEnabled();
        bot.poll(() -> {
            checkNotDisposed();
            return itemsOnUi().contains(item) ? Boolean.TRUE : null;
        }, () -> "no item '" + item + "' in " + description + "; items: " + Texts.quoted(itemsOnUi()), true);
        bot.action("select '" + item + "' in " + description, () -> {
            checkNotDisposed();
            int index = itemsOnUi().indexOf(item);
            if (index < 0) {
                throw new AssertionError("no item '" + item + "' in " + description + "; items: "
                        + Texts.quoted(itemsOnUi()));
            }
            widget.setFocus();
            if (widget instanceof Combo combo) {
                combo.select(index);
            } else {
                ((CCombo) widget).select(index);
            }
            if (!widget.isDisposed()) {
                widget.notifyListeners(SWT.Selection, Bot.event(widget));
            }
        });
    }

    /**
     * Returns the combo's current text (the selected item for read-only combos).
     *
     * @return the text
     */
    public String selection() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget instanceof Combo combo ? combo.getText() : ((CCombo) widget).getText();
        });
    }

    /**
     * Returns the items of the drop-down list.
     *
     * @return the item texts
     */
    public List<String> items() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return itemsOnUi();
        });
    }

    private List<String> itemsOnUi() {
        String[] items = widget instanceof Combo combo ? combo.getItems() : ((CCombo) widget).getItems();
        return Arrays.asList(items);
    }
}
