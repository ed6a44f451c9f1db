package qms.reports;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfAction;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfOutline;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The frame every PDF report of the suite shares: A4 landscape (or portrait), an embedded Unicode font (Liberation
 * Sans, which OpenPDF ships), a title and heading lines, tables whose header repeats on each page, and a footer with
 * the report's name and "Page n of m". Tables are written in chunks so that reports of any length need little memory.
 */
public class PdfReport implements AutoCloseable {

    private static final Color HEADER = new Color(0xE4, 0xE8, 0xEE);
    private static final Color RED = new Color(0xB0, 0x1C, 0x1C);
    private static final int CHUNK = 200;

    private final Document document;
    private final PdfWriter writer;
    private final BaseFont base;
    protected final Font title;
    protected final Font normal;
    protected final Font small;
    protected final Font strong;
    protected final Font alarm;
    protected final Font sectionFont;
    private PdfPTable table;
    private int rowsInChunk;

    /** Opens a report on {@code out}; {@code footer} names it at the bottom of each page. */
    public PdfReport(OutputStream out, String documentTitle, String footer) throws IOException {
        this(out, documentTitle, footer, false);
    }

    /** As {@link #PdfReport(OutputStream, String, String)}, on A4 portrait pages when {@code portrait}. */
    public PdfReport(OutputStream out, String documentTitle, String footer, boolean portrait) throws IOException {
        base = font();
        title = new Font(base, 16);
        normal = new Font(base, 9);
        small = new Font(base, 7.5f);
        strong = new Font(base, 9, Font.BOLD);
        alarm = new Font(base, 9, Font.NORMAL, RED);
        sectionFont = new Font(base, 12, Font.BOLD);
        document = new Document(portrait ? PageSize.A4 : PageSize.A4.rotate(), 28, 28, 28, 36);
        try {
            writer = PdfWriter.getInstance(document, out);
        } catch (DocumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        writer.setPageEvent(new Footer(footer));
        document.addTitle(documentTitle);
        document.addCreator("CRO Quality Suite");
        document.open();
        add(new Paragraph(documentTitle, title));
    }

    private static BaseFont font() throws IOException {
        try (InputStream in = Document.class.getResourceAsStream("/font-fallback/LiberationSans-Regular.ttf")) {
            if (in == null) {
                return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            }
            return BaseFont.createFont("LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    in.readAllBytes(), null);
        }
    }

    /** A heading line "label: value"; in red when {@code bad}. */
    public void line(String label, String value, boolean bad) {
        endTable();
        Paragraph p = new Paragraph();
        p.add(new Phrase(label + ": ", strong));
        p.add(new Phrase(value, bad ? alarm : normal));
        add(p);
    }

    /**
     * Starts a section on a new page: its heading, a named destination {@code anchor} and an entry in the PDF's
     * bookmarks, so a reader jumps to it from the side panel.
     */
    public void section(String anchor, String heading) {
        section(anchor, heading, true);
    }

    /** As {@link #section(String, String)}, but on the current page unless {@code newPage}. */
    public void section(String anchor, String heading, boolean newPage) {
        endTable();
        if (newPage) {
            document.newPage();
        }
        Chunk target = new Chunk(heading, sectionFont);
        target.setLocalDestination(anchor);
        add(new Paragraph(target));
        new PdfOutline(writer.getRootOutline(), PdfAction.gotoLocalPage(anchor, false), heading, false);
        writer.setViewerPreferences(PdfWriter.PageModeUseOutlines);
    }

    /** Starts a new page unless {@code points} of height are left on this one (a chart with its heading). */
    public void keepRoom(float points) {
        endTable();
        if (writer.getVerticalPosition(true) - document.bottom() < points) {
            document.newPage();
        }
    }

    /** A bold heading inside a section, with some space before it. */
    public void subheading(String text) {
        endTable();
        Paragraph p = new Paragraph(text, strong);
        p.setSpacingBefore(10);
        add(p);
    }

    /** A paragraph of plain text; in red when {@code bad}. */
    public void text(String text, boolean bad) {
        endTable();
        add(new Paragraph(text, bad ? alarm : normal));
    }

    /**
     * A drawing {@code width} × {@code height} points wide and high (a chart), which {@code painter} draws with Java 2D;
     * it lands in the page as vector shapes, text included (exact at any zoom, and no font to embed).
     */
    public void drawing(float width, float height, java.util.function.Consumer<java.awt.Graphics2D> painter) {
        endTable();
        PdfTemplate template = writer.getDirectContent().createTemplate(width, height);
        java.awt.Graphics2D g = template.createGraphicsShapes(width, height);
        try {
            painter.accept(g);
        } finally {
            g.dispose();
        }
        try {
            com.lowagie.text.Image image = com.lowagie.text.Image.getInstance(template);
            image.setSpacingBefore(4);
            add(image);
        } catch (com.lowagie.text.BadElementException e) {
            throw new IllegalStateException("The drawing could not be placed: " + e.getMessage(), e);
        }
    }

    /** Starts a table with these column titles and relative widths; its header repeats on every page. */
    public void startTable(String[] titles, float[] widths) {
        endTable();
        table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setSpacingBefore(8);
        table.setHeaderRows(1);
        table.setComplete(false);
        for (String t : titles) {
            PdfPCell c = new PdfPCell(new Phrase(t, strong));
            c.setBackgroundColor(HEADER);
            c.setPadding(3);
            table.addCell(c);
        }
        rowsInChunk = 0;
    }

    /** One row of the current table; {@code null} cells are empty. */
    public void row(String... cells) {
        for (String text : cells) {
            PdfPCell c = new PdfPCell(new Phrase(text == null ? "" : text, small));
            c.setPadding(2.5f);
            table.addCell(c);
        }
        if (++rowsInChunk == CHUNK) {
            add(table); // writes the rows so far and frees them; the table goes on
            rowsInChunk = 0;
        }
    }

    /** Finishes the current table, if any. */
    public void endTable() {
        if (table != null) {
            table.setComplete(true);
            add(table);
            table = null;
        }
    }

    private void add(Element e) {
        try {
            document.add(e);
        } catch (DocumentException x) {
            throw new IllegalStateException("The PDF could not take more content: " + x.getMessage(), x);
        }
    }

    @Override
    public void close() {
        endTable();
        document.close();
    }

    /** "Report name - Page n of m" at the bottom of each page; m is filled in when the document closes. */
    private final class Footer extends PdfPageEventHelper {
        private final String text;
        private PdfTemplate total;

        Footer(String text) {
            this.text = text;
        }

        @Override
        public void onOpenDocument(PdfWriter w, Document d) {
            total = w.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(PdfWriter w, Document d) {
            PdfContentByte cb = w.getDirectContent();
            Rectangle page = d.getPageSize();
            String left = text;
            String right = "Page " + w.getPageNumber() + " of ";
            float y = d.bottom() - 18;
            cb.beginText();
            cb.setFontAndSize(base, 7.5f);
            cb.setTextMatrix(d.left(), y);
            cb.showText(left);
            float rightWidth = base.getWidthPoint(right, 7.5f);
            float x = page.getWidth() - d.rightMargin() - rightWidth - 20;
            cb.setTextMatrix(x, y);
            cb.showText(right);
            cb.endText();
            cb.addTemplate(total, x + rightWidth, y);
        }

        @Override
        public void onCloseDocument(PdfWriter w, Document d) {
            total.beginText();
            total.setFontAndSize(base, 7.5f);
            total.setTextMatrix(0, 0);
            total.showText(Integer.toString(w.getPageNumber() - 1));
            total.endText();
        }
    }
}
