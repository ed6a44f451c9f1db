package qms.ui.dashboard;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import qms.core.Principal;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Dashboard.Section;
import qms.core.dashboard.Period;
import qms.reports.ChartPainter;
import qms.reports.PdfReport;
import qms.reports.ReportFile;
import qms.ui.Session;

/**
 * The dashboard as a PDF for a management review: the period, when and by whom, then each module's charts drawn as
 * vectors by the same JFreeChart as on screen, each with its note and the table of its figures (what a reviewer quotes).
 * Written to a temporary file and moved into place: a failed export leaves nothing.
 */
public final class DashboardPdf {

    static final float WIDTH = 780;
    static final float HEIGHT = 210;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private DashboardPdf() {
    }

    /** Writes the sections computed for the period to {@code target}; returns the file's SHA-256. */
    public static String write(Path target, Period period, List<Section> sections, Principal by) throws IOException {
        return ReportFile.write(target, out -> {
            try (PdfReport pdf = new PdfReport(out, "QA dashboard", "QA dashboard \u2014 " + period.text())) {
                pdf.line("Period", period.text() + " (" + period.from() + " to " + period.to() + ")", false);
                pdf.line("Figures as of", WHEN.format(period.now().atZone(period.zone())), false);
                pdf.line("Exported by", by == null ? "(nobody signed in)" : by.displayName() + " (" + by.userId()
                        + ")", false);
                pdf.line("Modules", sections.isEmpty() ? "none installed with figures" : sections.stream().map(
                        Section::title).collect(Collectors.joining(", ")), false);
                int n = 0;
                for (Section s : sections) {
                    pdf.keepRoom(HEIGHT + 60); // the heading with the first chart
                    pdf.section("section" + (++n), s.title(), false);
                    if (s.error() != null) {
                        pdf.text(s.error(), true);
                    }
                    for (Chart c : s.charts()) {
                        chart(pdf, c);
                    }
                }
            }
        });
    }

    private static void chart(PdfReport pdf, Chart c) {
        pdf.keepRoom(HEIGHT + 30); // a chart's heading stays with it
        pdf.subheading(c.title());
        pdf.drawing(WIDTH, HEIGHT, g -> ChartPainter.of(c).draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT)));
        if (!c.note().isEmpty()) {
            pdf.text(c.note(), false);
        }
        if (c.series().isEmpty()) {
            return;
        }
        List<String> titles = new ArrayList<>();
        titles.add(c.categoryAxis().isEmpty() ? "" : c.categoryAxis());
        c.series().forEach(s -> titles.add(s.name()));
        float[] widths = new float[titles.size()];
        java.util.Arrays.fill(widths, 1);
        widths[0] = 2;
        pdf.startTable(titles.toArray(String[]::new), widths);
        for (int i = 0; i < c.categories().size(); i++) {
            String[] row = new String[titles.size()];
            row[0] = c.categories().get(i);
            for (int j = 0; j < c.series().size(); j++) {
                double v = c.series().get(j).points().get(i).value();
                row[j + 1] = v == Math.rint(v) ? Long.toString((long) v) : String.format("%.2f", v);
            }
            pdf.row(row);
        }
        pdf.endTable();
    }

    /** Asks where, writes, and says where it went (or why not). */
    static void export(Shell shell, Period period, List<Section> sections) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export the dashboard as PDF");
        dialog.setFilterExtensions(new String[] { "*.pdf" });
        dialog.setFileName("qa-dashboard-" + period.first() + "-to-" + period.last() + ".pdf");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path target = Path.of(chosen);
        String[] sha = { null };
        IOException[] failed = { null };
        BusyIndicator.showWhile(shell.getDisplay(), () -> {
            try {
                sha[0] = write(target, period, sections, Session.principal());
            } catch (IOException e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) {
            MessageDialog.openError(shell, "Export the dashboard", "The PDF could not be written to " + target + ": "
                    + failed[0].getMessage() + "\nNothing was written.");
        } else {
            MessageDialog.openInformation(shell, "Export the dashboard", "The dashboard for " + period.text()
                    + " was written to " + target + "\nSHA-256: " + sha[0]);
        }
    }
}
