package qms.ui.testing;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;

/**
 * A {@link Text} or {@link StyledText} field.
 */
public final class TextBot extends AbstractWidgetBot<Control> {

    TextBot(Bot bot, Control text, String description) {
        super(bot, text, description);
    }

    /**
     * Replaces the content: waits until the field is enabled and editable, gives it the focus and
     * calls {@code setText} (which fires {@link SWT#Modify} by itself).
     *
     * @param text the new content
     */
    public void setText(String text) {
        waitUntilEditable();
        bot.action("set text of " + description, () -> {
            checkNotDisposed();
            widget.setFocus();
            if (widget instanceof Text t) {
                t.setText(text);
            } else {
                ((StyledText) widget).setText(text);
            }
        });
    }

    /**
     * Types {@code text} at the end of the current content, one character at a time, each inserted
     * with {@code insert} (which fires {@link SWT#Verify} and {@link SWT#Modify}) in its own UI
     * thread step.
     *
     * @param text the characters to type
     */
    public void typeText(String text) {
        waitUntilEditable();
        bot.action("focus " + description, () -> {
            checkNotDisposed();
            widget.setFocus();
            if (widget instanceof Text t) {
                t.setSelection(t.getCharCount());
            } else {
                StyledText styled = (StyledText) widget;
                styled.setSelection(styled.getCharCount());
            }
        });
        for (int i = 0; i < text.length(); i++) {
            String character = String.valueOf(text.charAt(i));
            bot.action("type '" + character + "' into " + description, () -> {
                checkNotDisposed();
                if (widget instanceof Text t) {
                    int at = t.getSelection().x;
                    t.insert(character);
                    if (!t.isDisposed()) {
                        t.setSelection(at + character.length());
                    }
                } else {
                    StyledText styled = (StyledText) widget;
                    int at = styled.getSelection().x;
                    styled.insert(character);
                    if (!styled.isDisposed()) {
                        styled.setSelection(at + character.length());
                    }
                }
            });
        }
    }

    /**
     * Returns the current content.
     *
     * @return the text
     */
    public String getText() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget instanceof Text t ? t.getText() : ((StyledText) widget).getText();
        });
    }

    /**
     * Tells whether the field is editable.
     *
     * @return {@code getEditable()} of the field
     */
    public boolean isEditable() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return editableOnUi();
        });
    }

    /**
     * Simulates pressing Enter by notifying {@link SWT#DefaultSelection}.
     */
    public void pressEnter() {
        waitUntilEnabled();
        bot.action("press Enter in " + description, () -> {
            checkNotDisposed();
            widget.setFocus();
            widget.notifyListeners(SWT.DefaultSelection, Bot.event(widget));
        });
    }

    private boolean editableOnUi() {
        return widget instanceof Text t ? t.getEditable() : ((StyledText) widget).getEditable();
    }

    private void waitUntilEditable() {
        bot.poll(() -> {
            checkNotDisposed();
            return enabledOnUi() && editableOnUi() ? Boolean.TRUE : null;
        }, () -> description + " is not enabled and editable (enabled=" + enabledOnUi() + ", editable="
                + editableOnUi() + ", text='" + (widget instanceof Text t ? t.getText() : "") + "')", false);
    }
}
