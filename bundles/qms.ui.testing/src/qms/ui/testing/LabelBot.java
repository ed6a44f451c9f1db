package qms.ui.testing;

import org.eclipse.swt.widgets.Control;

/**
 * A {@link org.eclipse.swt.widgets.Label} or {@link org.eclipse.swt.custom.CLabel}.
 */
public final class LabelBot extends AbstractWidgetBot<Control> {

    LabelBot(Bot bot, Control label, String description) {
        super(bot, label, description);
    }

    /**
     * Returns the label's text.
     *
     * @return the text, including mnemonics; empty if none
     */
    public String getText() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return ContainerBot.labelText(widget);
        });
    }
}
