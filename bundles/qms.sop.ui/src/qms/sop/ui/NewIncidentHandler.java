package qms.sop.ui;

import java.time.Instant;
import java.util.Date;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import qms.core.Records;
import qms.sop.model.Incident;
import qms.sop.model.SopPackage;
import qms.ui.QmsUi;
import qms.ui.editor.RecordEditor;
import qms.ui.editor.RecordEditorInput;

/** Incidents › New Incident: a new, unsaved incident, detected and became aware of now, for its form to fill in. */
public final class NewIncidentHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        if (!QmsUi.get().store().accounts().mayWrite(SopPackage.Literals.INCIDENT)) {
            MessageDialog.openInformation(HandlerUtil.getActiveShell(event), "New Incident", "Your roles do not allow"
                    + " recording incidents.");
            return null;
        }
        Incident i = Records.newRecord(SopPackage.Literals.INCIDENT);
        Date now = Date.from(Instant.now());
        i.setDetectedAt(now);
        i.setAwareAt(now);
        try {
            HandlerUtil.getActiveWorkbenchWindow(event).getActivePage().openEditor(RecordEditorInput.create(i),
                    RecordEditor.ID);
        } catch (PartInitException e) {
            MessageDialog.openError(HandlerUtil.getActiveShell(event), "New Incident", e.getMessage());
        }
        return null;
    }
}
