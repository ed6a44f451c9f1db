package qms.ui.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.RecordStore;
import qms.core.StoreServer;
import qms.testing.PostgresCluster;
import qms.ui.QmsUi;
import qms.ui.testing.Bot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.WorkbenchBot;

/**
 * <em>Window › Preferences › Database</em> of an installation that exists: the administrator points it at a real
 * PostgreSQL server (Test Connection says what it finds there), which the data folder's settings then name for the
 * next start, and back to the embedded database; each change is in the audit trail of the database open now.
 */
class DatabasePreferencesTest {

    private static final String SERVER = "On a PostgreSQL server, shared by the QA department";
    private static final String LOCAL = "On this computer: the encrypted database in the data folder (one person)";

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();
    private final Path folder = Path.of(System.getProperty("qms.data")).toAbsolutePath();

    @AfterEach
    void closeDialogs() throws Exception {
        workbench.resetWorkbench();
        Files.deleteIfExists(folder.resolve(StoreServer.SETTINGS)); // the next UI test starts on Derby again
    }

    private ShellBot databasePage() {
        workbench.menu("Window", "Preferences...").click(); // the workbench's own action, three dots
        ShellBot preferences = bot.shell("Preferences");
        preferences.tree().select("Database");
        return preferences;
    }

    /** Confirms the change, and answers the offer to restart now with No. */
    private void confirmWithoutRestart() {
        ShellBot confirm = bot.shell("Change the Database");
        assertTrue(String.join(" ", confirm.labelTexts()).contains("nothing is moved"), confirm.labelTexts()
                .toString());
        confirm.button("OK").click();
        bot.waitUntil(() -> bot.shellTitles().contains("Change the Database") && String.join(" ", bot.shell(
                "Change the Database").labelTexts()).startsWith("Restart the suite now"), "the offer to restart");
        bot.shell("Change the Database").button("No").click();
    }

    private AuditEntry lastEntry() {
        long size = store.auditTrail().size();
        List<AuditEntry> last = store.auditTrail().page(size - 1, 1);
        return last.get(0);
    }

    @Test
    void theAdministratorPointsTheInstallationAtAServerForTheNextStartAndBackAgain() throws Exception {
        StoreServer server = PostgresCluster.shared().newDatabase();
        java.net.URI url = java.net.URI.create(server.url().substring("jdbc:".length()));

        ShellBot preferences = databasePage();
        assertTrue(String.join(" ", preferences.labelTexts()).contains("This installation keeps its records in "
                + folder), preferences.labelTexts().toString());
        assertTrue(preferences.radio(LOCAL).isChecked());
        assertFalse(preferences.textWithLabel("Host").isEnabled(), "the server's fields wait for the choice");

        preferences.radio(SERVER).click();
        preferences.textWithLabel("Host").setText(url.getHost());
        preferences.textWithLabel("Port").setText(String.valueOf(url.getPort()));
        preferences.textWithLabel("Database").setText(url.getPath().substring(1));
        preferences.textWithLabel("Database user").setText(server.user());
        preferences.textWithLabel("Password file").setText(server.passwordFile().toString());
        preferences.comboWithLabel("Connection").setSelection("Not encrypted (disable; a trusted network only)");
        preferences.button("Test Connection").click();
        bot.waitUntil(() -> preferences.labelTexts().stream().anyMatch(t -> t.startsWith("Connected to PostgreSQL")),
                "the connection tested");
        String tested = preferences.labelTexts().stream().filter(t -> t.startsWith("Connected to PostgreSQL"))
                .findFirst().orElseThrow();
        assertTrue(tested.contains("not encrypted") && tested.contains("The database holds no store yet"), tested);

        preferences.button("Apply and Close").click();
        confirmWithoutRestart();
        StoreServer written = StoreServer.read(folder.resolve(StoreServer.SETTINGS));
        assertEquals(server.url().replaceFirst("\\?.*", "") + "?sslmode=disable", written.url());
        assertEquals(server.user(), written.user());
        assertEquals(server.passwordFile(), written.passwordFile());
        AuditEntry event = lastEntry();
        assertEquals(AuditAction.SYSTEM, event.action());
        assertTrue(event.newValue().startsWith("Database of this installation from its next start: PostgreSQL "
                + server.describe() + " (was the encrypted database in " + folder + ")"), event.newValue());

        // the page shows what the folder now names, and goes back to the embedded database
        ShellBot again = databasePage();
        assertTrue(again.radio(SERVER).isChecked());
        assertEquals(url.getHost(), again.textWithLabel("Host").getText());
        assertEquals(server.passwordFile().toString(), again.textWithLabel("Password file").getText());
        again.radio(LOCAL).click();
        again.button("Apply and Close").click();
        confirmWithoutRestart();
        assertFalse(Files.exists(folder.resolve(StoreServer.SETTINGS)));
        assertEquals("Database of this installation from its next start: the encrypted database in " + folder
                + " (was PostgreSQL " + server.describe() + ")", lastEntry().newValue());
    }

    @Test
    void aWrongFieldIsNamedAndNothingIsWritten() throws Exception {
        long before = store.auditTrail().size();
        ShellBot preferences = databasePage();
        preferences.radio(SERVER).click();
        preferences.textWithLabel("Port").setText("five");
        preferences.button("Apply and Close").click();
        preferences.widget(org.eclipse.swt.widgets.Text.class, t -> t.getText().equals("Port: 'five' is not a number"),
                "the dialog's message naming the field"); // waits for it
        assertTrue(bot.shellTitles().contains("Preferences"), "the dialog stays open");
        assertFalse(Files.exists(folder.resolve(StoreServer.SETTINGS)));
        assertEquals(before, store.auditTrail().size());
    }
}
