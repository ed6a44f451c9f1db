package qms.vendor.ui;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.ui.TitledDialog;

/** Which CSV file of KPI measurements to import; its layout is said above the field. */
final class ImportMeasurementsDialog extends TitledDialog {

    static final String TITLE = "Import KPI Measurements";

    private Text file;
    private Path chosen;

    ImportMeasurementsDialog(Shell parent) {
        super(parent, TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = body(area, TITLE, "A CSV file with the header agreement,kpi,period,downtime_minutes,value,notes:"
                + " availability takes downtime minutes, every other KPI a value; a period is 2026-08 or 2026-Q3.", 3);
        new Label(c, SWT.NONE).setText("CSV &file:");
        file = new Text(c, SWT.BORDER);
        file.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.CENTER, true, false));
        ((org.eclipse.swt.layout.GridData) file.getLayoutData()).widthHint = 420;
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.csv", "*" });
            String f = d.open();
            if (f != null) {
                file.setText(f);
            }
        });
        Label note = new Label(c, SWT.WRAP);
        note.setText("Every row is checked first: if one is wrong, nothing is imported and each wrong row is named."
                + " A measurement that misses its target raises a finding (once).");
        note.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        ((org.eclipse.swt.layout.GridData) note.getLayoutData()).widthHint = 420;
        file.addListener(SWT.Modify, e -> check());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("&Import");
        check();
    }

    private void check() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null) {
            return;
        }
        String f = file.getText().strip();
        boolean exists = !f.isEmpty() && Files.isRegularFile(Path.of(f));
        setErrorMessage(f.isEmpty() || exists ? null : f + " is not a file");
        ok.setEnabled(exists);
    }

    @Override
    protected void okPressed() {
        chosen = Path.of(file.getText().strip());
        super.okPressed();
    }

    Path file() {
        return chosen;
    }
}
