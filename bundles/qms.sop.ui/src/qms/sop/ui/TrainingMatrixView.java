package qms.sop.ui;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import qms.model.Person;
import qms.sop.core.SopLifecycle;
import qms.sop.core.Training;
import qms.sop.core.Training.Cell;
import qms.sop.core.Training.Matrix;
import qms.sop.model.Sop;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;

/**
 * Training Matrix: people × SOPs in force; each cell the version a person must be trained on and where it stands
 * (current, due by, overdue since), empty where the person's roles need no training on that SOP. For QA.
 */
public final class TrainingMatrixView extends QmsViewPart {

    public static final String ID = "qms.sop.ui.training";

    private Composite body;
    private Label summary;
    private Table table;

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        summary = new Label(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 2).applyTo(summary);
        table = new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            table.setToolTipText(null);
            if (item == null) {
                return;
            }
            for (int c = 1; c < table.getColumnCount(); c++) {
                if (item.getBounds(c).contains(e.x, e.y) && !item.getText(c).isEmpty()) {
                    table.setToolTipText(item.getText(0) + " on " + table.getColumn(c).getToolTipText() + ": "
                            + item.getText(c));
                }
            }
        });
        addRefreshAction(this::reload);
        listenForChanges();
        reload();
    }

    /** Reads the matrix again. */
    public void reload() {
        if (table == null || table.isDisposed()) {
            return;
        }
        table.setRedraw(false);
        try {
            table.removeAll();
            for (TableColumn c : table.getColumns()) {
                c.dispose();
            }
            Matrix m = new Training(QmsUi.get().store()).matrix(new SopLifecycle(QmsUi.get().store()).today());
            TableColumn who = new TableColumn(table, SWT.LEFT);
            who.setText("Person");
            who.setWidth(200);
            for (Sop sop : m.sops()) {
                TableColumn c = new TableColumn(table, SWT.LEFT);
                c.setText(sop.getNumber());
                c.setToolTipText(sop.getNumber() + " " + sop.getTitle());
                c.setWidth(190);
            }
            for (Person p : m.people()) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(0, p.getFullName());
                for (int i = 0; i < m.sops().size(); i++) {
                    Cell cell = m.cell(p.getId(), m.sops().get(i).getId());
                    if (cell != null) {
                        item.setText(i + 1, text(cell));
                        item.setForeground(i + 1, table.getDisplay().getSystemColor(switch (cell.state()) {
                        case CURRENT -> SWT.COLOR_DARK_GREEN;
                        case DUE -> SWT.COLOR_DARK_YELLOW;
                        case OVERDUE -> SWT.COLOR_DARK_RED;
                        }));
                    }
                }
            }
            for (TableColumn c : table.getColumns()) {
                c.pack(); // the whole "v2: overdue since 2026-11-21" shows
                c.setWidth(Math.max(c.getWidth() + 12, 120));
            }
            List<Cell> all = m.all();
            summary.setText(String.format("%d people \u00d7 %d SOPs in force: %d current, %d due, %d overdue",
                    m.people().size(), m.sops().size(), count(all, Training.State.CURRENT), count(all,
                            Training.State.DUE), count(all, Training.State.OVERDUE)));
        } finally {
            table.setRedraw(true);
        }
        body.layout(true);
    }

    private static long count(List<Cell> cells, Training.State s) {
        return cells.stream().filter(c -> c.state() == s).count();
    }

    /** "v2: overdue since 2026-11-21" (the SOP's number is the column's title). */
    static String text(Cell c) {
        String version = c.versionName().startsWith(c.sop().getNumber() + " ") ? c.versionName().substring(c.sop()
                .getNumber().length() + 1) : c.versionName();
        return version + ": " + switch (c.state()) {
        case CURRENT -> "current";
        case DUE -> "due by " + c.dueBy();
        case OVERDUE -> "overdue since " + c.dueBy();
        };
    }

    @Override
    protected Control mainControl() {
        return body;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    protected void recordsChanged(List<String> recordIds) {
        reload();
    }
}
