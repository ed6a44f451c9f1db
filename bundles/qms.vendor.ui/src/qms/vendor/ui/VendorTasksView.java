package qms.vendor.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
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

import qms.ui.QmsUi;
import qms.ui.QmsViewPart;
import qms.ui.ViewerTables;
import qms.ui.editor.RecordEditor;
import qms.vendor.core.VendorDue;
import qms.vendor.core.VendorDue.Item;

/**
 * Vendor Tasks: requalifications, certificates and agreement renewals overdue (or expired) and due soon — with
 * "Later too", everything that has a date — overdue first. Double-click opens the profile or agreement. Reads only.
 */
public final class VendorTasksView extends QmsViewPart {

    public static final String ID = "qms.vendor.ui.tasks";

    private Composite body;
    private Button later;
    private Label summary;
    private TableViewer viewer;
    private LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        Composite bar = new Composite(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 2).spacing(12, 0).applyTo(bar);
        later = new Button(bar, SWT.CHECK);
        later.setText("Later too");
        later.addListener(SWT.Selection, e -> reload());
        summary = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(summary);
        viewer = ViewerTables.create(body);
        column("State", 90, i -> i.state().label());
        column("Due", 100, i -> i.due() == null ? "now" : i.due().toString());
        column("When", 150, i -> i.when(today));
        column("Task", 140, i -> i.kind().label());
        column("Vendor", 220, Item::vendor);
        column("What", 520, Item::what);
        viewer.addDoubleClickListener(e -> open());
        getSite().setSelectionProvider(viewer);
        addRefreshAction(this::reload);
        listenForChanges();
        reload();
    }

    private void column(String title, int width, Function<Item, String> text) {
        ViewerTables.<Item>column(viewer, title, width, text, i -> i.state() == VendorDue.State.OVERDUE
                ? SWT.COLOR_DARK_RED : i.state() == VendorDue.State.DUE_SOON ? SWT.COLOR_DARK_YELLOW : SWT.NONE);
    }

    /** Reads what is due again. */
    public void reload() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        today = LocalDate.now(ZoneOffset.UTC);
        List<Item> all = new VendorDue(QmsUi.get().store()).items(today);
        List<Item> shown = later.getSelection() ? all : all.stream().filter(i -> i.state() != VendorDue.State.LATER)
                .toList();
        viewer.setInput(shown);
        long overdue = all.stream().filter(i -> i.state() == VendorDue.State.OVERDUE).count();
        long soon = all.stream().filter(i -> i.state() == VendorDue.State.DUE_SOON).count();
        summary.setText(overdue + " overdue, " + soon + " due soon" + (later.getSelection() ? ", " + (all.size()
                - overdue - soon) + " later" : ""));
        summary.getParent().layout(new Control[] { summary });
    }

    private void open() {
        if (viewer.getStructuredSelection().getFirstElement() instanceof Item i) {
            RecordEditor.open(getSite().getPage(), QmsUi.get().store().get(i.record().getId()));
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
