package qms.ui.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.RecordStore;
import qms.core.Records;
import qms.model.EvidenceFile;
import qms.model.QmsPackage;
import qms.ui.QmsUi;
import qms.ui.RecordAction;
import qms.ui.editor.RecordEditor;
import qms.ui.testing.Bot;
import qms.ui.testing.ContainerBot;
import qms.ui.testing.EditorBot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.WorkbenchBot;

/** An evidence file's form: attaching a file records its size and hash; "Verify SHA-256" checks it. */
class EvidenceActionsTest {

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
    void anAttachedFileIsHashedShownAndVerified() throws Exception {
        String name = "restore-report-" + UUID.randomUUID().toString().substring(0, 8) + ".txt";
        EvidenceFile evidence = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        evidence.setName(name);
        store.save(evidence, null);
        QmsUi.get().changed(List.of(evidence.getId()));
        workbench.view("Records").bot().tree().getTreeItem(t -> t.startsWith("Evidence Files ("), "evidence group")
                .expand().getNode(name).doubleClick();
        EditorBot editor = workbench.editor(name);

        Path file = dir.resolve(name);
        byte[] content = "restore verified: 1204 files, 0 mismatches\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        bot.syncExec(() -> {
            RecordEditor part = (RecordEditor) editor.reference().getEditor(false);
            EvidenceActions.Attach.attach(new RecordAction.Context(part.getSite().getShell(), part.record(), store),
                    file); // what "Attach File…" does after its (native) file dialog
        });
        ContainerBot form = editor.bot();
        bot.waitUntil(() -> sha.equals(form.textWithLabel("SHA-256").getText()), "the form shows the hash");
        assertEquals(Long.toString(content.length), form.textWithLabel("Size").getText());
        assertEquals("text/plain", form.textWithLabel("Media type").getText());
        assertTrue(!form.textWithLabel("SHA-256").isEditable(), "the hash is not typed in");
        assertTrue(!editor.isDirty(), "attaching saved the record");

        form.toolItem("Verify SHA-256").click();
        ShellBot dialog = bot.shell("Verify SHA-256");
        String message = String.join("\n", dialog.labelTexts());
        assertTrue(message.contains(sha), message);
        dialog.button("OK").click();
    }
}
