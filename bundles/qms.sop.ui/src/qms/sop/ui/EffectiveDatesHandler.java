package qms.sop.ui;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import qms.core.StoreException;
import qms.sop.core.SopLifecycle;
import qms.sop.core.SopVersions;
import qms.sop.model.SopVersion;
import qms.ui.QmsUi;

/**
 * SOPs › Bring Approved Versions into Force: every approved version whose effective date has come becomes Effective
 * and the one before it Superseded (the headless task {@code sop-effective} does the same on a schedule).
 */
public final class EffectiveDatesHandler extends AbstractHandler {

    static final String TITLE = "Bring Approved Versions into Force";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = qms.ui.Dialogs.parentShell(event);
        try {
            List<SopVersion> made = new SopLifecycle(QmsUi.get().store()).applyEffectiveDates();
            QmsUi.get().changed(made.stream().map(SopVersion::getId).toList());
            MessageDialog.openInformation(shell, TITLE, made.isEmpty() ? "No approved version has reached its"
                    + " effective date: nothing was changed." : "Now effective: " + made.stream().map(
                            SopVersions::name).collect(Collectors.joining(", ")) + ".");
        } catch (StoreException e) {
            MessageDialog.openError(shell, TITLE, e.getMessage());
        }
        return null;
    }
}
