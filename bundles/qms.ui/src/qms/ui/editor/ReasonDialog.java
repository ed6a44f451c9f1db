package qms.ui.editor;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

import qms.ui.internal.Messages;

/** Asks why a controlled record is changed or deleted (the store refuses it without a reason). */
public final class ReasonDialog {

    private ReasonDialog() {
    }

    /**
     * @param why what makes the record controlled, as the store says it
     * @return the reason, or null if the user cancelled
     */
    public static String ask(Shell shell, String why) {
        InputDialog d = new InputDialog(shell, Messages.Editor_reasonTitle,
                Messages.bind(Messages.Editor_reasonMessage, why), "",
                text -> text.isBlank() ? Messages.Editor_reasonMissing : null);
        return d.open() == Window.OK ? d.getValue().strip() : null;
    }
}
