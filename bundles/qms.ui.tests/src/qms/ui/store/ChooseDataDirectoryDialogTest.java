package qms.ui.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.StoreServer;
import qms.ui.testing.Bot;
import qms.ui.testing.ShellBot;

/**
 * The first start's question where the data goes, in the real dialog: it names the place the key really goes
 * (the test runtime sets {@code XDG_CONFIG_HOME}, or a key file named on the command line), a server's wrong field
 * is named with nothing written, and the embedded choice writes nothing to the folder either.
 */
class ChooseDataDirectoryDialogTest {

    private final Bot bot = new Bot();
    private ChooseDataDirectoryDialog dialog;

    @AfterEach
    void close() {
        bot.syncExec(() -> {
            if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
                dialog.close();
            }
        });
    }

    private ShellBot open(Path keyFile) {
        bot.syncExec(() -> {
            dialog = new ChooseDataDirectoryDialog(null, server -> "Connected to " + server.describe(), keyFile);
            dialog.setBlockOnOpen(false);
            dialog.open();
        });
        return bot.shell("CRO Quality Suite");
    }

    private String message(ShellBot shell) {
        Text message = shell.widget(Text.class, t -> t.getText().startsWith("The database is created here"),
                "the dialog's message");
        return bot.syncExec(() -> message.getText());
    }

    @Test
    void theKeysPlaceIsWhereXdgConfigHomeSaysNotTheUsualFolder() {
        Path xdg = Path.of(System.getProperty("qms.test.xdgConfigHome"));
        assertEquals(xdg.toString(), System.getenv("XDG_CONFIG_HOME"), "the runtime sets XDG_CONFIG_HOME");
        ShellBot shell = open(null);
        String message = message(shell);
        assertTrue(message.contains("Its key is kept separately, in " + xdg.resolve("cro-qms").resolve("keys")
                + "; back up both."), message);
        assertFalse(message.contains(".config/cro-qms"), message);
    }

    @Test
    void aKeyFileNamedOnTheCommandLineIsTheOneNamed(@TempDir Path dir) {
        Path key = dir.resolve("elsewhere").resolve("store.key");
        ShellBot shell = open(key);
        assertTrue(message(shell).contains("Its key is kept separately, in " + key + "; back up both."),
                message(shell));
    }

    @Test
    void aServersWrongFieldIsNamedAndNothingIsWrittenThenTheEmbeddedChoiceWritesNothingEither(@TempDir Path dir)
            throws Exception {
        Path folder = dir.resolve("qms-data");
        ShellBot shell = open(null);
        assertFalse(shell.textWithLabel("Host").isEnabled(), "the server's fields wait for the choice");
        shell.textWithLabel("Data folder").setText(folder.toString());
        shell.radio("On a PostgreSQL server, shared by the QA department (the folder keeps this installation's"
                + " settings)").click();
        assertTrue(shell.textWithLabel("Host").isEnabled());
        shell.widget(Text.class, t -> t.getText().startsWith("The records are kept on the server"),
                "the message for a server");
        shell.textWithLabel("Host").setText("qms-db.example.org");
        shell.textWithLabel("Port").setText("five");
        shell.button("OK").click();
        shell.widget(Text.class, t -> t.getText().strip().equals("Port: 'five' is not a number"),
                "the dialog's message naming the field");
        assertTrue(shell.isOpen(), "the dialog stays open");
        assertFalse(Files.exists(folder.resolve(StoreServer.SETTINGS)), "no settings written");

        shell.radio("On this computer: an encrypted database in the data folder (one person)").click();
        message(shell); // the message for the embedded database again
        shell.button("OK").click();
        bot.waitUntil(() -> !shell.isOpen(), "the dialog closed");
        assertEquals(folder, dialog.chosen());
        assertNull(dialog.chosenServer());
        assertFalse(Files.exists(folder), "the folder is made when the store is created, not by the dialog");
    }
}
