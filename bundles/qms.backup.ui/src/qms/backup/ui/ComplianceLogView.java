package qms.backup.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import qms.backup.core.BackupCompliance;
import qms.backup.core.BackupCompliance.DayRow;
import qms.backup.core.ComplianceLogExport;
import qms.backup.core.ComplianceStatus;
import qms.ui.QmsUi;
import qms.ui.QmsViewPart;

/**
 * The Backup &amp; Security Compliance Log: per day and system, Date | System | Backup Completed | Restoration Tested
 * | Status, for any period, filtered by system and status, sorted by any column, the status in colour; exported as
 * CSV or PDF. The table is virtual: only the rows on screen get table items.
 */
public final class ComplianceLogView extends QmsViewPart {

    public static final String ID = "qms.backup.ui.complianceLog";
    static final String ALL_SYSTEMS = "(all systems)";
    static final String ANY_STATUS = "(any status)";

    private Composite body;
    private DateTime from;
    private DateTime to;
    private Combo system;
    private Combo status;
    private Label summary;
    private Table table;
    private List<DayRow> all = List.of();
    private List<DayRow> shown = List.of();
    /** Numbers the computations asked for; only the newest one's rows are shown. */
    private int requested;
    private int shownRequest;
    /** The request whose newest day is shown while its older days are computed. */
    private int partRequest;
    /** The period of the rows shown, "from to". */
    private String shownPeriod = "";
    private Job computation;
    private int sortColumn = 0;
    private boolean descending = true;
    private final Map<ComplianceStatus, Color> colours = new EnumMap<>(ComplianceStatus.class);

    private static final List<Function<DayRow, String>> TEXTS = List.of(r -> r.date().toString(),
            r -> r.system().name(), ComplianceLogExport::backupText, ComplianceLogExport::restoreText,
            r -> r.status().label());
    private static final List<Comparator<DayRow>> ORDERS = List.of(Comparator.comparing(DayRow::date),
            Comparator.comparing((DayRow r) -> r.system().name(), String.CASE_INSENSITIVE_ORDER),
            Comparator.comparing(DayRow::backupCompleted), Comparator.comparing(ComplianceLogExport::restoreText),
            Comparator.comparing(DayRow::status));

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(body);
        Composite top = new Composite(body, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(8).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        LocalDate today = LocalDate.now();
        from = BackupUi.date(top, "From", today.minusDays(30));
        to = BackupUi.date(top, "to", today);
        new Label(top, SWT.NONE).setText("System");
        system = new Combo(top, SWT.READ_ONLY);
        GridDataFactory.swtDefaults().hint(220, SWT.DEFAULT).applyTo(system);
        system.add(ALL_SYSTEMS);
        system.select(0);
        new Label(top, SWT.NONE).setText("Status");
        status = new Combo(top, SWT.READ_ONLY);
        status.add(ANY_STATUS);
        for (ComplianceStatus s : ComplianceStatus.values()) {
            status.add(s.label());
            colours.put(s, BackupUi.background(parent.getDisplay(), s));
        }
        status.select(0);
        // a line of its own: beside the filters it was cut off whenever the view was narrow
        summary = new Label(top, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(8, 1).applyTo(summary);
        qms.ui.DateFields.onChange(from, this::reload);
        qms.ui.DateFields.onChange(to, this::reload);
        system.addListener(SWT.Selection, e -> filter());
        status.addListener(SWT.Selection, e -> filter());

        table = new Table(body, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        qms.ui.Tables.showCutCellsWhole(table, null);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        String[] titles = { "Date", "System", "Backup Completed", "Restoration Tested", "Status" };
        int[] widths = { 110, 220, 150, 170, 130 };
        for (int i = 0; i < titles.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(titles[i]);
            c.setWidth(widths[i]);
            int index = i;
            c.addListener(SWT.Selection, e -> sortBy(index));
        }
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            DayRow r = shown.get(table.indexOf(item));
            for (int i = 0; i < TEXTS.size(); i++) {
                item.setText(i, TEXTS.get(i).apply(r));
            }
            item.setBackground(4, colours.get(r.status()));
        });
        table.setSortColumn(table.getColumn(0));
        table.setSortDirection(SWT.DOWN);

        var toolBar = getViewSite().getActionBars().getToolBarManager();
        for (ComplianceLogExport.Format f : ComplianceLogExport.Format.values()) {
            Action a = new Action("Export " + f + "\u2026") {
                @Override
                public void run() {
                    exportWithDialog(f);
                }
            };
            a.setToolTipText("Write the rows shown to a " + f + " file");
            toolBar.add(a);
        }
        getViewSite().getActionBars().updateActionBars();
        listenForChanges();
        reload();
    }

    /**
     * Computes the rows of the period again, in a job: over a million log entries this takes a while, and the
     * window stays usable meanwhile. For a new period the rows of its newest day are shown first (the first
     * screenful in the default order), the older days follow; for the period shown (records changed) the rows shown
     * stay until all new ones are there. A newer request supersedes one still running.
     */
    public void reload() {
        LocalDate f = qms.ui.DateFields.day(from);
        LocalDate t = qms.ui.DateFields.day(to);
        int request = ++requested;
        String period = f + " " + t;
        if (computation != null) {
            computation.cancel();
        }
        if (t.isBefore(f)) {
            show(request, period, List.of(), "The period ends before it starts.");
            return;
        }
        summary.setText("Computing the statuses of " + f + " to " + t + "\u2026");
        relayoutSummary();
        BackupCompliance compliance = BackupUi.compliance();
        Display display = table.getDisplay();
        computation = Job.create("Computing the backup compliance log, " + f + " to " + t, monitor -> {
            try {
                List<DayRow> rows = compliance.daily(f, t, Instant.now(), newest -> display.asyncExec(
                        () -> showNewestDay(request, period, newest)));
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                display.asyncExec(() -> show(request, period, rows, null));
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                display.asyncExec(() -> show(request, period, List.of(), "The statuses could not be computed: "
                        + e.getMessage()));
                return Status.error("The backup compliance log could not be computed", e);
            }
        });
        computation.setPriority(Job.SHORT);
        computation.schedule();
    }

    @Override
    public boolean loading() {
        return shownRequest != requested;
    }

    @Override
    public boolean showsFirstContent() {
        return partRequest == requested || !loading();
    }

    private void showNewestDay(int request, String period, List<DayRow> rows) {
        if (table.isDisposed() || request != requested || period.equals(shownPeriod)) {
            return; // closed, superseded, or the rows shown are of this period already (and stay until all are new)
        }
        partRequest = request;
        setRows(period, rows, false);
    }

    private void show(int request, String period, List<DayRow> rows, String failure) {
        if (table.isDisposed() || request != requested) {
            return; // closed, or superseded by a newer request
        }
        shownRequest = request;
        setRows(period, rows, true);
        if (failure != null) {
            summary.setText(failure);
            relayoutSummary();
        }
    }

    /**
     * @param complete false for the newest day shown first: the system filter keeps its choices until all rows are
     *                 there (filling a drop-down with hundreds of systems is not free, and the days to come name the
     *                 same systems)
     */
    private void setRows(String period, List<DayRow> rows, boolean complete) {
        shownPeriod = period;
        all = rows;
        if (complete) {
            String selected = system.getText();
            List<String> names = new ArrayList<>(List.of(ALL_SYSTEMS));
            all.stream().map(r -> r.system().name()).distinct().sorted(String.CASE_INSENSITIVE_ORDER)
                    .forEach(names::add);
            if (!names.equals(List.of(system.getItems()))) {
                system.setItems(names.toArray(String[]::new));
            }
            system.select(selected.isEmpty() ? 0 : Math.max(0, system.indexOf(selected)));
        }
        filter();
    }

    /**
     * Lays out the summary line after its text changed, and only it: laying out the whole bar again would measure
     * every entry of the system drop-down (hundreds of systems: a noticeable pause on GTK).
     */
    private void relayoutSummary() {
        summary.getParent().layout(new Control[] { summary });
    }

    private void filter() {
        String sys = system.getText();
        String st = status.getText();
        List<DayRow> rows = new ArrayList<>();
        for (DayRow r : all) {
            if ((ALL_SYSTEMS.equals(sys) || r.system().name().equals(sys))
                    && (ANY_STATUS.equals(st) || r.status().label().equals(st))) {
                rows.add(r);
            }
        }
        Comparator<DayRow> order = ORDERS.get(sortColumn);
        rows.sort(descending ? order.reversed() : order);
        shown = rows;
        table.clearAll();
        table.setItemCount(rows.size());
        long bad = rows.stream().filter(r -> r.status() == ComplianceStatus.NON_COMPLIANT).count();
        boolean part = partRequest == requested && loading();
        summary.setText(rows.size() + " rows, " + bad + " Non-Compliant" + (part && !all.isEmpty() ? " on "
                + all.get(0).date() + "; computing the older days\u2026" : ""));
        relayoutSummary();
    }

    private void sortBy(int column) {
        descending = column == sortColumn ? !descending : column == 0;
        sortColumn = column;
        table.setSortColumn(table.getColumn(column));
        table.setSortDirection(descending ? SWT.DOWN : SWT.UP);
        filter();
    }

    /** The criteria of the rows shown, for the export's heading. */
    public String criteria() {
        return qms.ui.DateFields.day(from) + " to " + qms.ui.DateFields.day(to) + ", " + system.getText() + ", " + status.getText();
    }

    /** The rows shown, in the order shown. */
    public List<DayRow> rows() {
        return List.copyOf(shown);
    }

    /** Writes the rows shown; returns the file's SHA-256. */
    public String export(ComplianceLogExport.Format format, Path target) throws IOException {
        var p = QmsUi.get().store().principal();
        return ComplianceLogExport.write(rows(), format, target, criteria(), p == null ? "?" : p.displayName()
                + " (" + p.userId() + ")");
    }

    private void exportWithDialog(ComplianceLogExport.Format format) {
        if (loading()) {
            MessageDialog.openInformation(getSite().getShell(), "Export " + format, "The log is still being computed"
                    + " for " + criteria() + ". Export it once the rows are complete.");
            return;
        }
        FileDialog d = new FileDialog(getSite().getShell(), SWT.SAVE);
        d.setText("Export " + format);
        d.setFilterExtensions(new String[] { "*." + format.name().toLowerCase() });
        d.setFilterPath(System.getProperty("user.home"));
        d.setFileName("backup-compliance-log-" + LocalDate.now() + "." + format.name().toLowerCase());
        d.setOverwrite(true);
        String chosen = d.open();
        if (chosen == null) {
            return;
        }
        try {
            String sha = export(format, Path.of(chosen));
            if (MessageDialog.openQuestion(getSite().getShell(), "Export " + format, shown.size()
                    + " rows were exported to\n" + chosen + "\n\nSHA-256 of the file: " + sha + "\n\nOpen the file"
                    + " now?")) {
                Program.launch(chosen);
            }
        } catch (IOException | RuntimeException e) {
            MessageDialog.openError(getSite().getShell(), "Export " + format, "The export failed; no file was"
                    + " written.\n\n" + e.getMessage());
        }
    }

    @Override
    public void dispose() {
        if (computation != null) {
            computation.cancel();
        }
        super.dispose();
    }

    @Override
    protected Control mainControl() {
        return body;
    }

    @Override
    protected void recordsChanged(List<String> recordIds) {
        reload();
    }
}
