package qms.ui.testing;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.ToolItem;

/** A {@link ToolItem} of a tool bar, e.g. a record action under a form's heading. */
public final class ToolItemBot extends AbstractWidgetBot<ToolItem> {

    ToolItemBot(Bot bot, ToolItem item, String description) {
        super(bot, item, description);
    }

    /**
     * Clicks the item: sends it a selection event. Returns once its listeners ran, or once they opened a modal
     * dialog.
     */
    public void click() {
        bot.waitUntil(() -> !widget.isDisposed() && widget.isEnabled(), description + " enabled");
        bot.action("click " + description, () -> {
            checkNotDisposed();
            widget.notifyListeners(SWT.Selection, Bot.event(widget));
        });
    }

    /**
     * Returns the item's text.
     *
     * @return the text
     */
    public String getText() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getText();
        });
    }

    /** A tool item is not a control: it is enabled if it and its tool bar (with the bar's ancestors) are. */
    @Override
    boolean enabledOnUi() {
        return widget.isEnabled() && widget.getParent().isEnabled();
    }
}
