package qms.app;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/** First start: where should the suite keep its encrypted database? */
final class ChooseDataDirectoryDialog extends TitleAreaDialog {

    private Text folder;
    private Path chosen;

    ChooseDataDirectoryDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("CRO Quality Suite");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Where should the suite keep its data?");
        setMessage("The database is created here, encrypted. Its key is kept separately, in ~/.config/cro-qms/keys;"
                + " back up both.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(3, false));
        new Label(c, SWT.NONE).setText("Data folder");
        folder = new Text(c, SWT.BORDER);
        folder.setText(DataLocation.suggested().toString());
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 380;
        folder.setLayoutData(gd);
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setFilterPath(folder.getText());
            String picked = d.open();
            if (picked != null) {
                folder.setText(picked);
            }
        });
        folder.addListener(SWT.Modify, e -> getButton(IDialogConstants.OK_ID)
                .setEnabled(!folder.getText().isBlank()));
        return area;
    }

    @Override
    protected void okPressed() {
        chosen = Path.of(folder.getText().trim()).toAbsolutePath();
        super.okPressed();
    }

    Path chosen() {
        return chosen;
    }
}
