package qms.backup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.core.ComplianceLogExport;
import qms.backup.model.BackupCopy;
import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.BackupTool;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.backup.model.VerificationMethod;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.Finding;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;
import qms.ui.QmsUi;
import qms.ui.testing.Bot;
import qms.ui.testing.ContainerBot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.TableBot;
import qms.ui.testing.ViewBot;
import qms.ui.testing.WorkbenchBot;

/**
 * The backup module in the real workbench: the compliance view and log computed from records, the log's filters and
 * export, and the import dialog reading real restic output.
 */
class BackupViewsTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();
    private final LocalDate today = LocalDate.now();

    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        workbench.resetWorkbench();
    }

    private ComputerizedSystem system(String name) {
        return TestSystems.saved(store, name, GxpCriticality.MEDIUM);
    }

    /** A policy with an encrypted on-site and off-site copy, a backup just after midnight every day, a reviewed passed test. */
    private ComputerizedSystem compliantSystem(String name) {
        ComputerizedSystem s = system(name);
        BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
        p.setName(name + " policy");
        p.setSystem(s);
        p.setTool(BackupTool.OTHER); // imports of restic output (another test) must not match it
        for (boolean offsite : new boolean[] { false, true }) {
            BackupCopy c = Records.newRecord(BackupPackage.Literals.BACKUP_COPY);
            c.setSite(offsite ? "Dublin" : "Frankfurt");
            c.setOffsite(offsite);
            c.setEncrypted(true);
            p.getCopies().add(c);
        }
        store.save(p, null);
        List<BackupLogEntry> log = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
            e.setSystem(s);
            e.setStartedAt(Date.from(today.minusDays(i).atStartOfDay(ZoneId.systemDefault()).plusSeconds(1).toInstant()));
            e.setSnapshotId(name + "-" + i);
            e.setCompleted(true);
            log.add(e);
        }
        store.save(log, null);
        RestorationTest t = Records.newRecord(BackupPackage.Literals.RESTORATION_TEST);
        t.setTitle("Quarterly restore of " + name);
        t.setSystem(s);
        t.setTestedAt(Date.from(today.minusDays(10).atTime(10, 0).atZone(ZoneId.systemDefault()).toInstant()));
        t.setResult(RestoreResult.PASSED);
        t.setVerificationMethod(VerificationMethod.CHECKSUMS);
        store.save(t, null);
        store.signatures().sign(t.getId(), SignedInApplication.ADMIN, SignedInApplication.ADMIN_PASSWORD
                .toCharArray(), "Reviewed");
        return s;
    }

    private static int row(TableBot table, String firstCell) {
        for (int r = 0; r < table.rowCount(); r++) {
            if (firstCell.equals(table.cell(r, 0))) {
                return r;
            }
        }
        return -1;
    }

    @Test
    void theComplianceViewShowsComputedStatusesAndRaisesFindingsOnlyWhenAskedAndOnce() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ComputerizedSystem ctms = compliantSystem("CTMS " + tag);
        ComputerizedSystem lims = system("LIMS " + tag);
        String reference = "AUTO-BC-" + lims.getId().substring(0, 8);
        Query ofLims = Query.of(QmsPackage.Literals.FINDING).where(QmsPackage.Literals.FINDING__REFERENCE, reference);
        long trail = store.auditTrail().size();

        ViewBot view = workbench.showView(BackupComplianceView.ID);
        TableBot table = view.bot().table();
        bot.waitUntil(() -> row(table, lims.getName()) >= 0, "the systems are listed");
        int l = row(table, lims.getName());
        assertEquals("Non-Compliant", table.cell(l, 1));
        assertEquals("No active backup policy for this system", table.cell(l, 2));
        int c = row(table, ctms.getName());
        assertEquals("Compliant", table.cell(c, 1), table.cell(c, 2));
        assertEquals("All rules met", table.cell(c, 2));
        assertEquals(today.minusDays(10).plusDays(90).toString(), table.cell(c, 3));

        // looking writes nothing: the view says what would be raised
        assertEquals(0, store.count(ofLims), "opening the view raised no finding");
        assertEquals(trail, store.auditTrail().size(), "opening the view wrote nothing at all");
        assertTrue(view.bot().labelTexts().stream().anyMatch(t -> t.matches(".*; \\d+ findings? would be raised")),
                view.bot().labelTexts().toString());

        qms.ui.testing.ButtonBot raise = view.bot().button("Raise Findings\u2026");
        String tip = raise.getToolTipText();
        assertTrue(tip != null && tip.startsWith("Raises a finding for each Non-Compliant system"), tip);
        raise.click();
        ShellBot ask = bot.shell(BackupComplianceView.RAISE_TITLE);
        assertEquals(null, raise.getToolTipText(), "the button's tooltip is not left painted over the dialog");
        assertTrue(ask.labelTexts().stream().anyMatch(t -> t.contains("\u2022 Backups of " + lims.getName()
                + " are Non-Compliant (")), "the finding is listed before it is raised: " + ask.labelTexts());
        ask.button("Cancel").click();
        assertEquals(0, store.count(ofLims), "cancelled: nothing raised");
        bot.waitUntil(() -> tip.equals(raise.getToolTipText()), "the tooltip is back once the dialog closed");

        view.bot().button("Raise Findings\u2026").click();
        ShellBot again = bot.shell(BackupComplianceView.RAISE_TITLE);
        org.eclipse.swt.widgets.Button confirm = again.widget(org.eclipse.swt.widgets.Button.class, b -> b.getText()
                .startsWith("&Raise "), "Raise N findings");
        String raiseLabel = bot.syncExec(() -> confirm.getText().replace("&", ""));
        again.button(raiseLabel).click();
        bot.waitUntil(() -> store.count(ofLims) == 1, "the Non-Compliant system got its finding");
        List<Finding> raised = store.list(ofLims).stream().map(Finding.class::cast).toList();
        assertEquals(qms.core.FindingCategories.NO_BACKUP_POLICY, ((Finding) store.get(raised.get(0).getId()))
                .getCategory().getName());
        bot.waitUntil(() -> view.bot().labelTexts().stream().anyMatch(t -> t.matches(".*; \\d+ findings? raised")),
                "the view says what was raised");
        assertFalse(view.bot().button("Raise Findings\u2026").isEnabled(), "nothing left to raise");

        view.bot().button("Refresh").click();
        bot.waitUntil(() -> row(table, lims.getName()) >= 0, "listed again");
        assertEquals(1, store.count(ofLims), "not raised again");
    }

    @Test
    void aSystemsSeveralReasonsAreInItsCellAndOneALineInTheCellsTooltip() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ComputerizedSystem etmf = system("eTMF " + tag);
        BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY); // one copy, on-site, unencrypted,
        p.setName(etmf.getName() + " policy"); // no backup logged, never restore-tested
        p.setSystem(etmf);
        p.setTool(BackupTool.OTHER);
        BackupCopy c = Records.newRecord(BackupPackage.Literals.BACKUP_COPY);
        c.setSite("Frankfurt");
        c.setOffsite(false);
        c.setEncrypted(false);
        p.getCopies().add(c);
        store.save(p, null);

        workbench.hideView(BackupComplianceView.ID); // an earlier test may have left it open, computed before
        TableBot table = workbench.showView(BackupComplianceView.ID).bot().table();
        bot.waitUntil(() -> row(table, etmf.getName()) >= 0, "the system is listed");
        int r = row(table, etmf.getName());
        String cell = table.cell(r, 2);
        String tooltip = table.hover(r, 2);
        List<String> lines = List.of(tooltip.split("\n"));
        assertTrue(lines.size() >= 3, "each broken rule a line: " + tooltip);
        assertEquals(String.join("; ", lines), cell, "the cell holds the same reasons on one line");
        assertTrue(lines.stream().anyMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("encrypt")), tooltip);
        assertEquals(table.cell(r, 4), table.hover(r, 4), "any other cell's tooltip is its whole text");
        workbench.hideView(BackupComplianceView.ID);
    }

    @Test
    void aSystemsFormShowsItsBackupStatusWithALinkToTheComplianceView() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ComputerizedSystem lims = system("LIMS " + tag);
        ComputerizedSystem ctms = compliantSystem("CTMS " + tag);

        qms.ui.testing.EditorBot form = openForm(lims);
        bot.waitUntil(() -> form.bot().labelTexts().contains("Backups over the last 30 days: Non-Compliant \u2014 no"
                + " active backup policy for this system"), "the status above the fields: " + form.bot().labelTexts());
        org.eclipse.ui.forms.widgets.Hyperlink link = form.bot().widget(org.eclipse.ui.forms.widgets.Hyperlink.class,
                h -> h.getText().startsWith("Backup Compliance"), "the link to the compliance view");
        bot.click(link, 3, 3);
        ViewBot view = workbench.view("Backup Compliance");
        TableBot table = view.bot().table();
        bot.waitUntil(() -> row(table, lims.getName()) >= 0, "the view lists the system");

        qms.ui.testing.EditorBot compliant = openForm(ctms);
        bot.waitUntil(() -> compliant.bot().labelTexts().stream().anyMatch(t -> t.equals("Backups over the last 30"
                + " days: Compliant; next restoration test due " + today.minusDays(10).plusDays(90))),
                "a compliant system says so, with its next test: " + compliant.bot().labelTexts());
        workbench.hideView(BackupComplianceView.ID); // the next test opens it afresh
    }

    private qms.ui.testing.EditorBot openForm(ComputerizedSystem s) {
        bot.syncExec(() -> {
            BackupUi.open(org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), s);
            return null;
        });
        return workbench.editor(s.getName());
    }

    @Test
    void aBackupsStartIsEditedAsDateAndTimeAndOpeningTheFormChangesNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ComputerizedSystem s = system("EDC " + tag);
        ZoneId zone = ZoneId.systemDefault();
        java.time.Instant started = java.time.LocalDateTime.of(2026, 3, 4, 2, 15, 30).atZone(zone).toInstant()
                .plusMillis(123);
        BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
        e.setSystem(s);
        e.setSnapshotId("snap-" + tag);
        e.setStartedAt(Date.from(started));
        e.setCompleted(true);
        store.save(e, null);

        bot.syncExec(() -> {
            BackupUi.open(org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), e);
            return null;
        });
        qms.ui.testing.EditorBot editor = workbench.editor("snap-" + tag);
        ContainerBot form = editor.bot();
        assertEquals(LocalDate.of(2026, 3, 4), form.dateTimeWithLabel("Started at *").getDate());
        assertEquals(java.time.LocalTime.of(2, 15, 30), form.time(0).getTime(), "the time of day, in the viewer's"
                + " zone");
        bot.sleep(500); // GTK's date field reports a selection after it is set up: that must change nothing
        assertTrue(!editor.isDirty(), "opening the form changed nothing");

        form.time(0).setTime(java.time.LocalTime.of(3, 0, 5));
        bot.waitUntil(editor::isDirty, "the new time makes the editor dirty");
        editor.save();
        bot.waitUntil(() -> !editor.isDirty(), "saved");
        assertEquals(java.time.LocalDateTime.of(2026, 3, 4, 3, 0, 5).atZone(zone).toInstant(),
                ((BackupLogEntry) store.get(e.getId())).getStartedAt().toInstant());
    }

    @Test
    void theComplianceLogFiltersSortsAndExports() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ComputerizedSystem ctms = compliantSystem("CTMS " + tag);
        system("LIMS " + tag);

        ViewBot view = workbench.showView(ComplianceLogView.ID);
        ComplianceLogView part = bot.syncExec(() -> (ComplianceLogView) view.reference().getPart(false));
        bot.waitUntil(() -> !bot.syncExec(part::loading), "the rows computed in the background");
        ContainerBot bar = view.bot();
        TableBot table = bar.table();
        assertEquals(List.of("Date", "System", "Backup Completed", "Restoration Tested", "Status"),
                table.columnTitles());
        bar.comboWithLabel("System").setSelection(ctms.getName());
        bot.waitUntil(() -> table.rowCount() == 31, "31 days of the default period for one system");
        for (int r = 0; r < table.rowCount(); r++) {
            assertEquals(ctms.getName(), table.cell(r, 1));
            assertEquals("Yes", table.cell(r, 2));
            // each day's status as of that day: before the restoration test 10 days ago none had passed
            assertEquals(r <= 10 ? "Compliant" : "Non-Compliant", table.cell(r, 4), "row " + r);
        }
        assertEquals(today.toString(), table.cell(0, 0), "newest first");
        int tested = row(table, today.minusDays(10).toString());
        assertEquals("Yes (Passed)", table.cell(tested, 3));

        // a shorter period is computed again (in the background) and keeps the system filter
        bar.dateTimeWithLabel("From").setDate(today.minusDays(9));
        bot.waitUntil(() -> table.rowCount() == 10, "10 days from the new start to today");
        assertEquals(today.minusDays(9).toString(), table.cell(9, 0));
        assertEquals(ctms.getName(), table.cell(9, 1));

        bar.comboWithLabel("System").setSelection(ComplianceLogView.ALL_SYSTEMS);
        bar.comboWithLabel("Status").setSelection("Non-Compliant");
        bot.waitUntil(() -> table.rowCount() > 0 && table.cell(0, 4).equals("Non-Compliant"), "filtered by status");
        for (int r = 0; r < table.rowCount(); r++) {
            assertEquals("Non-Compliant", table.cell(r, 4));
        }

        Path csv = dir.resolve("log.csv");
        int rows = table.rowCount();
        bot.syncExec(() -> {
            try {
                return part.export(ComplianceLogExport.Format.CSV, csv);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("Date,System,Backup Completed,Restoration Tested,Status", lines.get(0));
        assertEquals(rows + 1, lines.size(), "one line per row shown");
        assertTrue(lines.stream().skip(1).allMatch(s -> s.endsWith(",Non-Compliant")));
    }

    @Test
    void theImportDialogReadsRealResticOutput() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("protocol.txt"), "Protocol CRO-2026-01\n");
        Path repo = dir.resolve("repo");
        String host = "ctms-" + UUID.randomUUID().toString().substring(0, 6);
        run("restic", "init", "--repo", repo.toString());
        run("restic", "backup", "--repo", repo.toString(), "--host", host, data.toString());
        Path snapshots = Files.writeString(dir.resolve("snapshots.json"), run("restic", "snapshots", "--repo",
                repo.toString(), "--json"));
        Path backupOutput = Files.writeString(dir.resolve("backup.json"), run("restic", "backup", "--repo",
                repo.toString(), "--host", host, "--json", data.toString()));
        ComputerizedSystem s = system("CTMS " + host);
        BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
        p.setName(s.getName() + " policy");
        p.setSystem(s);
        p.setMatchHost(host);
        store.save(p, null);

        workbench.menu("Backup", "Import Backup Log\u2026").click();
        ShellBot dialog = bot.shell("Import Backup Log");
        // a typed (or pasted) path has its format guessed, as a browsed one does
        dialog.textWithLabel("File").setText(backupOutput.toString());
        bot.waitUntil(() -> dialog.comboWithLabel("Output of").selection().equals("restic backup --json"),
                "restic backup --json guessed");
        dialog.textWithLabel("File").setText(snapshots.toString());
        bot.waitUntil(() -> dialog.comboWithLabel("Output of").selection().equals("restic snapshots --json"),
                "restic snapshots --json guessed");
        dialog.button("Import").click();
        bot.waitUntil(() -> !dialog.isOpen(), "the dialog closes and the import runs");
        ShellBot result = bot.shell("Import Backup Log");
        assertTrue(result.labelTexts().stream().anyMatch(t -> t.contains("1 backup(s) read, 1 added to the backup"
                + " log, 0 already there")), result.labelTexts().toString());
        result.button("OK").click();
        List<BackupLogEntry> log = store.list(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY)).stream()
                .map(BackupLogEntry.class::cast).filter(e -> Records.id(e.getSystem()).equals(s.getId())).toList();
        assertEquals(1, log.size());
        assertTrue(log.get(0).getToolOutput().contains("on " + host), log.get(0).getToolOutput());
    }

    private String run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("RESTIC_"));
        pb.environment().put("RESTIC_PASSWORD", "correct horse battery staple");
        pb.environment().put("RESTIC_CACHE_DIR", dir.resolve("cache").toString());
        Path out = dir.resolve("out-" + UUID.randomUUID());
        pb.redirectOutput(out.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), String.join(" ", command));
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + text);
        return text;
    }
}
