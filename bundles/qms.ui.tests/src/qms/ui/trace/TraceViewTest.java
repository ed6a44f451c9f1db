package qms.ui.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import qms.core.CoreModelContribution;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.ComputerizedSystem;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.QmsPackage;
import qms.model.Vendor;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.testing.Bot;
import qms.ui.testing.EditorBot;
import qms.ui.testing.Sessions;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.TreeItemBot;
import qms.ui.testing.WorkbenchBot;

/**
 * The auditor's walk: from a finding, through the Trace view, to its evidence and the system it concerns and on to
 * the system's vendor (whose many systems are grouped); the evidence's hash is verified, and every action that
 * would change something is disabled.
 */
class TraceViewTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();

    @AfterEach
    void backToTheAdministrator() {
        Principal p = Session.principal();
        if (p != null && !SignedInApplication.ADMIN.equals(p.userId())) {
            workbench.resetWorkbench();
            Sessions.backToAdministrator(bot, workbench);
        }
        workbench.resetWorkbench();
    }

    @Test
    void anAuditorWalksFromAFindingToItsEvidenceAndCannotChangeAnything() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Vendor vendor = Records.newRecord(QmsPackage.Literals.VENDOR);
        vendor.setName("Helix Cloud " + tag);
        ComputerizedSystem edc = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        edc.setName("EDC " + tag);
        edc.setHostingVendor(vendor);
        edc.setGxpCriticality(qms.model.GxpCriticality.HIGH);
        edc.setDataClassification(qms.model.DataClassification.PSEUDONYMISED);
        Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
        finding.setTitle("Restores never tested " + tag);
        finding.setSource(FindingSource.SPONSOR_AUDIT);
        finding.setGrade(FindingGrade.MAJOR);
        EvidenceFile report = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        report.setName("restore-report-" + tag + ".txt");
        store.save(List.of(vendor, edc, finding, report, Records.link(CoreModelContribution.CONCERNS, finding, edc),
                Records.link(CoreModelContribution.EVIDENCE_FOR, report, finding)), null);
        byte[] content = "restore of EDC: 1204 files, 0 mismatches\n".getBytes(StandardCharsets.UTF_8);
        store.storeContent(report, content, "restore report");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        for (int i = 0; i < TraceNode.GROUP_ABOVE; i++) { // more systems on the vendor: their steps are grouped
            ComputerizedSystem other = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
            other.setName("Other system " + i + " " + tag);
            other.setHostingVendor(vendor);
            other.setGxpCriticality(qms.model.GxpCriticality.LOW);
            other.setDataClassification(qms.model.DataClassification.NONE);
            store.save(other, null);
        }
        String auditorId = "auditor." + tag;
        Sessions.createUser(auditorId, "Audrey Inspector", "temporary password 1", AccessRole.AUDITOR);
        QmsUi.get().changed(List.of());

        Sessions.signInAs(bot, workbench, auditorId, "temporary password 1", "auditor's own passphrase");
        TreeItemBot inNavigator = workbench.view("Records").bot().tree().getTreeItem(t -> t.startsWith("Findings ("),
                "findings group").expand().getNode(finding.getTitle());
        assertFalse(inNavigator.contextMenu("Delete\u2026").isEnabled(), "an auditor deletes nothing");
        inNavigator.doubleClick();
        EditorBot form = workbench.editor(finding.getTitle());
        assertFalse(form.bot().toolItem("Save").isEnabled());
        assertTrue(form.bot().toolItem("Export Inspection Binder\u2026").isEnabled(), "exporting is reading");
        form.bot().toolItem("Trace").click();

        TreeItemBot root = workbench.view("Trace").bot().tree().getTreeItem(finding.getTitle());
        assertEquals("Finding", root.cell(1));
        assertEquals("Open", root.cell(2), "the finding's status");
        List<String> steps = root.getNodes();
        assertTrue(steps.contains("concerns: " + edc.getName()), steps.toString());
        assertTrue(steps.contains("has evidence: " + report.getName()), steps.toString());

        TreeItemBot system = root.getNode("concerns: " + edc.getName());
        List<String> fromSystem = system.getNodes();
        assertTrue(fromSystem.contains("Hosting vendor: " + vendor.getName()), fromSystem.toString());
        assertTrue(fromSystem.contains("is concerned by: " + finding.getTitle() + " (shown above)"),
                "the way back is shown but not walked again: " + fromSystem);

        String group = "Hosting vendor of: " + (TraceNode.GROUP_ABOVE + 1) + " records (expand to list them)";
        TreeItemBot hosted = system.getNode("Hosting vendor: " + vendor.getName()).getNode(group);
        assertEquals("Computerized System", hosted.cell(1), "the group's records are all systems");
        List<String> systems = hosted.getNodes();
        assertEquals(TraceNode.GROUP_ABOVE + 1, systems.size(), systems.toString());
        assertTrue(systems.contains("Hosting vendor of: " + edc.getName() + " (shown above)"), systems.toString());
        hosted.doubleClick();
        bot.waitUntil(() -> !hosted.isExpanded(), "a double-click closes the group");
        hosted.doubleClick();
        bot.waitUntil(() -> hosted.isExpanded() && hosted.getNodes().size() == TraceNode.GROUP_ABOVE + 1,
                "and opens it again with its records");

        TreeItemBot evidence = root.getNode("has evidence: " + report.getName());
        assertEquals(sha, evidence.cell(4), "the evidence's SHA-256");
        evidence.contextMenu("Verify SHA-256").click();
        ShellBot verified = bot.shell("Verify SHA-256");
        assertTrue(String.join("\n", verified.labelTexts()).contains(sha), verified.labelTexts().toString());
        verified.button("OK").click();
        bot.waitUntil(() -> root.getNode("has evidence: " + report.getName()).cell(4).startsWith("\u2713 verified"),
                "the check shows beside the hash");

        root.getNode("has evidence: " + report.getName()).doubleClick();
        EditorBot evidenceForm = workbench.editor(report.getName());
        assertFalse(evidenceForm.bot().toolItem("Save").isEnabled(), "no save");
        assertFalse(evidenceForm.bot().toolItem("Attach File\u2026").isEnabled(), "no new content");
        assertFalse(evidenceForm.bot().toolItem("Sign\u2026").isEnabled(), "an auditor does not sign");
        assertFalse(evidenceForm.bot().textWithLabel("Name").isEditable(), "fields are read-only");
        assertTrue(evidenceForm.bot().toolItem("Verify SHA-256").isEnabled(), "reading is allowed");
        assertTrue(evidenceForm.bot().toolItem("Trace").isEnabled(), "tracing is reading");

        // the binder the auditor takes away (the folder is named in a native dialog, so the export is called as the
        // dialog's OK does): the finding, its evidence with the content, the system and its vendor
        java.nio.file.Path folder = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "binder-" + tag);
        qms.reports.InspectionBinder.Result binder = bot.syncExec(() -> qms.ui.binder.BinderExport.export(
                form.widget().getShell(), List.of(finding), folder));
        assertTrue(binder != null && binder.evidenceFiles() == 1, "the report's content is in the binder");
        assertEquals(List.of(), qms.reports.InspectionBinder.verify(folder));
        assertTrue(store.auditTrail().search(qms.core.AuditQuery.all().withUser(auditorId), 0, 50).stream()
                .anyMatch(e -> e.action() == qms.core.AuditAction.EXPORT), "the auditor's export is in the trail");
    }
}
