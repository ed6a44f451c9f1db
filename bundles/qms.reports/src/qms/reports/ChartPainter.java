package qms.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

import qms.core.dashboard.Chart;
import qms.core.dashboard.Chart.Series;
import qms.core.dashboard.Chart.Tone;

/**
 * Turns a dashboard chart's figures into a JFreeChart: bars, stacked bars or lines over the categories, one colour a
 * series by its tone (green good, amber to watch, red wrong; neutral series in distinct calm colours), values on the
 * bars, whole-number axes for counts. The same chart draws on screen and into the PDF.
 */
public final class ChartPainter {

    static {
        // JFreeChart draws with Java 2D into images and PDFs only; AWT must not open a window system of its own
        // beside SWT's (set before the first AWT class that reads it)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color GOOD = new Color(0x2E, 0x7D, 0x32);
    private static final Color WARNING = new Color(0xF2, 0xA9, 0x00);
    private static final Color PROBLEM = new Color(0xC6, 0x28, 0x28);
    private static final List<Color> NEUTRAL = List.of(new Color(0x15, 0x65, 0xC0), new Color(0x6A, 0x1B, 0x9A),
            new Color(0x00, 0x83, 0x8F), new Color(0x8D, 0x6E, 0x63), new Color(0x45, 0x5A, 0x64), new Color(0xAD,
                    0x14, 0x57), new Color(0x9E, 0x9D, 0x24));
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ChartPainter() {
    }

    /**
     * Draws a small chart off screen once, so that Java 2D, its fonts and JFreeChart are loaded by the calling thread
     * (a background job) rather than by the UI thread when the first chart is painted.
     */
    public static void warmUp() {
        if (warm) {
            return;
        }
        Chart sample = Chart.builder("warm-up", "", Chart.Kind.STACKED_BARS).axes("Month", "Systems").series("A",
                Tone.GOOD).series("B", Tone.PROBLEM).value("A", "Jan 2026", 2, List.of()).value("B", "Jan 2026", 1,
                        List.of()).build();
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(200, 150,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            of(sample).draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 200, 150));
        } finally {
            g.dispose();
        }
        warm = true;
    }

    private static volatile boolean warm;

    /** The JFreeChart of the figures (without a title: the view and the PDF show it above the chart). */
    public static JFreeChart of(Chart figures) {
        CategoryDataset data = dataset(figures);
        CategoryItemRenderer renderer = renderer(figures.kind());
        CategoryAxis categories = new CategoryAxis(figures.categoryAxis().isEmpty() ? null : figures.categoryAxis());
        categories.setTickLabelFont(TICKS);
        categories.setLabelFont(AXIS);
        categories.setCategoryMargin(figures.kind() == Chart.Kind.LINES ? 0 : 0.25);
        if (figures.categories().size() > 6) { // months: read upwards, each whole
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
            categories.setMaximumCategoryLabelLines(1);
        } else { // a few words: wrapped under the bar, as wide as the bar and its gaps
            categories.setMaximumCategoryLabelLines(3);
            categories.setMaximumCategoryLabelWidthRatio(1.2f);
        }
        NumberAxis values = new NumberAxis(figures.valueAxis());
        values.setTickLabelFont(TICKS);
        values.setLabelFont(AXIS);
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        values.setUpperMargin(0.12);
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setInsets(new RectangleInsets(6, 4, 2, 8));
        plot.setNoDataMessage("Nothing to show for the period");
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
        for (int i = 0; i < figures.series().size(); i++) {
            renderer.setSeriesPaint(i, paint(figures.series(), i));
        }
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, figures.series().size() > 1);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(2, 2, 2, 2));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(TICKS);
        }
        return chart;
    }

    static DefaultCategoryDataset dataset(Chart figures) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        if (figures.total() == 0) {
            return data; // all zero: the plot says there is nothing to show rather than drawing empty axes
        }
        for (Series s : figures.series()) {
            for (Chart.Point p : s.points()) {
                data.addValue(p.value(), s.name(), p.category());
            }
        }
        return data;
    }

    private static CategoryItemRenderer renderer(Chart.Kind kind) {
        if (kind == Chart.Kind.LINES) {
            LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
            lines.setDefaultStroke(new BasicStroke(2f));
            lines.setAutoPopulateSeriesStroke(false);
            return lines;
        }
        BarRenderer bars = kind == Chart.Kind.STACKED_BARS ? new StackedBarRenderer() : new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setMaximumBarWidth(0.09);
        bars.setItemMargin(0.04);
        bars.setDefaultItemLabelGenerator(new NonZeroLabels());
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        if (kind == Chart.Kind.STACKED_BARS) {
            bars.setDefaultItemLabelPaint(Color.WHITE);
        }
        return bars;
    }

    /** The colour of the i-th series: by its tone, neutral ones each in the next calm colour. */
    static Paint paint(List<Series> series, int i) {
        Tone tone = series.get(i).tone();
        return switch (tone) {
        case GOOD -> GOOD;
        case WARNING -> WARNING;
        case PROBLEM -> PROBLEM;
        case NEUTRAL -> NEUTRAL.get((int) series.subList(0, i).stream().filter(s -> s.tone() == Tone.NEUTRAL).count()
                % NEUTRAL.size());
        };
    }

    /** Values on the bars, but not a "0" on an empty one. */
    private static final class NonZeroLabels extends StandardCategoryItemLabelGenerator {
        private static final long serialVersionUID = 1L;

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            Number n = dataset.getValue(row, column);
            return n == null || n.doubleValue() == 0 ? null : super.generateLabel(dataset, row, column);
        }
    }
}
