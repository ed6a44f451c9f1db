package qms.capa.ui;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

import qms.capa.core.CapaLifecycle;
import qms.capa.model.Capa;
import qms.core.RecordStore;
import qms.ui.lifecycle.LifecycleDialog;

/**
 * A CAPA's lifecycle in the core's lifecycle dialog: its steps as the CAPA module declares them, the check's result
 * and a due-date extension asked for in dialogs of their own, and how often the CAPA was reopened.
 */
final class CapaLifecycleDialog {

    static final String TITLE = "CAPA Lifecycle";

    private CapaLifecycleDialog() {
    }

    static LifecycleDialog<Capa> of(Shell parent, RecordStore store, Capa capa) {
        CapaLifecycle lifecycle = new CapaLifecycle(store);
        return new LifecycleDialog<>(parent, TITLE, capa, lifecycle.steps())
                .input(lifecycle.recordCheck, (shell, c) -> {
                    CheckResultDialog d = new CheckResultDialog(shell, store, c);
                    if (d.open() == Window.OK) {
                        lifecycle.recordEffectiveness(c, d.result(), d.note(), d.evidence());
                    }
                })
                .input(lifecycle.requestExtension, (shell, c) -> {
                    ExtensionDialog d = new ExtensionDialog(shell, c, lifecycle.today());
                    if (d.open() == Window.OK) {
                        lifecycle.requestExtension(c, d.which(), d.action(), d.newDue(), d.reason());
                    }
                })
                .note(c -> c.getReopened() > 0 ? "   (reopened " + c.getReopened() + "\u00d7)" : "");
    }
}
