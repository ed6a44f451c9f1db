package qms.sop.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import qms.model.Record;
import qms.sop.core.SopTasks;
import qms.sop.core.SopTasks.Task;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;
import qms.ui.editor.RecordEditor;
import qms.ui.Session;
import qms.ui.ViewerTables;

/**
 * SOP Tasks: signatures waiting (review, approval, periodic review, retirement), versions coming into force, periodic
 * reviews due soon or overdue, trainings to acknowledge, incident tasks and notification deadlines — the signed-in
 * user's or everyone's, overdue first. Double-click opens the version or incident.
 */
public final class SopTasksView extends QmsViewPart {

    public static final String ID = "qms.sop.ui.tasks";
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId
            .systemDefault());

    private Composite body;
    private Button mine;
    private Button overdueOnly;
    private Label summary;
    private TableViewer viewer;
    private Instant now = Instant.now();

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        Composite bar = new Composite(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(4, 2).spacing(12, 0).applyTo(bar);
        mine = new Button(bar, SWT.CHECK);
        mine.setText("Only mine");
        overdueOnly = new Button(bar, SWT.CHECK);
        overdueOnly.setText("Only overdue");
        for (Button b : new Button[] { mine, overdueOnly }) {
            b.addListener(SWT.Selection, e -> reload());
        }
        summary = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(summary);
        viewer = ViewerTables.create(body);
        column("State", 90, t -> t.overdue(now) ? "Overdue" : t.soon() ? "Due soon" : "");
        column("Due", 130, t -> t.due() == null ? "" : DUE.format(t.due()));
        column("Task", 130, t -> t.kind().label());
        column("Subject", 230, Task::subject);
        column("What", 470, Task::what);
        column("Who", 160, t -> t.owner() != null ? t.owner() : t.meaning() == null ? "" : "whoever signs \u201c"
                + t.meaning() + "\u201d" + (t.notBy().isEmpty() ? "" : ", not " + String.join(", ", t.notBy())));
        viewer.addDoubleClickListener(e -> open());
        getSite().setSelectionProvider(viewer);
        addRefreshAction(this::reload);
        listenForChanges();
        reload();
    }

    private void column(String title, int width, Function<Task, String> text) {
        ViewerTables.<Task>column(viewer, title, width, text, t -> t.overdue(now) ? SWT.COLOR_DARK_RED : t.soon()
                ? SWT.COLOR_DARK_YELLOW : SWT.NONE);
    }

    /** Reads the tasks again with the filters as they are. */
    public void reload() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        SopTasks tasks = new SopTasks(QmsUi.get().store(), java.time.Clock.systemUTC());
        now = tasks.now();
        List<Task> all = tasks.all();
        String user = Session.principal() == null ? null : Session.principal().userId();
        List<Task> own = user == null ? List.of() : tasks.of(user, all);
        List<Task> shown = mine.getSelection() && user != null ? own : all;
        long overdue = shown.stream().filter(t -> t.overdue(now)).count();
        long soon = shown.stream().filter(t -> !t.overdue(now) && t.soon()).count();
        if (overdueOnly.getSelection()) {
            shown = shown.stream().filter(t -> t.overdue(now)).toList();
        }
        viewer.setInput(shown);
        summary.setText(String.format("%s: %d task(s), %d overdue, %d due soon", mine.getSelection() ? "Yours"
                : "Everyone's", (mine.getSelection() ? own : all).size(),
                overdue, soon));
        summary.getParent().layout(new Control[] { summary });
    }

    private void open() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        if (first instanceof Task t) {
            Record r = QmsUi.get().store().get(t.subjectId());
            if (r != null) {
                RecordEditor.open(getSite().getPage(), r);
            }
        }
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
