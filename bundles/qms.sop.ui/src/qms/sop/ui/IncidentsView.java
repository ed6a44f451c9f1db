package qms.sop.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import qms.model.Record;
import qms.sop.core.Incidents;
import qms.sop.core.OpenIncidents;
import qms.sop.core.RegulatoryClocks;
import qms.sop.core.RegulatoryClocks.Deadline;
import qms.sop.model.Incident;
import qms.sop.model.NotificationAgreement;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;
import qms.ui.editor.RecordEditor;
import qms.ui.ViewerTables;

/**
 * Open Incidents: the incidents not closed, the nearest notification deadline first, with time left (or how long
 * overdue), open tasks and status. Double-click opens the incident.
 */
public final class IncidentsView extends QmsViewPart {

    public static final String ID = "qms.sop.ui.incidents";

    /** One open incident with its next deadline. */
    record Row(Incident incident, Deadline next, int openTasks) {
    }

    private Composite body;
    private Label summary;
    private TableViewer viewer;
    private Instant now = Instant.now();

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        summary = new Label(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 2).applyTo(summary);
        viewer = ViewerTables.create(body);
        column("Incident", 300, r -> Incidents.name(r.incident()));
        column("Severity", 80, r -> r.incident().isSetSeverity() ? r.incident().getSeverity().getLiteral() : "");
        column("Status", 90, r -> r.incident().getStatus().getLiteral());
        column("Aware", 150, r -> SopRecordAction.local(r.incident().getAwareAt()));
        column("Next deadline", 280, r -> r.next() == null ? "" : r.next().label());
        column("Due", 150, r -> r.next() == null ? "" : SopRecordAction.LOCAL.format(r.next().due()));
        column("Left", 100, r -> r.next() == null ? "" : (r.next().left(now).isNegative() ? "overdue "
                : "") + RegulatoryClocks.duration(r.next().left(now)));
        column("Open tasks", 80, r -> String.valueOf(r.openTasks()));
        viewer.addDoubleClickListener(e -> {
            if (viewer.getStructuredSelection().getFirstElement() instanceof Row r) {
                Record full = QmsUi.get().store().get(r.incident().getId());
                if (full != null) {
                    RecordEditor.open(getSite().getPage(), full);
                }
            }
        });
        getSite().setSelectionProvider(viewer);
        addRefreshAction(this::reload);
        listenForChanges();
        reload();
    }

    private void column(String title, int width, Function<Row, String> text) {
        ViewerTables.<Row>column(viewer, title, width, text, r -> r.next() != null && r.next().left(now).isNegative()
                ? SWT.COLOR_DARK_RED : SWT.NONE);
    }

    /** Reads the open incidents again. */
    public void reload() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        now = Instant.now();
        List<NotificationAgreement> agreements = new Incidents(QmsUi.get().store()).agreements();
        List<Row> rows = new ArrayList<>();
        for (Incident i : OpenIncidents.read(QmsUi.get().store(), agreements).values()) {
            rows.add(new Row(i, RegulatoryClocks.next(i, agreements), Incidents.openTasks(i).size()));
        }
        rows.sort(Comparator.comparing((Row r) -> r.next() == null ? Instant.MAX : r.next().due()));
        viewer.setInput(rows);
        long overdue = rows.stream().filter(r -> r.next() != null && r.next().left(now).isNegative()).count();
        summary.setText(rows.size() + " open incident(s), " + overdue + " with a notification overdue");
        body.layout(true);
    }

    @Override
    protected Control mainControl() {
        return body;
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    protected void recordsChanged(List<String> recordIds) {
        reload();
    }
}
