package qms.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.swt.SWT;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import qms.core.AuditEntry;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.testing.Bot;
import qms.ui.testing.ContainerBot;
import qms.ui.testing.EditorBot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.TableBot;
import qms.ui.testing.TreeItemBot;
import qms.ui.testing.WorkbenchBot;

/**
 * Drives the generated form editor in the running product: the navigator, the editor's widgets, the keyboard
 * shortcuts and the audit trail view, against the real encrypted store.
 */
class RecordFormTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void reset() {
        workbench.resetWorkbench();
    }

    private TreeItemBot group(String plural) {
        return workbench.view("Records").bot().tree().getTreeItem(t -> t.startsWith(plural + " ("),
                "'" + plural + " (…)'");
    }

    private ComputerizedSystem storedSystem(String name) {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setName(name);
        s.setGxpCriticality(GxpCriticality.HIGH);
        s.setDataClassification(DataClassification.PATIENT_IDENTIFIABLE);
        store.save(s, "test fixture");
        QmsUi.get().changed(List.of(s.getId()));
        return s;
    }

    private EditorBot open(String plural, String label) {
        group(plural).expand().getNode(label).doubleClick();
        return workbench.editor(label);
    }

    private void waitClean(EditorBot editor) {
        bot.waitUntil(() -> !editor.isDirty(), "editor " + editor.getTitle() + " saved");
    }

    private Record findByName(String name) {
        return store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)
                .where(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME, name)).stream().findFirst().orElse(null);
    }

    @Test
    void aSystemCreatedInTheFormIsStoredAndShowsAgainAfterReopening() {
        String name = "LIMS " + unique;
        group("Computerized Systems").contextMenu("New Computerized System").click();
        EditorBot editor = workbench.editor("New Computerized System");
        ContainerBot form = editor.bot();
        form.textWithLabel("Name").setText(name);
        form.textWithLabel("Description").setText("Laboratory information management");
        form.comboWithLabel("GxP criticality").setSelection("Medium");
        form.comboWithLabel("Data classification").setSelection("Pseudonymised");
        form.checkBoxWithLabel("Validated").select();
        form.checkBox("Not set").deselect();
        form.dateTimeWithLabel("In service since").setDate(LocalDate.of(2024, 5, 6));
        editor.pressShortcut(SWT.CTRL, 's');
        EditorBot saved = workbench.editor(name);
        waitClean(saved);
        saved.close();

        ComputerizedSystem stored = (ComputerizedSystem) findByName(name);
        assertEquals(GxpCriticality.MEDIUM, stored.getGxpCriticality());
        assertEquals(DataClassification.PSEUDONYMISED, stored.getDataClassification());
        assertEquals(Date.from(LocalDate.of(2024, 5, 6).atStartOfDay().toInstant(ZoneOffset.UTC)),
                stored.getInServiceSince());
        assertTrue(stored.isValidated());

        ContainerBot reopened = open("Computerized Systems", name).bot();
        assertEquals(name, reopened.textWithLabel("Name").getText());
        assertEquals("Laboratory information management", reopened.textWithLabel("Description").getText());
        assertEquals("Medium", reopened.comboWithLabel("GxP criticality").selection());
        assertEquals(LocalDate.of(2024, 5, 6), reopened.dateTimeWithLabel("In service since").getDate());
        assertTrue(reopened.checkBoxWithLabel("Validated").isChecked());
    }

    @Test
    void undoRestoresThePreviousValueAndRedoAppliesItAgain() {
        String name = "Safety DB " + unique;
        storedSystem(name);
        EditorBot editor = open("Computerized Systems", name);
        ContainerBot form = editor.bot();
        form.textWithLabel("Name").setText("Renamed " + unique);
        bot.waitUntil(editor::isDirty, "the edit makes the editor dirty");

        editor.pressShortcut(SWT.CTRL, 'z');
        bot.waitUntil(() -> name.equals(form.textWithLabel("Name").getText()), "undo restores the name");
        waitClean(editor);

        editor.pressShortcut(SWT.CTRL | SWT.SHIFT, 'z'); // Redo on GTK (Ctrl+Y elsewhere)
        bot.waitUntil(() -> ("Renamed " + unique).equals(form.textWithLabel("Name").getText()), "redo");
        bot.waitUntil(editor::isDirty, "redo makes the editor dirty again");
        assertEquals(name, Records.label(findByName(name)), "nothing was saved");
    }

    @Test
    void aNewFindingsImpactStartsWithTheTypicalImpactOfTheChosenCategory() {
        group("Findings").contextMenu("New Finding").click();
        EditorBot editor = workbench.editor("New Finding");
        ContainerBot form = editor.bot();
        choose(form, "Category", qms.core.FindingCategories.WEAK_PASSWORDS);
        bot.waitUntil(() -> form.textWithLabel("Impact").getText().startsWith("Data integrity: accounts can be"
                + " guessed or shared"), "the impact starts as the category's typical impact");

        choose(form, "Category", qms.core.FindingCategories.WEAK_ACCESS_CONTROLS);
        bot.waitUntil(() -> form.textWithLabel("Impact").getText().startsWith("Subject safety and data integrity:"
                + " people can see"), "an impact nobody edited follows the new category");

        form.textWithLabel("Impact").setText("Shared QA account used on 3 studies");
        choose(form, "Category", qms.core.FindingCategories.WEAK_PASSWORDS);
        bot.waitUntil(() -> form.textWithLabel("Category").getText().equals(qms.core.FindingCategories
                .WEAK_PASSWORDS), "the category changed");
        bot.syncExec(() -> null); // let a pending fill (there must be none) run
        assertEquals("Shared QA account used on 3 studies", form.textWithLabel("Impact").getText(),
                "what the author wrote is kept");
    }

    @Test
    void linkToLinksTheRecordEitherWayAndTheLinkIsStored() {
        String name = "CTMS " + unique;
        ComputerizedSystem system = storedSystem(name);
        qms.model.Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
        finding.setTitle("Interface not validated " + unique);
        finding.setSource(qms.model.FindingSource.SELF_IDENTIFIED);
        finding.setGrade(qms.model.FindingGrade.MINOR);
        store.save(finding, "test fixture");
        EditorBot editor = open("Computerized Systems", name);
        editor.bot().toolItem("Link To\u2026").click();
        ShellBot dialog = bot.shell("Link To");
        dialog.comboWithLabel("This record").setSelection("is concerned by");
        dialog.comboWithLabel("Kind of record").setSelection("Findings");
        assertFalse(dialog.button("Link").isEnabled(), "nothing chosen yet");
        dialog.textWithLabel("Filter").setText("not validated " + unique);
        bot.waitUntil(() -> dialog.table().rowCount() == 1, "the filter leaves the finding");
        dialog.table().select(0);
        dialog.button("Link").click();
        bot.waitUntil(() -> !store.links(system.getId(), qms.core.LinkDirection.INCOMING).isEmpty(), "link saved");
        qms.model.Link link = store.links(system.getId(), qms.core.LinkDirection.INCOMING).get(0);
        assertEquals(qms.core.CoreModelContribution.CONCERNS, link.getType());
        assertEquals(finding.getTitle(), Records.label(link.getSource()),
                "the finding concerns the system: the link points at the record the dialog was opened on");
    }

    private void choose(ContainerBot form, String label, String record) {
        form.buttonWithLabel(label, "Choose\u2026").click();
        ShellBot dialog = bot.shell("Choose " + label);
        dialog.text(0).setText(record);
        bot.waitUntil(() -> dialog.table().rowCount() == 1, "the filter leaves " + record);
        dialog.table().select(0);
        dialog.button("OK").click();
    }

    @Test
    void anInvalidFormIsNotSavedAndSaysWhy() {
        long before = store.count(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM));
        group("Computerized Systems").contextMenu("New Computerized System").click();
        EditorBot editor = workbench.editor("New Computerized System");
        editor.bot().textWithLabel("Description").setText("a system nobody named " + unique);
        bot.waitUntil(() -> bot.syncExec(() -> ((ScrolledForm) editor.widget()).getForm()
                .getMessageType() == IMessageProvider.ERROR), "the form header shows the errors");

        editor.pressShortcut(SWT.CTRL, 's');
        ShellBot dialog = bot.shell("Cannot save");
        String message = String.join("\n", dialog.labelTexts());
        assertTrue(message.contains("Name is required"), message);
        assertTrue(message.contains("GxP criticality is required"), message);
        dialog.button("OK").click();
        assertTrue(editor.isDirty(), "the editor keeps the unsaved input");
        assertEquals(before, store.count(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)), "nothing stored");
    }

    @Test
    void aSaveOverSomeoneElsesChangeNamesThemAndReloadShowsTheRecordAsStored() {
        String name = "CTMS " + unique;
        ComputerizedSystem system = storedSystem(name);
        EditorBot editor = open("Computerized Systems", name);
        // meanwhile, someone else saves the record (another client of the store)
        ComputerizedSystem theirs = (ComputerizedSystem) store.get(system.getId());
        theirs.setDescription("their description " + unique);
        store.save(theirs, null);

        editor.bot().textWithLabel("Description").setText("my description " + unique);
        editor.pressShortcut(SWT.CTRL, 's');
        ShellBot conflict = bot.shell("Changed by Someone Else");
        String text = String.join("\n", conflict.labelTexts());
        assertTrue(text.contains("was changed by") && text.contains("after you opened it"), text);
        assertTrue(text.contains("Reload shows the record as it is saved now"), text);
        conflict.button("Reload").click();

        bot.waitUntil(() -> ("their description " + unique).equals(workbench.editor(name).bot().textWithLabel(
                "Description").getText()), "the form shows the record as stored");
        assertFalse(workbench.editor(name).isDirty(), "the refused changes are gone from the form");
        assertEquals("their description " + unique, ((ComputerizedSystem) store.get(system.getId()))
                .getDescription(), "nothing of the refused save was written");
    }

    @Test
    void deletingALinkedRecordNamesTheLinkAndTakesItAlong() {
        String name = "Legacy CTMS " + unique;
        ComputerizedSystem system = storedSystem(name);
        qms.model.Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
        finding.setTitle("CTMS unsupported " + unique);
        finding.setSource(qms.model.FindingSource.SELF_IDENTIFIED);
        finding.setGrade(qms.model.FindingGrade.MINOR);
        qms.model.Link link = Records.newRecord(QmsPackage.Literals.LINK);
        link.setType(qms.core.CoreModelContribution.CONCERNS);
        link.setSource(finding);
        link.setTarget(system);
        store.save(List.of(finding, link), null);

        group("Computerized Systems").expand().getNode(name).contextMenu("Delete\u2026").click();
        ShellBot confirm = bot.shell("Delete record");
        String text = String.join("\n", confirm.labelTexts());
        assertTrue(text.contains("CTMS unsupported " + unique), "the link is named: " + text);
        confirm.button("OK").click();
        bot.waitUntil(() -> store.find(system.getId()).isEmpty(), "the system is deleted");
        assertTrue(store.find(link.getId()).isEmpty(), "its link went with it");
        assertTrue(store.find(finding.getId()).isPresent(), "the finding stays");
        bot.waitUntil(() -> !group("Computerized Systems").getNodes().contains(name), "the navigator no longer shows it");
    }

    @Test
    void theAuditTrailNamesAttributesAndShowsValuesAsTheFormDoes() {
        String name = "Safety DB " + unique;
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setName(name);
        s.setGxpCriticality(GxpCriticality.HIGH);
        s.setDataClassification(DataClassification.PATIENT_IDENTIFIABLE);
        s.setInServiceSince(java.util.Date.from(java.time.Instant.parse("2019-01-01T12:00:00Z")));
        s.setValidated(true);
        store.save(s, "test fixture");
        QmsUi.get().changed(List.of(s.getId()));
        open("Computerized Systems", name);

        TableBot trail = workbench.view("Audit Trail").bot().table();
        bot.waitUntil(() -> rowWith(trail, "In service since") >= 0, "the creation's values, by the form's labels");
        String day = java.time.Instant.parse("2019-01-01T12:00:00Z").atZone(java.time.ZoneId.systemDefault())
                .toLocalDate().toString();
        assertEquals(day, trail.cell(rowWith(trail, "In service since"), 6), "a date as the form shows it");
        assertEquals("High", trail.cell(rowWith(trail, "GxP criticality"), 6));
        assertEquals("Yes", trail.cell(rowWith(trail, "Validated"), 6));
        assertTrue(rowWith(trail, "gxpCriticality") < 0 && rowWith(trail, "inServiceSince") < 0,
                "no internal attribute names");
        // the stored value is what the export keeps, exactly
        AuditEntry created = store.auditTrail().forRecord(s.getId()).get(0);
        assertEquals("2019-01-01T12:00:00Z", created.values().get("inServiceSince"));
    }

    private static int rowWith(TableBot table, String attribute) {
        for (int r = 0; r < table.rowCount(); r++) {
            if (attribute.equals(table.cell(r, 4))) {
                return r;
            }
        }
        return -1;
    }

    @Test
    void theAuditTrailViewShowsTheOldAndNewValueOfASavedChange() {
        String name = "eTMF " + unique;
        storedSystem(name);
        EditorBot editor = open("Computerized Systems", name);
        editor.bot().textWithLabel("Name").setText(name + " v2");
        bot.waitUntil(editor::isDirty, "dirty");
        editor.pressShortcut(SWT.CTRL, 's');
        waitClean(editor);

        TableBot trail = workbench.view("Audit Trail").bot().table();
        bot.waitUntil(() -> trail.rowCount() > 0 && "Name".equals(trail.cell(0, 4)), "the change is listed, by the"
                + " form's label");
        assertEquals("Update", trail.cell(0, 2));
        assertEquals(name + " v2", trail.cell(0, 3), "the record, by its label at the time");
        assertEquals(name, trail.cell(0, 5));
        assertEquals(name + " v2", trail.cell(0, 6));
        assertEquals(qms.ui.Session.principal().userId(), trail.cell(0, 1), "the signed-in user, not the OS account");
        List<AuditEntry> entries = store.auditTrail().forRecord(((Record) findByName(name + " v2")).getId());
        assertFalse(entries.isEmpty());
    }
}
