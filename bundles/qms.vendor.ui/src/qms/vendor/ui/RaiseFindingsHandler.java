package qms.vendor.ui;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import qms.core.RecordStore;
import qms.core.StoreException;
import qms.model.Finding;
import qms.model.QmsPackage;
import qms.ui.QmsUi;
import qms.vendor.core.BreachFindings;

/**
 * Vendors › Raise Findings for SLA Breaches…: for measurements entered in forms (an import raises its own). Lists
 * each breach that has no finding yet and raises them when the user confirms; looking raises nothing.
 */
public final class RaiseFindingsHandler extends AbstractHandler {

    static final String TITLE = "Raise Findings for SLA Breaches";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveWorkbenchWindowChecked(event).getShell();
        RecordStore store = QmsUi.get().store();
        List<BreachFindings.Breach> open = BreachFindings.unraised(store, BreachFindings.all(store));
        if (open.isEmpty()) {
            MessageDialog.openInformation(shell, TITLE, "Every measurement that misses its target has its finding"
                    + " already.");
            return null;
        }
        String list = open.stream().map(b -> "\u2022 " + b.kpi().getName() + ", " + b.measurement().getPeriod() + ": "
                + b.result().text()).collect(Collectors.joining("\n"));
        if (!store.accounts().mayWrite(QmsPackage.Literals.FINDING)) {
            MessageDialog.openInformation(shell, TITLE, open.size() + " finding(s) would be raised, by someone who"
                    + " may write findings:\n\n" + list);
            return null;
        }
        if (!MessageDialog.openConfirm(shell, TITLE, "Raise " + (open.size() == 1 ? "a finding" : open.size()
                + " findings") + " for:\n\n" + list)) {
            return null;
        }
        try {
            List<Finding> raised = BreachFindings.raise(store, open, Instant.now());
            QmsUi.get().changed(List.of());
            MessageDialog.openInformation(shell, TITLE, "Raised: " + raised.stream().map(Finding::getTitle).collect(
                    Collectors.joining("; ")));
        } catch (StoreException e) {
            MessageDialog.openError(shell, TITLE, e.getMessage());
        }
        return null;
    }
}
