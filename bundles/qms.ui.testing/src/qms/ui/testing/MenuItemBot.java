package qms.ui.testing;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/**
 * An item of the workbench's main menu or of a context menu, found with the menus along its path
 * already "shown" ({@link SWT#Show} sent).
 */
public final class MenuItemBot extends AbstractWidgetBot<MenuItem> {

    private final List<Menu> shownMenus;

    MenuItemBot(Bot bot, MenuItem item, List<Menu> shownMenus, String description) {
        super(bot, item, description);
        this.shownMenus = List.copyOf(shownMenus);
    }

    /**
     * Clicks the item: waits until it is enabled; for check items flips the selection, for radio
     * items selects it and deselects the other radio items of its group; notifies
     * {@link SWT#Selection}; then hides the menus that were shown to reach it ({@link SWT#Hide}).
     */
    public void click() {
        waitUntilEnabled();
        bot.action("click " + description, () -> {
            checkNotDisposed();
            MenuItem item = widget;
            int style = item.getStyle();
            if ((style & SWT.CHECK) != 0) {
                item.setSelection(!item.getSelection());
            } else if ((style & SWT.RADIO) != 0) {
                deselectOtherRadios(item);
                item.setSelection(true);
            }
            if (!item.isDisposed()) {
                item.notifyListeners(SWT.Selection, Bot.event(item));
            }
        });
        bot.action("hide menus of " + description, () -> Menus.hide(shownMenus));
    }

    /**
     * Returns the item's text as shown, with mnemonics and accelerator text.
     *
     * @return the text
     */
    public String getText() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getText();
        });
    }

    /**
     * Tells whether a check or radio item is selected.
     *
     * @return the selection state
     */
    public boolean isChecked() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getSelection();
        });
    }

    @Override
    Control control() {
        return null;
    }

    @Override
    boolean enabledOnUi() {
        return widget.isEnabled();
    }

    /** UI thread: deselects the selected radio items next to {@code item} (its radio group). */
    private static void deselectOtherRadios(MenuItem item) {
        MenuItem[] items = item.getParent().getItems();
        int index = item.getParent().indexOf(item);
        for (int step : new int[] { -1, 1 }) {
            for (int i = index + step; i >= 0 && i < items.length && (items[i].getStyle() & SWT.RADIO) != 0; i += step) {
                if (items[i].getSelection()) {
                    items[i].setSelection(false);
                    items[i].notifyListeners(SWT.Selection, Bot.event(items[i]));
                }
            }
        }
    }
}
