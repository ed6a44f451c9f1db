package qms.ui.dashboard;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Cursor;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.CategoryItemEntity;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.StandardEntityCollection;

import qms.core.dashboard.Chart;
import qms.reports.ChartPainter;

/**
 * One chart of the dashboard on screen: JFreeChart draws it into an image of the canvas's size (again only when the
 * size changes), and the entities of that drawing say which bar or point is under the mouse — a tooltip names it
 * with its value, a click hands its series and point to {@code open}.
 */
public final class ChartCanvas extends Canvas {

    private final Chart figures;
    private final JFreeChart chart;
    private final BiConsumer<Chart.Series, Chart.Point> open;
    private ChartRenderingInfo info;
    private Image image;
    private final Cursor hand;

    public ChartCanvas(Composite parent, Chart figures, BiConsumer<Chart.Series, Chart.Point> open) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.figures = figures;
        this.chart = ChartPainter.of(figures);
        this.open = open;
        this.hand = getDisplay().getSystemCursor(SWT.CURSOR_HAND);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Resize, e -> forget());
        addListener(SWT.Dispose, e -> forget());
        addListener(SWT.MouseMove, this::hover);
        addListener(SWT.MouseUp, e -> {
            if (e.button == 1) {
                at(e.x, e.y).ifPresent(h -> open.accept(h.series(), h.point()));
            }
        });
    }

    /** The figures drawn. */
    public Chart figures() {
        return figures;
    }

    /** A bar or point of a series. */
    public record Hit(Chart.Series series, Chart.Point point) {
    }

    /** What is drawn at the canvas's coordinates, if a bar or point of a series. */
    public Optional<Hit> at(int x, int y) {
        render();
        EntityCollection entities = info == null ? null : info.getEntityCollection();
        ChartEntity e = entities == null ? null : entities.getEntity(x, y);
        if (e instanceof CategoryItemEntity item) {
            String series = String.valueOf(item.getRowKey());
            String category = String.valueOf(item.getColumnKey());
            return figures.series().stream().filter(s -> s.name().equals(series)).findFirst().flatMap(s -> s.points()
                    .stream().filter(p -> p.category().equals(category)).findFirst().map(p -> new Hit(s, p)));
        }
        return Optional.empty();
    }

    /** The middle of the bar or point drawn for a series in a category; empty if none is drawn (a zero bar). */
    public Optional<Point> centre(String series, String category) {
        render();
        for (Object o : info.getEntityCollection().getEntities()) {
            if (o instanceof CategoryItemEntity item && series.equals(String.valueOf(item.getRowKey())) && category
                    .equals(String.valueOf(item.getColumnKey()))) {
                Rectangle2D r = item.getArea().getBounds2D();
                if (r.getWidth() > 0 && r.getHeight() > 0) {
                    return Optional.of(new Point((int) Math.round(r.getCenterX()), (int) Math.round(r.getCenterY())));
                }
            }
        }
        return Optional.empty();
    }

    private void hover(Event e) {
        Optional<Hit> hit = at(e.x, e.y);
        setCursor(hit.isPresent() && !hit.get().point().recordIds().isEmpty() ? hand : null);
        String tip = hit.map(h -> describe(h.series(), h.point())).orElse(null);
        if (!java.util.Objects.equals(tip, getToolTipText())) {
            setToolTipText(tip);
        }
    }

    /** "Non-Compliant, Mar 2026: 12 (click to open the records)". */
    static String describe(Chart.Series series, Chart.Point p) {
        String value = p.value() == Math.rint(p.value()) ? Long.toString((long) p.value()) : String.format("%.2f", p
                .value());
        return series.name() + ", " + p.category() + ": " + value + (p.recordIds().isEmpty() ? ""
                : " (click to open " + (p.recordIds().size() == 1 ? "the record)" : "the " + p.recordIds().size()
                        + " records)"));
    }

    private void paint(Event e) {
        render();
        if (image != null) {
            e.gc.drawImage(image, 0, 0);
        }
    }

    /** Draws the chart into the image for the current size, once. */
    private void render() {
        org.eclipse.swt.graphics.Rectangle area = getClientArea();
        if (image != null || area.width <= 0 || area.height <= 0) {
            return;
        }
        BufferedImage drawn = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = drawn.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        info = new ChartRenderingInfo(new StandardEntityCollection());
        chart.draw(g, new Rectangle2D.Double(0, 0, area.width, area.height), info);
        g.dispose();
        int[] pixels = ((DataBufferInt) drawn.getRaster().getDataBuffer()).getData();
        ImageData data = new ImageData(area.width, area.height, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < area.height; y++) {
            data.setPixels(0, y, area.width, pixels, y * area.width);
        }
        image = new Image(getDisplay(), data);
    }

    private void forget() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 480 : wHint, hHint == SWT.DEFAULT ? 280 : hHint);
    }
}
