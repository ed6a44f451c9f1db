package qms.sop.ui;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Record;
import qms.sop.core.IncidentLifecycle;
import qms.sop.model.Incident;
import qms.sop.model.SopPackage;
import qms.ui.RecordAction;
import qms.ui.lifecycle.LifecycleDialog;

/**
 * "Lifecycle…" on an incident: contained, eradicated, recovered, then the post-incident review (root cause, lessons,
 * whether a CAPA is needed) and its signed approval, which closes it and, with the CAPA module, opens the CAPA.
 */
@Component(service = RecordAction.class)
public final class IncidentLifecycleAction extends SopRecordAction {

    static final String TITLE = "Incident Lifecycle";

    public IncidentLifecycleAction() {
        super(SopPackage.Literals.INCIDENT, "Lifecycle\u2026", "Contain, eradicate, recover, review and close the"
                + " incident, and see its signed review");
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true;
    }

    @Override
    public void run(Context context) {
        dialog(context.shell(), context.store(), (Incident) context.record()).open();
    }

    static LifecycleDialog<Incident> dialog(Shell parent, RecordStore store, Incident incident) {
        IncidentLifecycle lifecycle = new IncidentLifecycle(store);
        return new LifecycleDialog<>(parent, TITLE, incident, lifecycle.steps())
                .input(lifecycle.submitReview, (shell, i) -> {
                    IncidentReviewDialog d = new IncidentReviewDialog(shell, i);
                    if (d.open() == Window.OK) {
                        lifecycle.submitReview(i, d.rootCause(), d.lessons(), d.capaNeeded());
                    }
                })
                .note(i -> IncidentLifecycle.capaOf(store, i).map(c -> "   (CAPA " + qms.core.Records.label(c) + ")")
                        .orElse(""));
    }
}
