package qms.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.PlatformUI;

import qms.core.Principal;
import qms.core.StoreException;
import qms.core.StoreServer;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.store.ServerFields;

/**
 * <em>Window › Preferences › Database</em>: where this installation keeps its records — the encrypted database in
 * its data folder, or a PostgreSQL server (the folder's {@value StoreServer#SETTINGS}) — for an installation that
 * exists already (the first start asks in {@link qms.ui.store.ChooseDataDirectoryDialog}). An administrator changes it; it takes
 * effect at the next start, is recorded in the audit trail of the database open now, and moves no records (that is
 * {@code -task migrate-store}). Settings given on the command line ({@code -Dqms.store.url}) are shown, not changed.
 */
public final class DatabasePreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    private Path folder;
    private StoreServer now;
    private boolean fromCommandLine;
    private Button local;
    private Button onServer;
    private ServerFields server;

    @Override
    public void init(IWorkbench workbench) {
        noDefaultAndApplyButton();
        folder = DataLocation.current();
        String url = System.getProperty("qms.store.url");
        fromCommandLine = url != null && !url.isBlank();
        try {
            now = folder == null ? null : StoreServer.configured(folder);
        } catch (StoreException e) {
            now = null;
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        wrapped(c, "This installation keeps its records in " + (folder == null ? "(unknown)" : DataLocation.where(
                folder)) + (now == null ? "" : ", its settings in the data folder " + folder) + ".");
        local = new Button(c, SWT.RADIO);
        local.setText("&On this computer: the encrypted database in the data folder (one person)");
        onServer = new Button(c, SWT.RADIO);
        onServer.setText("On a &PostgreSQL server, shared by the QA department");
        server = new ServerFields(c, Application::checkServer);
        server.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        if (now != null) {
            server.show(now);
        }
        local.setSelection(now == null);
        onServer.setSelection(now != null);
        wrapped(c, "A change takes effect at the next start and is recorded in the audit trail. No records are"
                + " moved: that is the task migrate-store (README: PostgreSQL).");
        boolean administrator = isAdministrator();
        boolean editable = administrator && !fromCommandLine && folder != null;
        local.setEnabled(editable);
        onServer.setEnabled(editable);
        server.setEnabled(editable && now != null);
        for (Button b : new Button[] { local, onServer }) {
            b.addListener(SWT.Selection, e -> server.setEnabled(onServer.getSelection()));
        }
        if (fromCommandLine) {
            setMessage("The server is set on the command line (-Dqms.store.url); change it there.", WARNING);
        } else if (!administrator) {
            setMessage("Only an administrator can change where this installation keeps its records.", INFORMATION);
        }
        return c;
    }

    private static void wrapped(Composite parent, String text) {
        Label l = new Label(parent, SWT.WRAP);
        l.setText(text);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
        gd.widthHint = 480;
        l.setLayoutData(gd);
    }

    private static boolean isAdministrator() {
        Principal p = Session.principal();
        try {
            return QmsUi.get().store().accounts().isAdministrator(p);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean performOk() {
        if (!local.isEnabled()) {
            return true;
        }
        StoreServer chosen;
        try {
            chosen = onServer.getSelection() ? server.server() : null;
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
        if (Objects.equals(chosen, now)) {
            return true;
        }
        String from = describe(now);
        String to = describe(chosen);
        if (!MessageDialog.openConfirm(getShell(), "Change the Database", "From its next start this installation"
                + " opens " + to + " instead of " + from + ".\n\nThe records of " + from + " stay where they are;"
                + " nothing is moved." + (chosen == null ? " If the data folder has no database yet, an empty one is"
                        + " created." : ""))) {
            return false;
        }
        try {
            QmsUi.get().store().auditTrail().recordSystemEvent("Database of this installation from its next start: "
                    + to + " (was " + from + ")");
            if (chosen == null) {
                Files.deleteIfExists(folder.resolve(StoreServer.SETTINGS));
            } else {
                chosen.write(folder);
            }
        } catch (RuntimeException | IOException e) {
            setErrorMessage("The setting was not changed: " + e.getMessage());
            return false;
        }
        now = chosen;
        if (MessageDialog.openQuestion(getShell(), "Change the Database", "Restart the suite now to open " + to
                + "?")) {
            getShell().getDisplay().asyncExec(() -> PlatformUI.getWorkbench().restart());
        }
        return true;
    }

    private String describe(StoreServer s) {
        return s == null ? "the encrypted database in " + folder : "PostgreSQL " + s.describe();
    }
}
