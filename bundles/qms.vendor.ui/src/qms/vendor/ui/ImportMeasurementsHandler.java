package qms.vendor.ui;

import java.time.Instant;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

import qms.core.StoreException;
import qms.model.Finding;
import qms.ui.QmsUi;
import qms.vendor.core.BreachFindings;
import qms.vendor.core.MeasurementImport;

/** Vendors › Import KPI Measurements…: the file, then what was imported, the breaches and the findings raised. */
public final class ImportMeasurementsHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Shell shell = HandlerUtil.getActiveWorkbenchWindowChecked(event).getShell();
        ImportMeasurementsDialog dialog = new ImportMeasurementsDialog(shell);
        if (dialog.open() != Window.OK) {
            return null;
        }
        MeasurementImport.Result[] result = new MeasurementImport.Result[1];
        try {
            BusyIndicator.showWhile(shell.getDisplay(), () -> result[0] = new MeasurementImport(QmsUi.get().store())
                    .importFile(dialog.file(), Instant.now()));
        } catch (MeasurementImport.RefusedException | StoreException e) {
            MessageDialog.openError(shell, ImportMeasurementsDialog.TITLE, e.getMessage());
            return null;
        }
        QmsUi.get().changed(List.of());
        MessageDialog.openInformation(shell, ImportMeasurementsDialog.TITLE, describe(dialog.file().getFileName()
                .toString(), result[0]));
        return null;
    }

    static String describe(String file, MeasurementImport.Result r) {
        StringBuilder b = new StringBuilder("Imported " + r.imported() + " measurement" + (r.imported() == 1 ? ""
                : "s") + " from " + file + (r.skipped() == 0 ? "" : "; " + r.skipped() + " stored already, skipped")
                + ".");
        if (r.breaches().isEmpty()) {
            b.append("\nEvery one meets its target.");
        }
        for (BreachFindings.Breach x : r.breaches()) {
            b.append("\n\n").append(x.kpi().getName()).append(", ").append(x.measurement().getPeriod()).append(": ")
                    .append(x.result().text()).append('.');
        }
        for (Finding f : r.raised()) {
            b.append("\n\nFinding raised: ").append(f.getTitle()).append(" (").append(f.getReference()).append(")");
        }
        return b.toString();
    }
}
