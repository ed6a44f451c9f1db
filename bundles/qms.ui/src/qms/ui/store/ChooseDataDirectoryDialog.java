package qms.ui.store;

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

import qms.core.StoreServer;

/**
 * First start: where should the suite keep its data — an encrypted database on this computer, or a PostgreSQL
 * server a QA department shares? With a server, the folder keeps this installation's settings (which server; never a
 * password).
 */
public final class ChooseDataDirectoryDialog extends TitleAreaDialog {

    private final java.util.function.Function<StoreServer, String> test;
    private Text folder;
    private Button onServer;
    private ServerFields server;
    private Path chosen;
    private StoreServer chosenServer;

    private final String keyPlace;

    /** The dialog's title, over its window's ("CRO Quality Suite"). */
    public static final String TITLE = "Where should the suite keep its data?";

    /**
     * @param test what a connection to a server finds, in a sentence (Test Connection)
     * @param keyFile the key file named on the command line, or null for the default folder
     */
    public ChooseDataDirectoryDialog(Shell parent, java.util.function.Function<StoreServer, String> test,
            Path keyFile) {
        super(parent);
        this.test = test;
        this.keyPlace = keyFile != null ? keyFile.toAbsolutePath().toString() : qms.core.BootKey.defaultKeyFolder()
                .toString();
    }

    private String localMessage() {
        return "The database is created here, encrypted. Its key is kept separately, in " + keyPlace
                + "; back up both.";
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("CRO Quality Suite");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(TITLE);
        setMessage(localMessage());
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(3, false));
        new Label(c, SWT.NONE).setText("Data folder");
        folder = new Text(c, SWT.BORDER);
        folder.setText(qms.core.StoreConfig.defaultDataDirectory().toString());
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
        Button local = new Button(c, SWT.RADIO);
        local.setText("&On this computer: an encrypted database in the data folder (one person)");
        local.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        local.setSelection(true);
        onServer = new Button(c, SWT.RADIO);
        onServer.setText("On a &PostgreSQL server, shared by the QA department (the folder keeps this installation's"
                + " settings)");
        onServer.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        server = new ServerFields(c, test);
        server.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        server.setEnabled(false);
        onServer.addListener(SWT.Selection, e -> {
            server.setEnabled(onServer.getSelection());
            setErrorMessage(null); // a wrong server field no longer matters once the other choice is taken
            setMessage(onServer.getSelection() ? "The records are kept on the server, with their audit trail; ask"
                    + " your database administrator for the settings (see the README: PostgreSQL)."
                    : localMessage());
        });
        return area;
    }

    @Override
    protected void okPressed() {
        chosen = Path.of(folder.getText().trim()).toAbsolutePath();
        if (onServer.getSelection()) {
            try {
                chosenServer = server.server();
            } catch (IllegalArgumentException e) {
                setErrorMessage(e.getMessage());
                return;
            }
            try {
                chosenServer.write(chosen); // the installation's settings, read at each start
            } catch (qms.core.StoreException e) {
                setErrorMessage(e.getMessage());
                return;
            }
        }
        super.okPressed();
    }

    public Path chosen() {
        return chosen;
    }

    /** The server chosen, or null for the embedded database. */
    public StoreServer chosenServer() {
        return chosenServer;
    }
}
