package qms.ui.testing;

import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/**
 * An open view. Its widgets are reached through {@link #bot()}, which requires the view to return
 * its main control from {@code getAdapter(Control.class)} (see {@link WorkbenchBot}).
 */
public final class ViewBot {

    private final Bot bot;
    private final IViewReference ref;
    private final String title;

    ViewBot(Bot bot, IViewReference ref, String title) {
        this.bot = bot;
        this.ref = ref;
        this.title = title;
    }

    /**
     * Returns the view's current part name (tab text).
     *
     * @return the part name
     */
    public String getTitle() {
        return bot.syncExec(ref::getPartName);
    }

    /**
     * Returns the view reference; touch it on the UI thread only.
     *
     * @return the reference
     */
    public IViewReference reference() {
        return ref;
    }

    /**
     * Shows and activates the view.
     */
    public void show() {
        bot.action("show view '" + title + "'", () -> {
            try {
                ref.getPage().showView(ref.getId(), ref.getSecondaryId(), IWorkbenchPage.VIEW_ACTIVATE);
            } catch (PartInitException e) {
                throw new RuntimeException(e.getMessage(), e);
            }
        });
    }

    /**
     * Tells whether the view is the active part.
     *
     * @return {@code true} if active
     */
    public boolean isActive() {
        return bot.syncExec(() -> ref.getPage().getActivePartReference() == ref);
    }

    /**
     * Closes (hides) the view.
     */
    public void close() {
        bot.action("close view '" + title + "'", () -> ref.getPage().hideView(ref));
    }

    /**
     * Returns the view's main control, i.e. {@code getAdapter(Control.class)} of the part; touch it
     * on the UI thread only.
     *
     * @return the control
     * @throws AssertionError if the view does not provide it
     */
    public Control widget() {
        return bot.syncExec(() -> {
            try {
                return WorkbenchBot.partControl(ref);
            } catch (ContainerBot.RootUnavailableException e) {
                throw new AssertionError("view '" + title + "': " + e.getMessage(), e);
            }
        });
    }

    /**
     * Returns finders over the widget tree under the view's main control
     * ({@code getAdapter(Control.class)} of the part).
     *
     * @return the container bot
     */
    public ContainerBot bot() {
        return new ContainerBot(bot, "view '" + title + "'", () -> WorkbenchBot.partControl(ref));
    }

    /**
     * Describes the view.
     *
     * @return e.g. "view 'Studies'"
     */
    @Override
    public String toString() {
        return "view '" + title + "'";
    }
}
