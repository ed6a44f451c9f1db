package qms.ui.dashboard;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;

import qms.core.RecordStore;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Dashboard;
import qms.core.dashboard.Dashboard.Section;
import qms.core.dashboard.Period;
import qms.ui.QmsUi;
import qms.ui.editor.RecordEditor;

/**
 * The QA dashboard, the first thing the workbench shows after sign-in: for a period, each installed module's charts
 * (through {@link qms.core.dashboard.DashboardFigures}; the core names no module), computed in a job and drawn by
 * JFreeChart. A click on a bar opens the records behind it; *Export PDF…* writes the same charts and their figures for
 * a management review. It fills the editor area, beside the records' forms, and reads only.
 */
public final class DashboardEditor extends EditorPart {

    public static final String ID = "qms.ui.dashboard";
    /** Whether a dashboard has drawn its charts in this session (the start-up benchmark waits for it). */
    private static volatile boolean drawnOnce;
    static final String[] PERIODS = { "Last 3 months", "Last 6 months", "Last 12 months", "Last 24 months",
            "This calendar year", "Last calendar year" };

    private Composite body;
    private Combo period;
    private Label status;
    private Button export;
    private ScrolledComposite scroller;
    private Composite content;
    private volatile boolean loading;
    private boolean again;
    private int generation;
    private Period shown;
    private List<Section> sections = List.of();
    private final Consumer<List<String>> changes = ids -> {
        if (body != null && !body.isDisposed()) {
            body.getDisplay().asyncExec(this::reload);
        }
    };

    /** Opens the dashboard in the page, or brings it to the front. */
    public static void open(IWorkbenchPage page) {
        try {
            page.openEditor(DashboardInput.INSTANCE, ID);
        } catch (PartInitException e) {
            org.eclipse.jface.dialogs.MessageDialog.openError(page.getWorkbenchWindow().getShell(), "Dashboard", e
                    .getMessage());
        }
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof DashboardInput)) {
            throw new PartInitException("The dashboard opens on its own input, not on " + input.getName());
        }
        setSite(site);
        setInput(input);
        setPartName("Dashboard");
    }

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(body);
        Composite bar = new Composite(body, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(5).margins(10, 6).spacing(10, 0).applyTo(bar);
        Label label = new Label(bar, SWT.NONE);
        label.setText("Period:");
        period = new Combo(bar, SWT.READ_ONLY);
        period.setItems(PERIODS);
        period.select(2);
        period.addListener(SWT.Selection, e -> reload());
        Button refresh = new Button(bar, SWT.PUSH);
        refresh.setText("&Refresh");
        refresh.setToolTipText("Compute the figures again from the store (others may have changed records)");
        refresh.addListener(SWT.Selection, e -> reload());
        export = new Button(bar, SWT.PUSH);
        export.setText("Export PDF\u2026");
        export.setEnabled(false);
        export.addListener(SWT.Selection, e -> DashboardPdf.export(getSite().getShell(), shown, sections));
        status = new Label(bar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(status);
        scroller = new ScrolledComposite(body, SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroller);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        scroller.getVerticalBar().setIncrement(40);
        content = new Composite(scroller, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(12, 8).spacing(0, 6).applyTo(content);
        scroller.setContent(content);
        scroller.addListener(SWT.Resize, e -> fit());
        content.setBackground(body.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        scroller.setBackground(content.getBackground());
        QmsUi.get().addChangeListener(changes);
        reload();
    }

    /** Whether a dashboard has drawn its figures since the suite started. */
    public static boolean drawnOnce() {
        return drawnOnce;
    }

    /** Loads what drawing the charts needs (Java 2D, fonts, JFreeChart); for a background thread at start-up. */
    public static void prepare() {
        qms.reports.ChartPainter.warmUp();
    }

    /** The period the combo names, as of now in the user's zone. */
    static Period period(int choice, Instant now, ZoneId zone) {
        YearMonth current = YearMonth.from(now.atZone(zone));
        return switch (choice) {
        case 0 -> Period.lastMonths(3, now, zone);
        case 1 -> Period.lastMonths(6, now, zone);
        case 3 -> Period.lastMonths(24, now, zone);
        case 4 -> new Period(YearMonth.of(current.getYear(), 1), current, now, zone);
        case 5 -> new Period(YearMonth.of(current.getYear() - 1, 1), YearMonth.of(current.getYear() - 1, 12), now,
                zone);
        default -> Period.lastMonths(12, now, zone);
        };
    }

    /** Computes the figures again, in a job; the charts shown stay until the new ones are drawn. */
    public void reload() {
        if (body == null || body.isDisposed()) {
            return;
        }
        if (loading) {
            again = true; // once the running computation is drawn
            return;
        }
        loading = true;
        again = false;
        int mine = ++generation;
        Period p = period(period.getSelectionIndex(), Instant.now(), ZoneId.systemDefault());
        RecordStore store = QmsUi.get().store();
        status.setText("Computing the figures for " + p.text() + "\u2026");
        status.getParent().layout(new Control[] { status });
        Job job = Job.create("Computing the dashboard", (IProgressMonitor monitor) -> {
            long start = System.nanoTime();
            List<Section> computed;
            try {
                computed = Dashboard.compute(store, p);
            } catch (RuntimeException e) {
                computed = List.of(new Section("Dashboard", List.of(), "The figures could not be computed: "
                        + e.getMessage()));
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            qms.reports.ChartPainter.warmUp(); // Java 2D and its fonts loaded here, not when the UI thread paints
            List<Section> result = computed;
            if (!body.isDisposed()) {
                body.getDisplay().asyncExec(() -> shown(mine, p, result, ms));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        qms.ui.AfterFirstPaint.schedule(job); // at start-up, once the window is on the screen
    }

    private void shown(int mine, Period p, List<Section> computed, long ms) {
        loading = false;
        if (body.isDisposed() || mine != generation) {
            return;
        }
        shown = p;
        sections = computed;
        draw();
        if (!drawnOnce && Boolean.getBoolean("qms.benchmark.startup")) { // when the figures are on the screen
            body.update();
            System.out.println("QMS-PHASE dashboard-drawn " + (System.currentTimeMillis() - java.lang.management
                    .ManagementFactory.getRuntimeMXBean().getStartTime()));
        }
        drawnOnce = true;
        status.setText(p.text() + " \u00b7 " + charts() + " charts of " + computed.size() + " modules, computed in "
                + ms + " ms");
        status.getParent().layout(new Control[] { status });
        export.setEnabled(!computed.isEmpty());
        if (again) {
            reload();
        }
    }

    private long charts() {
        return sections.stream().mapToLong(s -> s.charts().size()).sum();
    }

    private void draw() {
        for (Control c : content.getChildren()) {
            c.dispose();
        }
        if (sections.isEmpty()) {
            label(content, "No installed module shows figures here. Help \u203a Modules\u2026 installs modules;"
                    + " each adds its charts.", SWT.WRAP); // the core names no module
        }
        for (Section s : sections) {
            Label heading = label(content, s.title(), SWT.NONE);
            heading.setFont(JFaceResources.getHeaderFont());
            GridDataFactory.fillDefaults().indent(0, 8).applyTo(heading);
            if (s.error() != null) {
                label(content, s.error(), SWT.WRAP).setForeground(body.getDisplay().getSystemColor(
                        SWT.COLOR_DARK_RED));
            }
            Composite grid = new Composite(content, SWT.NONE);
            grid.setBackground(content.getBackground());
            GridDataFactory.fillDefaults().grab(true, false).applyTo(grid);
            GridLayoutFactory.fillDefaults().numColumns(Math.max(1, Math.min(3, s.charts().size()))).equalWidth(true)
                    .spacing(16, 8).applyTo(grid);
            for (Chart chart : s.charts()) {
                cell(grid, s, chart);
            }
        }
        fit();
    }

    private void cell(Composite grid, Section section, Chart chart) {
        Composite cell = new Composite(grid, SWT.NONE);
        cell.setBackground(content.getBackground());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(cell);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(cell);
        Label title = label(cell, chart.title(), SWT.WRAP);
        title.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        ChartCanvas canvas = new ChartCanvas(cell, chart, (series, point) -> open(chart, series, point));
        GridDataFactory.fillDefaults().grab(true, false).hint(200, 270).applyTo(canvas);
        if (!chart.note().isEmpty()) {
            label(cell, chart.note(), SWT.WRAP);
        }
    }

    private Label label(Composite parent, String text, int style) {
        Label l = new Label(parent, style);
        l.setText(text);
        l.setBackground(content.getBackground());
        GridDataFactory.fillDefaults().grab(true, false).hint(style == SWT.WRAP ? 200 : SWT.DEFAULT, SWT.DEFAULT)
                .applyTo(l);
        return l;
    }

    private void fit() {
        int width = scroller.getClientArea().width;
        scroller.setMinSize(content.computeSize(width, SWT.DEFAULT));
        content.layout(true, true);
    }

    /** Opens the records behind a bar: one record's form at once, several listed first. */
    private void open(Chart chart, Chart.Series series, Chart.Point point) {
        List<String> ids = point.recordIds();
        if (ids.isEmpty()) {
            return;
        }
        RecordStore store = QmsUi.get().store();
        if (ids.size() == 1) {
            store.find(ids.get(0)).ifPresent(r -> RecordEditor.open(getSite().getPage(), r));
            return;
        }
        new RecordsDialog(getSite().getShell(), getSite().getPage(), store, chart.title() + ": " + series.name()
                + ", " + point.category(), ids).open();
    }

    /** Whether figures are being computed (tests wait for them to be drawn). */
    public boolean loading() {
        return loading;
    }

    /** The sections drawn. */
    public List<Section> sections() {
        return sections;
    }

    /** The period the figures drawn are of. */
    public Period shownPeriod() {
        return shown;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == Control.class && body != null) {
            return adapter.cast(body);
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void setFocus() {
        period.setFocus();
    }

    @Override
    public void dispose() {
        QmsUi.get().removeChangeListener(changes);
        super.dispose();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // reads only
    }

    @Override
    public void doSaveAs() {
        // reads only
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }
}
