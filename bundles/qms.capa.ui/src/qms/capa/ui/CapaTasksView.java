package qms.capa.ui;

import java.time.LocalDate;
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

import qms.capa.core.CapaLifecycle;
import qms.capa.core.CapaTasks;
import qms.capa.core.CapaTasks.Task;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;
import qms.ui.Session;
import qms.ui.ViewerTables;
import qms.ui.editor.RecordEditor;

/**
 * My Tasks / Overdue: what is still to be done on the CAPAs that are not closed — open actions, the CAPAs' due dates,
 * effectiveness checks and sign-offs waiting for a signature — the signed-in user's own or everyone's, the most
 * overdue first, with the counts on top. Double-click opens the CAPA.
 */
public final class CapaTasksView extends QmsViewPart {

    public static final String ID = "qms.capa.ui.tasks";

    private Composite body;
    private Button mine;
    private Button overdueOnly;
    private Label summary;
    private TableViewer viewer;
    private LocalDate today;

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        Composite bar = new Composite(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(4, 2).spacing(12, 0).applyTo(bar);
        mine = new Button(bar, SWT.CHECK);
        mine.setText("Only mine");
        mine.setSelection(true);
        overdueOnly = new Button(bar, SWT.CHECK);
        overdueOnly.setText("Only overdue");
        for (Button b : new Button[] { mine, overdueOnly }) {
            b.addListener(SWT.Selection, e -> reload());
        }
        summary = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(summary);
        viewer = ViewerTables.create(body);
        column("Overdue", 80, t -> t.overdue(today) ? t.daysOverdue(today) + " days" : "");
        column("Due", 95, t -> t.due() == null ? "" : t.due().toString());
        column("Task", 110, t -> t.kind().label());
        column("CAPA", 260, t -> (t.capa().getReference() == null ? "" : t.capa().getReference() + " ")
                + t.capa().getTitle());
        column("What", 420, Task::what);
        column("Owner", 100, t -> t.owner() == null ? "an approver" : t.owner());
        column("CAPA status", 120, t -> t.capa().getStatus().getLiteral());
        viewer.addDoubleClickListener(e -> open());
        getSite().setSelectionProvider(viewer);
        addRefreshAction(this::reload);
        listenForChanges();
        reload();
    }

    private void column(String title, int width, Function<Task, String> text) {
        ViewerTables.<Task>column(viewer, title, width, text, t -> t.overdue(today) ? SWT.COLOR_DARK_RED : SWT.NONE);
    }

    /** Reads the tasks again with the filters as they are. */
    public void reload() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        CapaLifecycle lifecycle = new CapaLifecycle(QmsUi.get().store());
        today = lifecycle.today();
        CapaTasks tasks = new CapaTasks(QmsUi.get().store(), lifecycle);
        List<Task> all = tasks.all();
        String user = Session.principal() == null ? null : Session.principal().userId();
        List<Task> own = user == null ? List.of() : tasks.of(user, all);
        List<Task> shown = mine.getSelection() && user != null ? own : all;
        long overdue = shown.stream().filter(t -> t.overdue(today)).count();
        if (overdueOnly.getSelection()) {
            shown = shown.stream().filter(t -> t.overdue(today)).toList();
        }
        viewer.setInput(shown);
        summary.setText(String.format("%s: %d open task(s), %d overdue \u2014 all CAPAs: %d open task(s), %d overdue"
                + " (as of %s)", mine.getSelection() ? "Yours" : "Everyone's", mine.getSelection() ? own.size() : all
                        .size(), overdue, all.size(), all.stream().filter(t -> t.overdue(today))
                                .count(), today));
        summary.getParent().layout(new Control[] { summary });
    }

    private void open() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        if (first instanceof Task t) {
            RecordEditor.open(getSite().getPage(), t.capa());
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
