package qms.backup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.swt.graphics.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import qms.core.RecordStore;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Period;
import qms.model.ComputerizedSystem;
import qms.model.GxpCriticality;
import qms.ui.QmsUi;
import qms.ui.dashboard.ChartCanvas;
import qms.ui.dashboard.DashboardEditor;
import qms.ui.dashboard.DashboardPdf;
import qms.ui.Session;
import qms.ui.testing.Bot;
import qms.ui.testing.EditorBot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.TableBot;
import qms.ui.testing.WorkbenchBot;

/**
 * The dashboard in the real workbench with the backup module: opened from Window › Dashboard, the compliance chart
 * drawn by JFreeChart with this month's Non-Compliant bar naming the two systems just made, a click on that bar
 * listing them and opening one's form, a shorter period redrawing the chart, and the PDF export of what is shown.
 */
class DashboardTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();

    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        workbench.resetWorkbench();
    }

    private ComputerizedSystem system(String name) {
        return TestSystems.saved(store, name, GxpCriticality.HIGH);
    }

    private static List<String> ids(Chart chart, String series, String category) {
        return chart.point(series, category).map(Chart.Point::recordIds).orElse(List.of());
    }

    @Test
    void aBarOfTheComplianceChartOpensTheSystemsBehindIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ComputerizedSystem a = system("Dashboard LIMS A " + tag); // no backup policy: Non-Compliant
        ComputerizedSystem b = system("Dashboard LIMS B " + tag);

        workbench.menu("Window", "Dashboard").click();
        EditorBot editor = workbench.editor("Dashboard");
        DashboardEditor part = bot.syncExec(() -> (DashboardEditor) editor.reference().getEditor(false));
        String month = Period.label(Period.lastMonths(12, java.time.Instant.now(), java.time.ZoneId.systemDefault())
                .last());
        editor.bot().button("Refresh").click(); // the records were saved through the store, not a form
        ChartCanvas[] canvas = new ChartCanvas[1];
        bot.waitUntil(() -> bot.syncExec(() -> {
            if (part.loading()) {
                return false;
            }
            canvas[0] = null;
            for (ChartCanvas c : charts(editor)) {
                if (c.figures().id().equals("backup.compliance") && ids(c.figures(), "Non-Compliant", month)
                        .containsAll(List.of(a.getId(), b.getId()))) {
                    canvas[0] = c;
                }
            }
            return canvas[0] != null;
        }), "the compliance chart counts the new systems in " + month);
        Chart figures = canvas[0].figures();
        assertEquals(12, figures.categories().size(), "the last 12 months by default");
        assertEquals(List.of("Compliant", "At Risk", "Non-Compliant"), figures.series().stream().map(
                Chart.Series::name).toList());
        assertTrue(bot.syncExec(() -> editor.bot().labelTexts()).stream().anyMatch(t -> t.startsWith(
                "Backup and restore")), "the module's section is headed by its title");

        Point bar = bot.syncExec(() -> canvas[0].centre("Non-Compliant", month)).orElseThrow();
        String tip = bot.syncExec(() -> {
            org.eclipse.swt.widgets.Event move = new org.eclipse.swt.widgets.Event();
            move.x = bar.x;
            move.y = bar.y;
            canvas[0].notifyListeners(org.eclipse.swt.SWT.MouseMove, move);
            return canvas[0].getToolTipText();
        });
        int count = ids(figures, "Non-Compliant", month).size();
        assertTrue(tip != null && tip.startsWith("Non-Compliant, " + month + ": " + count), tip);
        bot.click(canvas[0], bar.x, bar.y);
        ShellBot records = bot.shell("Records behind the chart");
        TableBot table = records.table();
        List<String> listed = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            listed.add(table.cell(r, 1));
        }
        assertEquals(count, table.rowCount(), listed.toString());
        assertTrue(listed.contains(a.getName()) && listed.contains(b.getName()), listed.toString());
        assertEquals("Computerized System", table.cell(listed.indexOf(a.getName()), 0));
        table.select(listed.indexOf(a.getName()));
        records.button("Open").click();
        bot.waitUntil(() -> workbench.editorTitles().contains(a.getName()), "the system's form opens");

        editor.show();
        editor.bot().comboWithLabel("Period:").setSelection("Last 3 months");
        bot.waitUntil(() -> bot.syncExec(() -> !part.loading() && charts(editor).stream().anyMatch(c -> c.figures()
                .id().equals("backup.compliance") && c.figures().categories().size() == 3)), "three months drawn");
        assertEquals(3, part.shownPeriod().months().size());

        Path pdf = dir.resolve("dashboard.pdf");
        String sha = DashboardPdf.write(pdf, part.shownPeriod(), part.sections(), Session.principal());
        assertEquals(64, sha.length());
        PdfReader reader = new PdfReader(Files.readAllBytes(pdf));
        StringBuilder text = new StringBuilder();
        try {
            PdfTextExtractor x = new PdfTextExtractor(reader);
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                text.append(x.getTextFromPage(p)).append('\n');
            }
        } finally {
            reader.close();
        }
        String all = text.toString();
        for (String expected : List.of("QA dashboard", part.shownPeriod().text(), "Backup and restore",
                "Backup compliance by month", "Restoration tests due", month, SignedInApplication.ADMIN)) {
            assertTrue(all.contains(expected), expected + " in:\n" + all);
        }
    }

    /** UI thread: the chart canvases of the dashboard, drawn or scrolled out of view. */
    private static List<ChartCanvas> charts(EditorBot editor) {
        List<ChartCanvas> found = new ArrayList<>();
        collect((org.eclipse.swt.widgets.Composite) editor.widget(), found);
        return found;
    }

    private static void collect(org.eclipse.swt.widgets.Composite parent, List<ChartCanvas> found) {
        for (org.eclipse.swt.widgets.Control c : parent.getChildren()) {
            if (c instanceof ChartCanvas chart) {
                found.add(chart);
            } else if (c instanceof org.eclipse.swt.widgets.Composite composite) {
                collect(composite, found);
            }
        }
    }
}
