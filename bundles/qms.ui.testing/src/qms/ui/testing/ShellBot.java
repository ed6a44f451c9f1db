package qms.ui.testing;

import org.eclipse.swt.widgets.Shell;

/**
 * A shell (dialog, wizard or workbench window) and the finders over its widget tree.
 */
public final class ShellBot extends ContainerBot {

    private final Shell shell;

    ShellBot(Bot bot, Shell shell) {
        super(bot, bot.syncExec(() -> "shell '" + shell.getText() + "'"), () -> shell);
        this.shell = shell;
    }

    /**
     * Returns the raw shell; touch it on the UI thread only.
     *
     * @return the shell
     */
    public Shell widget() {
        return shell;
    }

    /**
     * Returns the shell's title.
     *
     * @return the title
     */
    public String getText() {
        return bot.syncExec(() -> shell.isDisposed() ? "" : shell.getText());
    }

    /**
     * Tells whether the shell is still open (not disposed and visible).
     *
     * @return {@code true} while the shell is open
     */
    public boolean isOpen() {
        return bot.syncExec(() -> !shell.isDisposed() && shell.isVisible());
    }

    /**
     * Activates the shell and brings it to the front.
     */
    public void activate() {
        bot.action("activate " + this, () -> {
            if (!shell.isDisposed()) {
                shell.forceActive();
            }
        });
    }

    /**
     * Closes the shell as the window manager's close button would ({@link Shell#close()}, which
     * lets close listeners veto), then waits until it is closed.
     *
     * @throws WaitTimeoutException if the shell is still open after the timeout
     */
    public void close() {
        bot.action("close " + this, () -> {
            if (!shell.isDisposed()) {
                shell.close();
            }
        });
        bot.poll(() -> shell.isDisposed() || !shell.isVisible() ? Boolean.TRUE : null,
                () -> this + " is still open after close()", false);
    }
}
