package qms.ui.testing;

/**
 * Thrown when a finder did not find the widget (shell, control, menu item, part, ...) it looked
 * for within the bot's timeout. The message describes what was searched, where, the shells open at
 * that moment and, where it helps, the candidates that do exist (labels, buttons, items).
 */
public final class WidgetNotFoundException extends WaitTimeoutException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was searched, with diagnostics
     */
    public WidgetNotFoundException(String message) {
        super(message);
    }
}
