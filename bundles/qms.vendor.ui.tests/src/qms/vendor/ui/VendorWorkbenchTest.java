package qms.vendor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.DemoData;
import qms.core.Query;
import qms.core.RecordStore;
import qms.model.ComputerizedSystem;
import qms.model.Finding;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.editor.RecordEditor;
import qms.ui.editor.RecordEditorInput;
import qms.ui.security.SignatureDialog;
import qms.ui.testing.Bot;
import qms.ui.testing.EditorBot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.TableBot;
import qms.ui.testing.TreeItemBot;
import qms.ui.testing.WorkbenchBot;
import qms.vendor.model.QualificationStatus;
import qms.vendor.model.VendorAudit;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;

/**
 * The vendor module in the real workbench, as QA uses it on the demo: the hosting vendor is qualified with conditions
 * by a signed decision; its system's form shows the agreement's clause gaps and no longer that the vendor is not
 * qualified; a quarter of KPI measurements is imported from CSV, where August misses the availability target, and the
 * finding is raised once; a file with a wrong row is refused with the row named; Vendor Tasks lists what is due.
 */
class VendorWorkbenchTest {

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
    void qaQualifiesTheHostingVendorWithConditionsAndImportsAQuarterWithOneBreach() throws Exception {
        if (DemoData.isEmpty(store)) {
            bot.syncExec(() -> DemoData.load(store));
        }
        VendorProfile helix = store.list(Query.of(VendorPackage.Literals.VENDOR_PROFILE)).stream().map(
                VendorProfile.class::cast).filter(p -> p.getVendorName().startsWith("Helix")).findFirst().orElseThrow();
        ComputerizedSystem edc = store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)).stream().map(
                ComputerizedSystem.class::cast).filter(s -> s.getName().equals("EDC Database")).findFirst()
                .orElseThrow();
        EditorBot system = open(edc);
        EditorBot first = system;
        bot.waitUntil(() -> flags(first).contains("Hosting vendor Helix Cloud Hosting GmbH is not qualified (Under"
                + " assessment)"), "the hosting vendor's flag on the system's form");
        system.close();

        EditorBot form = open(helix);
        form.bot().toolItem("Qualification\u2026").click();
        ShellBot lifecycle = bot.shell(QualificationAction.TITLE);
        lifecycle.button("Record Decision\u2026").click();
        ShellBot decision = bot.shell(DecisionDialog.TITLE);
        decision.comboWithLabel("Decision").setSelection("Qualified with conditions");
        assertFalse(decision.button("Sign Decision\u2026").isEnabled(), "the conditions are stated first");
        decision.textWithLabel("Conditions").setText("Right to audit by regulators and data return at exit added to"
                + " MSA-2024-017 within 90 days");
        decision.textWithLabel("Rationale").setText("Remote audit acceptable with findings; ISO 27001 certified");
        decision.button("Sign Decision\u2026").click();
        ShellBot sign = bot.shell(SignatureDialog.TITLE);
        sign.widget(Text.class, t -> t.getText().contains("Decision: Qualified with conditions") && t.getText()
                .contains("Criticality: High (derived from EDC Database (High))"), "what is signed");
        qms.ui.testing.Sessions.fillSignature(sign, SignedInApplication.ADMIN, SignedInApplication.ADMIN_PASSWORD);
        sign.button("Sign").click();
        bot.waitUntil(() -> profile(helix).getStatus() == QualificationStatus.QUALIFIED_WITH_CONDITIONS,
                "qualified with conditions");
        bot.waitUntil(() -> lifecycle.table().rowCount() == 1, "the signed decision in the history");
        lifecycle.button("Close").click();
        form.close();

        system = open(edc);
        EditorBot again = system;
        bot.waitUntil(() -> flags(again).stream().anyMatch(f -> f.startsWith("Agreement MSA-2024-017")),
                "the agreement's flag on the system's form"); // the flags come from a job, all at once
        List<String> flags = flags(system).stream().filter(f -> !f.startsWith("Backups over the last")).toList();
        assertFalse(flags.stream().anyMatch(f -> f.contains("not qualified")), flags.toString());
        assertEquals(List.of("Agreement MSA-2024-017 lacks 2 required clauses: Right to audit and inspect, including"
                + " by regulators: absent; Data return and deletion at exit: absent"), flags);
        system.close();

        long findings = store.count(Query.of(QmsPackage.Literals.FINDING));
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "agreement,kpi,period,downtime_minutes,value,notes\nMSA-2024-017,Availability,"
                + "2026-07,21,,\nMSA-2024-017,Availability,2026-Q3,3,,\n");
        importFile(bad);
        ShellBot refused = bot.shell(ImportMeasurementsDialog.TITLE);
        assertTrue(refused.labelTexts().stream().anyMatch(l -> l.contains("line 3, column 'period': '2026-Q3' is not"
                + " a month such as 2026-07")), refused.labelTexts().toString());
        refused.button("OK").click();
        assertEquals(findings, store.count(Query.of(QmsPackage.Literals.FINDING)), "nothing was imported");

        Path quarter = dir.resolve("vendor-kpis-2026-Q3.csv");
        Files.copy(Path.of(System.getProperty("user.dir")).resolve("../../docs/examples/vendor-kpis-2026-Q3.csv"),
                quarter);
        importFile(quarter);
        ShellBot done = bot.shell(ImportMeasurementsDialog.TITLE);
        String report = String.join("\n", done.labelTexts());
        assertTrue(report.contains("Imported 7 measurements from vendor-kpis-2026-Q3.csv."), report);
        assertTrue(report.contains("Availability, 2026-08: Availability 99.782 % (97 min down of 44,640) misses the"
                + " target of at least 99.9 %."), report);
        assertTrue(report.contains("Finding raised: SLA breach: Availability of MSA-2024-017 in 2026-08"), report);
        done.button("OK").click();
        assertEquals(findings + 1, store.count(Query.of(QmsPackage.Literals.FINDING)));

        workbench.menu("Vendors", "Raise Findings for SLA Breaches\u2026").click();
        ShellBot none = bot.shell(RaiseFindingsHandler.TITLE);
        assertTrue(none.labelTexts().stream().anyMatch(l -> l.contains("has its finding already")), none
                .labelTexts().toString());
        none.button("OK").click();
        assertEquals(findings + 1, store.count(Query.of(QmsPackage.Literals.FINDING)), "raised once");
        assertTrue(store.list(Query.of(QmsPackage.Literals.FINDING)).stream().map(Finding.class::cast).anyMatch(
                f -> f.getTitle().equals("SLA breach: Availability of MSA-2024-017 in 2026-08")));

        traceFromTheFindingToTheHostedSystems();

        workbench.menu("Vendors", "Vendor Tasks").click();
        TableBot tasks = workbench.view("Vendor Tasks").bot().table();
        bot.waitUntil(() -> tasks.rowCount() > 0, "what is due");
        boolean iso = false;
        for (int i = 0; i < tasks.rowCount(); i++) {
            iso |= tasks.cell(i, 0).equals("Due soon") && tasks.cell(i, 5).startsWith("ISO/IEC 27001");
        }
        assertTrue(iso, "the ISO 27001 certificate expires within 60 days");
    }

    /** The auditor's walk: finding → measurement → KPI → agreement → vendor → the systems it hosts. */
    private void traceFromTheFindingToTheHostedSystems() {
        Finding breach = store.list(Query.of(QmsPackage.Literals.FINDING)).stream().map(Finding.class::cast).filter(
                f -> f.getTitle().startsWith("SLA breach")).findFirst().orElseThrow();
        EditorBot form = open(breach);
        form.bot().toolItem("Trace").click();
        TreeItemBot root = workbench.view("Trace").bot().tree().getTreeItem(breach.getTitle());
        TreeItemBot measurement = child(root, "relates to: 2026-08");
        assertEquals("KPI Measurement", measurement.cell(1));
        TreeItemBot kpi = child(measurement, ": Availability");
        TreeItemBot agreement = child(kpi, ": MSA-2024-017");
        assertEquals("Service Agreement", agreement.cell(1));
        TreeItemBot vendor = child(agreement, ": Helix Cloud Hosting GmbH");
        List<String> hosted = vendor.getNodes();
        assertTrue(hosted.stream().anyMatch(n -> n.contains("EDC Database")), hosted.toString());
        assertTrue(hosted.stream().anyMatch(n -> n.contains("eTMF")), hosted.toString());
        form.close();
    }

    /** The child of a trace node whose text contains {@code part}. */
    private static TreeItemBot child(TreeItemBot parent, String part) {
        List<String> nodes = parent.expand().getNodes();
        String text = nodes.stream().filter(n -> n.contains(part)).findFirst().orElseThrow(() -> new AssertionError(
                "no step with '" + part + "' under '" + parent.getText() + "': " + nodes));
        return parent.getNode(text);
    }

    @Test
    void aVendorAuditRaisesAFindingAndANewAgreementGetsItsGxpChecklist() {
        if (DemoData.isEmpty(store)) {
            bot.syncExec(() -> DemoData.load(store));
        }
        VendorAudit audit = store.list(Query.of(VendorPackage.Literals.VENDOR_AUDIT)).stream().map(
                VendorAudit.class::cast).filter(a -> a.getPerformedOn() != null).findFirst().orElseThrow();
        EditorBot form = open(audit);
        form.bot().toolItem("Raise Finding\u2026").click();
        ShellBot dialog = bot.shell(AuditFindingAction.TITLE);
        assertFalse(dialog.button("Raise Finding").isEnabled(), "a title and a description first");
        dialog.textWithLabel("Title").setText("No right for regulators to inspect the hosting site");
        dialog.comboWithLabel("Grade").setSelection("Major");
        dialog.textWithLabel("Description").setText("The quality agreement gives the CRO an audit right but not the"
                + " regulators: Annex 11 §3 and ICH E6(R3) expect both.");
        dialog.button("Raise Finding").click();
        EditorBot finding = workbench.editor("No right for regulators to inspect the hosting site");
        assertTrue(finding.isActive(), "the new finding opens in its form");
        Finding f = store.list(Query.of(QmsPackage.Literals.FINDING)).stream().map(Finding.class::cast).filter(
                x -> x.getTitle().startsWith("No right for regulators")).findFirst().orElseThrow();
        assertEquals(qms.model.FindingSource.VENDOR_AUDIT, f.getSource());
        assertEquals(qms.model.FindingGrade.MAJOR, f.getGrade());
        assertEquals(audit.getPerformedOn(), f.getIdentifiedOn());
        assertEquals(1, f.getAffectedVendors().size());
        assertTrue(store.links(f.getId(), qms.core.LinkDirection.OUTGOING).stream().anyMatch(l -> qms.core.Records.id(l.getTarget()).equals(audit
                .getId())), "related to the audit");
        finding.close();
        form.close();

        qms.vendor.model.ServiceAgreement a = qms.core.Records.newRecord(VendorPackage.Literals.SERVICE_AGREEMENT);
        a.setVendor(audit.getVendor());
        a.setReference("QA-2026-031");
        a.setTitle("Quality agreement for the eTMF archive");
        a.setType(qms.vendor.model.AgreementType.QUALITY_AGREEMENT);
        a.setValidFrom(new java.util.Date());
        a.getSystems().add(store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)).stream().map(
                ComputerizedSystem.class::cast).filter(s -> s.getName().equals("eTMF Repository")).findFirst()
                .orElseThrow()); // only the eTMF: the EDC's form says nothing of it
        bot.syncExec(() -> store.save(a, null));
        EditorBot agreement = open(a);
        agreement.bot().toolItem("Fill GxP Checklist").click();
        ShellBot filled = bot.shell(ChecklistAction.TITLE);
        assertTrue(filled.labelTexts().stream().anyMatch(l -> l.startsWith("Added 13 clauses to assess to"
                + " QA-2026-031")), filled.labelTexts().toString());
        filled.button("OK").click();
        assertEquals(13, ((qms.vendor.model.ServiceAgreement) store.get(a.getId())).getClauses().size());
        bot.waitUntil(() -> flags(agreement).stream().anyMatch(t -> t.startsWith("Agreement QA-2026-031 lacks 13"
                + " required clauses")), "the unassessed clauses are gaps on the form");
        agreement.bot().toolItem("Fill GxP Checklist").click();
        ShellBot again = bot.shell(ChecklistAction.TITLE);
        assertTrue(again.labelTexts().stream().anyMatch(l -> l.contains("on the checklist of QA-2026-031 already")),
                again.labelTexts().toString());
        again.button("OK").click();
        agreement.close();
    }

    private void importFile(Path file) {
        workbench.menu("Vendors", "Import KPI Measurements\u2026").click();
        ShellBot dialog = bot.shell(ImportMeasurementsDialog.TITLE);
        dialog.textWithLabel("CSV file").setText(file.toString());
        dialog.button("Import").click();
        bot.waitUntil(() -> !dialog.isOpen(), "the file chosen");
    }

    private VendorProfile profile(VendorProfile p) {
        return (VendorProfile) store.get(p.getId());
    }

    /** The flag lines above the form's fields. */
    private List<String> flags(EditorBot form) {
        return bot.syncExec(() -> {
            List<String> texts = new java.util.ArrayList<>();
            collect((org.eclipse.swt.widgets.Composite) form.widget(), texts);
            return texts;
        });
    }

    private static void collect(org.eclipse.swt.widgets.Composite c, List<String> texts) {
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof Label l && l.getData("flag") != null) {
                texts.add(l.getText());
            } else if (child instanceof org.eclipse.swt.widgets.Composite inner) {
                collect(inner, texts);
            }
        }
    }

    private EditorBot open(Record r) {
        bot.syncExec(() -> {
            try {
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().openEditor(RecordEditorInput.of(
                        r), RecordEditor.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        return workbench.activeEditor();
    }
}
