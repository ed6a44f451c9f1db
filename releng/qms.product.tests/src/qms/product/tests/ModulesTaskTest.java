package qms.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.Query;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.testing.ModuleTestStore;
import qms.testing.TestRecords;

/**
 * The product as the build made it, run as an IT department runs it: {@code qms.app.run -task modules} uninstalls
 * the backup module from a copy of the installation and installs it again from the build's p2 repository, with the
 * exit codes a script acts on; the module's records stay in the database meanwhile, and each change is in the audit
 * trail with who did it, which module and version, and from where.
 */
class ModulesTaskTest {

    private static final Path REPOSITORY = ProductCopy.REPOSITORY;

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    /** {@code qms.app.run -task modules <args>} in the copy, as {@code user}, the password on standard input. */
    private Run modules(Path product, String user, String password, String... args) throws Exception {
        Path launcher;
        try (Stream<Path> plugins = Files.list(product.resolve("plugins"))) {
            launcher = plugins.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_"))
                    .findFirst().orElseThrow();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", launcher.toString(), "-nosplash", "-application", "qms.app.run", "-task",
                "modules", "-dataDir", dir.resolve("data").toString(), "-keyFile", dir.resolve("store.key")
                        .toString(), "-userId", user));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(product.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the task ended");
        return new Run(p.exitValue(), out);
    }

    @Test
    void theBackupModuleIsUninstalledAndInstalledAgainFromTheRepositoryItsRecordsKept() throws Exception {
        Path product = ProductCopy.of(dir.resolve("cro-qms"));
        String policyId;
        try (ModuleTestStore s = new ModuleTestStore(dir, ModulesTaskTest.class)) {
            ComputerizedSystem edc = TestRecords.system("EDC Database");
            BackupPolicy policy = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
            policy.setName("EDC Database backups");
            policy.setSystem(edc);
            s.store.save(List.of(edc, policy), null);
            policyId = policy.getId();
        }
        String admin = ModuleTestStore.ADMIN.userId();
        String password = "admin's own passphrase";
        String repository = REPOSITORY.toString();

        Run list = modules(product, admin, password, "list", "-repository", repository);
        assertEquals(0, list.exit(), list.out());
        assertTrue(list.out().contains("Installed modules: 4"), list.out());
        assertTrue(list.out().matches("(?s).*qms\\.backup\\.feature  \\S+  CRO Quality Suite backup module  \\(\\d+ KB,"
                + " installed\\).*"), list.out());

        Run refused = modules(product, ModuleTestStore.QA.userId(), ModuleTestStore.QA_PASSWORD, "uninstall",
                "qms.backup.feature");
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.out().contains("quinn is not an administrator"), refused.out());
        assertTrue(ProductCopy.bundles(product).contains("qms.backup.core,"), "nothing was changed");

        Run uninstalled = modules(product, admin, password, "uninstall", "qms.backup.feature");
        assertEquals(0, uninstalled.exit(), uninstalled.out());
        assertTrue(uninstalled.out().contains("was uninstalled; its records stay in the database"), uninstalled.out());
        assertFalse(ProductCopy.bundles(product).contains("qms.backup.core,"), ProductCopy.bundles(product));
        assertTrue(ProductCopy.bundles(product).contains("qms.capa.core,"), "the other modules stay");
        Run again = modules(product, admin, password, "uninstall", "qms.backup.feature");
        assertEquals(3, again.exit(), "nothing to do: " + again.out());

        Run without = modules(product, admin, password, "list", "-repository", repository);
        assertEquals(0, without.exit(), without.out()); // the store opens without the module's model
        assertTrue(without.out().contains("Installed modules: 3"), without.out());
        assertTrue(without.out().matches("(?s).*Records kept of modules not installed: \\d+ \\(.*backup:BackupPolicy"
                + " 1[,)].*"), without.out());
        assertFalse(list.out().contains("Records kept"), "none while the module is installed");
        assertTrue(without.out().matches("(?s).*qms\\.backup\\.feature  \\S+  CRO"
                + " Quality Suite backup module  \\(\\d+ KB, not installed\\).*"), without.out());

        Run installed = modules(product, admin, password, "install", "qms.backup.feature", "-repository",
                repository);
        assertEquals(0, installed.exit(), installed.out());
        assertTrue(ProductCopy.bundles(product).contains("qms.backup.core,"), ProductCopy.bundles(product));
        Run twice = modules(product, admin, password, "install", "qms.backup.feature", "-repository", repository);
        assertEquals(3, twice.exit(), "installed already: " + twice.out());

        try (ModuleTestStore s = reopen()) {
            assertEquals(policyId, s.store.get(policyId).getId(), "the module's record is there again");
            List<String> events = new ArrayList<>();
            long size = s.store.auditTrail().size();
            for (AuditEntry e : s.store.auditTrail().page(0, (int) size)) {
                if (e.action() == AuditAction.SYSTEM && e.newValue() != null && e.newValue().startsWith("Module ")) {
                    events.add(e.user() + ": " + e.newValue());
                }
            }
            assertEquals(2, events.size(), events.toString());
            assertTrue(events.get(0).startsWith("admin: Module uninstalled: CRO Quality Suite backup module"
                    + " (qms.backup.feature) 0.1.0."), events.toString());
            assertTrue(events.get(1).startsWith("admin: Module installed: CRO Quality Suite backup module"
                    + " (qms.backup.feature) 0.1.0.") && events.get(1).endsWith(" from " + REPOSITORY.toUri()),
                    events.toString());
            assertEquals(1, s.store.count(Query.of(BackupPackage.Literals.BACKUP_POLICY)));
        }
    }

    /** The test's own store again (its accounts exist already: only opened). */
    private ModuleTestStore reopen() throws InterruptedException {
        return ModuleTestStore.reopen(dir, ModulesTaskTest.class);
    }
}
