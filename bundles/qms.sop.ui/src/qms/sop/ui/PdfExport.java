package qms.sop.ui;

import java.nio.file.Path;
import java.util.function.Function;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import qms.core.StoreException;

/** Asks where a PDF goes (the last folder of the session first), writes it, says where it is and offers to open it. */
final class PdfExport {

    private static Path lastParent;

    private PdfExport() {
    }

    /** The file the user chose, or null if cancelled. */
    static Path choose(Shell shell, String title, String suggestedName) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText(title);
        dialog.setFilterPath(lastParent == null ? System.getProperty("user.home") : lastParent.toString());
        dialog.setFileName(suggestedName.replaceAll("[^A-Za-z0-9._ -]", "_") + ".pdf");
        dialog.setFilterExtensions(new String[] { "*.pdf" });
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return null;
        }
        Path file = Path.of(chosen).toAbsolutePath();
        lastParent = file.getParent();
        return file;
    }

    /** Writes with {@code writer} (which returns the file's SHA-256); shows the error instead, returns null then. */
    static String write(Shell shell, String title, Path file, Function<Path, String> writer) {
        String[] sha = { null };
        BusyIndicator.showWhile(shell.getDisplay(), () -> {
            try {
                sha[0] = writer.apply(file);
            } catch (StoreException | IllegalStateException e) {
                MessageDialog.openError(shell, title, e.getMessage());
            }
        });
        return sha[0];
    }

    /** Chooses, writes and reports. */
    static void chooseAndWrite(Shell shell, String title, String suggestedName, Function<Path, String> writer) {
        Path file = choose(shell, title, suggestedName);
        if (file == null) {
            return;
        }
        String sha = write(shell, title, file, writer);
        if (sha != null && MessageDialog.openQuestion(shell, title, "Written to " + file + "\nSHA-256 " + sha
                + "\n\nOpen it now?")) {
            Program.launch(file.toString());
        }
    }
}
