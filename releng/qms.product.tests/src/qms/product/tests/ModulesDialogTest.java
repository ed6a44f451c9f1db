package qms.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.RecordStore;
import qms.modules.ModuleChanges;
import qms.modules.Modules;
import qms.modules.ui.ModulesDialog;
import qms.ui.QmsUi;
import qms.ui.testing.Bot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.TableBot;
import qms.ui.testing.WorkbenchBot;

/**
 * <em>Help › Modules…</em> as an administrator uses it, its real widgets driven in the signed-in workbench: on a
 * copy of the built product (its own p2 profile, opened with a p2 agent of its own, since this test runtime is not
 * managed by p2) the backup module is uninstalled and installed again from the build's repository, with the state,
 * size and restart offer shown, and each change in the audit trail of the suite's database.
 */
class ModulesDialogTest {

    private static final String BACKUP = "CRO Quality Suite backup module";

    private final Bot bot = new Bot().timeout(java.time.Duration.ofSeconds(120));
    private final WorkbenchBot workbench = bot.workbench();
    private IProvisioningAgent agent;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        workbench.resetWorkbench();
        if (agent != null) {
            agent.stop();
        }
    }

    @Test
    void aRuntimeNotManagedByP2SaysSoInsteadOfFailing() {
        workbench.menu("Help", "Modules\u2026").click();
        ShellBot info = bot.shell("Modules");
        assertTrue(String.join(" ", info.labelTexts()).contains("not managed by p2"), info.labelTexts().toString());
        info.button("OK").click();
    }

    @Test
    void anAdministratorUninstallsAndInstallsTheBackupModuleInTheDialog() throws Exception {
        Path product = ProductCopy.of(dir.resolve("cro-qms"));
        ProductCopy.relocateProfile(product);
        Modules modules = new Modules(agent(product), "DefaultProfile", product);
        RecordStore store = QmsUi.get().store();
        AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
        bot.display().asyncExec(() -> result.set(new ModulesDialog(workbench.shell().widget(), modules,
                new ModuleChanges(store, modules)).open()));
        ShellBot dialog = bot.shell("Modules");
        TableBot table = dialog.table();
        assertEquals(List.of("Module", "Installed", "Offered", "Size", "State", "What it adds"), table.columnTitles());
        assertEquals(4, table.rowCount(), "the four modules the build installed");
        int backup = row(table, BACKUP);
        assertEquals("Installed", table.cell(backup, 4));
        assertFalse(table.cell(backup, 5).isBlank(), "what the module adds");
        String adds = table.cell(backup, 5);
        org.eclipse.swt.widgets.Table widget = (org.eclipse.swt.widgets.Table) table.widget();
        assertTrue(bot.syncExec(() -> {
            org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(widget);
            try {
                return gc.textExtent(adds).x > widget.getColumn(5).getWidth();
            } finally {
                gc.dispose();
            }
        }), "the backup module's description is wider than its column: " + adds);
        assertEquals(adds, table.hover(backup, 5), "its tooltip has it whole");
        assertFalse(dialog.button("Restart Now").isEnabled(), "nothing to restart for yet");

        table.select(backup);
        assertFalse(dialog.button("Install").isEnabled(), "installed already");
        dialog.button("Uninstall\u2026").click();
        ShellBot confirm = bot.shell("Uninstall " + BACKUP);
        assertTrue(String.join(" ", confirm.labelTexts()).contains("Its records stay in the database"));
        confirm.button("OK").click();
        bot.waitUntil(() -> dialog.labelTexts().stream().anyMatch(t -> t.contains("was uninstalled")),
                "the module uninstalled");
        assertFalse(ProductCopy.bundles(product).contains("qms.backup.core,"), "gone at the copy's next start");
        assertTrue(ProductCopy.bundles(product).contains("qms.capa.core,"), "the other modules stay");
        assertTrue(dialog.button("Restart Now").isEnabled(), "a restart is offered");
        assertEquals(3, dialog.table().rowCount(), "no repository read yet: the installed ones");

        dialog.textWithLabel("Repository:").setText(ProductCopy.REPOSITORY.toString());
        dialog.button("Show Offered").click();
        bot.waitUntil(() -> dialog.table().rowCount() == 4, "the repository's modules");
        int offered = row(dialog.table(), BACKUP);
        assertEquals("Not installed", dialog.table().cell(offered, 4));
        assertEquals("\u2014", dialog.table().cell(offered, 1));
        assertTrue(dialog.table().cell(offered, 3).matches("\\d+ KB|\\d+\\.\\d MB"), dialog.table().cell(offered, 3));
        dialog.table().select(offered);
        assertFalse(dialog.button("Uninstall\u2026").isEnabled(), "not installed");
        dialog.button("Install").click();
        bot.waitUntil(() -> dialog.labelTexts().stream().anyMatch(t -> t.contains("was installed from")),
                "the module installed");
        assertTrue(ProductCopy.bundles(product).contains("qms.backup.core,"), ProductCopy.bundles(product));
        assertEquals("Installed", dialog.table().cell(row(dialog.table(), BACKUP), 4));

        dialog.button("Restart Now").click();
        bot.waitUntil(() -> result.get() == ModulesDialog.RESTART, "the dialog asks its caller to restart");

        List<String> events = new ArrayList<>();
        for (AuditEntry e : store.auditTrail().page(0, (int) store.auditTrail().size())) {
            if (e.action() == AuditAction.SYSTEM && e.newValue() != null && e.newValue().startsWith("Module ")) {
                events.add(e.user() + ": " + e.newValue());
            }
        }
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).startsWith(SignedInApplication.ADMIN + ": Module uninstalled: " + BACKUP
                + " (qms.backup.feature) 0.1.0."), events.toString());
        assertTrue(events.get(1).endsWith(" from " + ProductCopy.REPOSITORY.toUri()), events.toString());
    }

    @Test
    void someoneWhoIsNotAnAdministratorSeesTheModulesButCannotChangeThem() throws Exception {
        Path product = ProductCopy.of(dir.resolve("cro-qms"));
        ProductCopy.relocateProfile(product);
        Modules modules = new Modules(agent(product), "DefaultProfile", product);
        try (qms.testing.ModuleTestStore other = new qms.testing.ModuleTestStore(dir.resolve("store"), getClass())) {
            other.actAs(qms.testing.ModuleTestStore.QA); // a QA manager, not an administrator
            bot.display().asyncExec(() -> new ModulesDialog(workbench.shell().widget(), modules, new ModuleChanges(
                    other.store, modules)).open());
            ShellBot dialog = bot.shell("Modules");
            dialog.table().select(row(dialog.table(), BACKUP));
            assertFalse(dialog.button("Uninstall\u2026").isEnabled(), "only an administrator uninstalls");
            assertFalse(dialog.button("Install").isEnabled());
            assertEquals(4, dialog.table().rowCount(), "but sees what is installed");
            dialog.button("Close").click();
        }
        assertTrue(ProductCopy.bundles(product).contains("qms.backup.core,"), "nothing changed");
    }

    private static int row(TableBot table, String name) {
        for (int i = 0; i < table.rowCount(); i++) {
            if (table.cell(i, 0).equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name + " is not in the table");
    }

    private IProvisioningAgent agent(Path product) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ModulesDialogTest.class).getBundleContext();
        ServiceReference<IProvisioningAgentProvider> ref = context.getServiceReference(
                IProvisioningAgentProvider.class);
        assertTrue(ref != null, "p2's agent provider is running");
        agent = context.getService(ref).createAgent(product.resolve("p2").toUri());
        return agent;
    }
}
