package qms.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.RecordStore;
import qms.core.Records;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.QmsPackage;
import qms.reports.AuditTrailExport;
import qms.ui.QmsUi;
import qms.ui.testing.Bot;
import qms.ui.testing.ContainerBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.TableBot;
import qms.ui.testing.ViewBot;
import qms.ui.testing.WorkbenchBot;

/** The Audit Trail view's filters and export, through its real widgets. */
class AuditTrailViewTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();

    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        workbench.resetWorkbench();
    }

    @Test
    void filtersBySelectedRecordAndKindOfActionAndExportsWhatItShows() throws Exception {
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle("Unencrypted trial data " + UUID.randomUUID().toString().substring(0, 6));
        f.setSource(FindingSource.SPONSOR_AUDIT);
        f.setGrade(FindingGrade.CRITICAL);
        store.save(f, null);
        store.signatures().sign(f.getId(), SignedInApplication.ADMIN,
                SignedInApplication.ADMIN_PASSWORD.toCharArray(), "Reviewed");
        QmsUi.get().changed(List.of(f.getId()));

        ViewBot view = workbench.showView(AuditTrailView.ID);
        workbench.view("Records").bot().tree().getTreeItem(t -> t.startsWith("Findings ("), "findings")
                .expand().getNode(f.getTitle()).select();
        ContainerBot filters = view.bot();
        TableBot table = filters.table();
        String only = "Only '" + f.getTitle() + "'";
        assertTrue(filters.checkBox(only).isChecked());
        bot.waitUntil(() -> table.rowCount() > 0 && "Signature".equals(table.cell(0, 2)),
                "the record's signature, newest first");
        assertEquals(f.getTitle(), table.cell(0, 3));
        assertTrue(table.cell(0, 6).startsWith("Reviewed by "), table.cell(0, 6));

        filters.comboWithLabel("Action").setSelection("Record changes");
        bot.waitUntil(() -> "Create".equals(table.cell(0, 2)), "only the creation is left");
        for (int row = 0; row < table.rowCount(); row++) {
            assertTrue(List.of("Create", "").contains(table.cell(row, 2)), "row " + row + ": " + table.cell(row, 2));
        }
        assertTrue(table.containsItem("Critical"), "the created values, one attribute per row");

        AuditTrailView part = bot.syncExec(() -> (AuditTrailView) view.reference().getPart(false));
        Path pdf = dir.resolve("finding-trail.pdf");
        AuditTrailExport.Result result = bot.syncExec(() -> part.export(AuditTrailExport.Format.PDF, pdf));
        assertNotNull(result);
        assertEquals(store.auditTrail().forRecord(f.getId()).stream()
                .filter(e -> e.action() == qms.core.AuditAction.CREATE).count(), result.entries());
        assertEquals("%PDF", new String(Files.readAllBytes(pdf), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));

        filters.checkBox(only).deselect();
        filters.comboWithLabel("Action").setSelection("Exports");
        filters.comboWithLabel("User").setSelection(SignedInApplication.ADMIN);
        bot.waitUntil(() -> table.rowCount() > 0 && table.cell(0, 6).startsWith("PDF export of 1 audit entries"),
                "the export itself is in the trail, with the file's hash");
        assertTrue(table.cell(0, 6).contains(result.sha256()), table.cell(0, 6));
    }
}
