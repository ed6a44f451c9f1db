package qms.ui;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.part.ViewPart;

/**
 * Base of the suite's views: exposes the view's main control (as {@code getAdapter(Control.class)}, which the UI
 * tests' driver relies on), focuses it, and calls {@link #recordsChanged} on the UI thread when records are saved
 * or deleted anywhere in the workbench.
 */
public abstract class QmsViewPart extends ViewPart {

    private final Consumer<List<String>> listener = ids -> {
        Control c = mainControl();
        if (c != null && !c.isDisposed()) {
            c.getDisplay().asyncExec(() -> {
                if (!c.isDisposed()) {
                    recordsChanged(ids);
                }
            });
        }
    };

    /** The control that fills the view; null before {@code createPartControl}. */
    protected abstract Control mainControl();

    /**
     * Records were saved or deleted (their ids; empty when many changed, e.g. the demo data was loaded).
     * Called on the UI thread.
     */
    protected abstract void recordsChanged(List<String> recordIds);

    /**
     * Whether content asked for is still being computed in the background (the view shows what it had, or a
     * "computing" line, until then). Tests and the view benchmark wait for it; views that compute on the UI thread
     * keep the default.
     */
    public boolean loading() {
        return false;
    }

    /**
     * Whether the view already shows the first part of the content it is still computing (for example the newest
     * day of a long period), so that a reader can start; by default only once nothing is loading any more.
     */
    public boolean showsFirstContent() {
        return !loading();
    }

    /** A "Refresh" button in the view's toolbar that runs {@code reload}. */
    protected final void addRefreshAction(Runnable reload) {
        getViewSite().getActionBars().getToolBarManager().add(new org.eclipse.jface.action.Action("Refresh") {
            @Override
            public void run() {
                reload.run();
            }
        });
    }

    /** Call at the end of {@code createPartControl}. */
    protected final void listenForChanges() {
        QmsUi.get().addChangeListener(listener);
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == Control.class && mainControl() != null) {
            return adapter.cast(mainControl());
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void setFocus() {
        if (mainControl() != null) {
            mainControl().setFocus();
        }
    }

    @Override
    public void dispose() {
        QmsUi.get().removeChangeListener(listener);
        super.dispose();
    }
}
