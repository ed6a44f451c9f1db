package qms.sop.ui;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.osgi.service.component.annotations.Component;

import qms.core.Query;
import qms.core.RecordStore;
import qms.model.Record;
import qms.sop.core.Incidents;
import qms.sop.core.SopVersions;
import qms.sop.model.Incident;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionStatus;
import qms.ui.QmsUi;
import qms.ui.RecordAction;

/**
 * "Handle under SOP…" on an incident: picks the effective SOP version it is handled under; its steps become the
 * incident's tasks (owner by role, due from the escalation matrix for the severity). The version stays recorded when
 * the SOP is later superseded.
 */
@Component(service = RecordAction.class)
public final class HandleUnderSopAction extends SopRecordAction {

    static final String TITLE = "Handle under SOP";

    public HandleUnderSopAction() {
        super(SopPackage.Literals.INCIDENT, "Handle under SOP\u2026", "Choose the effective SOP version the incident is"
                + " handled under: its steps become the incident's tasks, due by the escalation matrix");
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return store.accounts().mayWrite(record.eClass()) && ((Incident) record).getSopVersion() == null;
    }

    /** The versions in force, by SOP number. */
    static List<SopVersion> effective(RecordStore store) {
        return store.list(Query.of(SopPackage.Literals.SOP_VERSION).where(SopPackage.Literals.SOP_VERSION__STATUS,
                VersionStatus.EFFECTIVE).orderBy(SopPackage.Literals.SOP_VERSION__NUMBER, false)).stream().map(
                        r -> (SopVersion) store.get(r.getId())).toList();
    }

    @Override
    public void run(Context context) {
        Incident incident = (Incident) context.record();
        List<SopVersion> versions = effective(context.store());
        if (versions.isEmpty()) {
            MessageDialog.openInformation(context.shell(), TITLE, "No SOP version is effective: approve one and bring"
                    + " it into force first.");
            return;
        }
        ElementListSelectionDialog d = new ElementListSelectionDialog(context.shell(), new LabelProvider() {
            @Override
            public String getText(Object e) {
                SopVersion v = (SopVersion) e;
                return SopVersions.name(v) + "  " + v.getTitle() + " (" + v.getSteps().size() + " steps)";
            }
        });
        d.setTitle(TITLE);
        d.setMessage("The effective SOP version " + Incidents.name(incident) + " is handled under (type to filter):");
        d.setElements(versions.toArray());
        d.setMultipleSelection(false);
        if (d.open() != Window.OK || d.getFirstResult() == null) {
            return;
        }
        SopVersion v = (SopVersion) d.getFirstResult();
        Incidents incidents = new Incidents(context.store());
        Optional<String> why = incidents.whyNotHandleUnder(incident, v);
        if (why.isPresent()) {
            MessageDialog.openInformation(context.shell(), TITLE, "Not now: " + why.get() + ".");
            return;
        }
        incidents.handleUnder(incident, v);
        QmsUi.get().changed(List.of(incident.getId()));
    }
}
