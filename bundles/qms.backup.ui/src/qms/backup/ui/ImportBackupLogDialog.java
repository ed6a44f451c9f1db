package qms.backup.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.backup.core.ImportFormat;

/** Asks what to import: the file a backup tool wrote, which output it is, and how to read it. */
final class ImportBackupLogDialog extends TitleAreaDialog {

    static final String TITLE = "Import Backup Log";

    /** What the user chose. */
    record Choice(Path file, ImportFormat format, String repository, ZoneId toolZone) {
    }

    private Text file;
    private Combo format;
    private Text repository;
    private Combo zone;
    private Choice choice;
    /** The file whose format was last guessed. */
    private String guessedFor;

    ImportBackupLogDialog(Shell parent) {
        super(parent);
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setHelpAvailable(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(TITLE);
        setMessage("Each snapshot or archive becomes a log entry of the system whose policy matches it. A file"
                + " with any problem imports nothing; importing it again adds only what is new.");
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);

        new Label(fields, SWT.NONE).setText("&File:");
        file = new Text(fields, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(file);
        Button browse = new Button(fields, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, e -> browse());

        new Label(fields, SWT.NONE).setText("&Output of:");
        format = new Combo(fields, SWT.READ_ONLY);
        for (ImportFormat f : ImportFormat.values()) {
            format.add(f.command());
        }
        format.select(0);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(format);

        new Label(fields, SWT.NONE).setText("&Repository:");
        repository = new Text(fields, SWT.BORDER);
        repository.setMessage("restic only: its output does not name the repository");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(360, SWT.DEFAULT).applyTo(repository);

        new Label(fields, SWT.NONE).setText("Borg &times in:");
        zone = new Combo(fields, SWT.READ_ONLY);
        zone.add("this computer's time zone (" + ZoneId.systemDefault() + ")");
        zone.add("UTC (borg run with TZ=UTC)");
        zone.select(0);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(zone);
        file.addListener(SWT.Modify, e -> validate());
        return area;
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        return qms.ui.Dialogs.initialSize(getShell(), super.getInitialSize(), convertWidthInCharsToPixels(100));
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Import", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        validate();
    }

    private void browse() {
        FileDialog d = new FileDialog(getShell(), SWT.OPEN);
        d.setText("Backup tool output");
        d.setFilterExtensions(new String[] { "*.json;*.csv", "*" });
        d.setFilterPath(System.getProperty("user.home"));
        String chosen = d.open();
        if (chosen != null) {
            file.setText(chosen); // validate() guesses its format
        }
    }

    /** Selects the format the file's start suggests ({@link ImportFormat#guess}). */
    private void guessFormat(Path path) {
        try (var in = Files.newBufferedReader(path)) {
            char[] head = new char[4096];
            int n = in.read(head);
            String s = n <= 0 ? "" : new String(head, 0, n).stripLeading();
            format.select(ImportFormat.guess(s).ordinal());
        } catch (java.io.IOException | RuntimeException e) {
            // the import names what is wrong with the file
        }
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null) {
            return;
        }
        String f = file.getText().strip();
        boolean exists = !f.isEmpty() && Files.isRegularFile(Path.of(f));
        if (exists && !f.equals(guessedFor)) {
            // typed, pasted or browsed: once per file, so a format the user picks afterwards stays
            guessedFor = f;
            guessFormat(Path.of(f));
        }
        ok.setEnabled(exists);
        setErrorMessage(f.isEmpty() || exists ? null : "There is no file " + f);
    }

    @Override
    protected void okPressed() {
        choice = new Choice(Path.of(file.getText().strip()), ImportFormat.values()[format.getSelectionIndex()],
                repository.getText().isBlank() ? null : repository.getText().strip(),
                zone.getSelectionIndex() == 1 ? ZoneOffset.UTC : ZoneId.systemDefault());
        super.okPressed();
    }

    Choice choice() {
        return choice;
    }
}
