package qms.ui.security;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * What the screen shows between the sign-in dialog closing and the window appearing: who signed in and what the
 * start is doing ("Opening the window…"). It is painted before the UI thread gets busy building the window, which
 * runs no event loop until it is open (so it shows no later phases: nothing would paint them), and closes when the
 * window has painted.
 */
public final class StartProgress {

    /** The shell's text (it has no title bar; a screen reader and a test find it by it). */
    public static final String TITLE = "CRO Quality Suite \u2014 starting";

    /** Why a progress closed: the window painted under it; the window did not open; it was up too long. */
    public enum Closed {
        WINDOW_PAINTED, NO_WINDOW, TIMED_OUT
    }

    /** What the last start showed, for a test to read after it (UI thread writes, anyone reads). */
    public record Shown(List<String> phases, boolean painted, boolean beforeWindow, Closed closed) {
    }

    /**
     * The longest it stays up: an on-top panel left over from a start that failed after the window opened (say an
     * exception before {@link #closeWhenPainted}) would hide the window. Long enough for a slow machine's window.
     */
    private static final int AT_MOST_MS = 20_000;

    private static StartProgress current;
    private static volatile Shown last;

    private final Shell shell;
    private final Label phase;
    private final List<String> phases = new ArrayList<>();
    private boolean painted;
    private final boolean beforeWindow;
    private final Runnable timeout = () -> {
        if (current == this) {
            close(Closed.TIMED_OUT);
        }
    };

    private StartProgress(Display display, String who, boolean beforeWindow) {
        this.beforeWindow = beforeWindow;
        shell = new Shell(display, SWT.ON_TOP | SWT.NO_TRIM);
        shell.setText(TITLE);
        GridLayout outer = new GridLayout();
        outer.marginWidth = 1;
        outer.marginHeight = 1;
        shell.setLayout(outer);
        shell.setBackground(display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW)); // the 1-pixel frame
        Composite body = new Composite(shell, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GridLayout layout = new GridLayout();
        layout.marginWidth = 24;
        layout.marginHeight = 18;
        layout.verticalSpacing = 10;
        body.setLayout(layout);
        Label title = new Label(body, SWT.NONE);
        title.setText("CRO Quality Suite");
        title.setFont(org.eclipse.jface.resource.JFaceResources.getHeaderFont());
        Label signedIn = new Label(body, SWT.NONE);
        signedIn.setText("Signed in: " + who);
        phase = new Label(body, SWT.NONE);
        GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wide.widthHint = 420;
        phase.setLayoutData(wide);
        phase.addListener(SWT.Paint, e -> painted = true);
        shell.pack();
        org.eclipse.swt.graphics.Rectangle screen = display.getPrimaryMonitor().getClientArea();
        org.eclipse.swt.graphics.Point size = shell.getSize();
        shell.setLocation(screen.x + (screen.width - size.x) / 2, screen.y + (screen.height - size.y) / 2);
    }

    /**
     * Shows the progress after a sign-in, before the first window (UI thread).
     *
     * @param who who signed in, as the status line names them
     */
    public static void show(Display display, String who) {
        close();
        boolean noWindow = !org.eclipse.ui.PlatformUI.isWorkbenchRunning() || org.eclipse.ui.PlatformUI
                .getWorkbench().getWorkbenchWindowCount() == 0;
        current = new StartProgress(display, who, noWindow);
        current.shell.open();
        display.timerExec(AT_MOST_MS, current.timeout);
        current.next("Opening the window\u2026");
        // before the window the display's event loop may run (the sign-in dialogs' did): let the shell's mapping and
        // exposure through, a bounded number of events, so that it is on the screen before the UI thread gets busy
        for (int i = 0; i < 50 && display.readAndDispatch(); i++) {
            // the shell's pending events
        }
        current.shell.update();
    }

    private void next(String text) {
        phases.add(text);
        phase.setText(text);
    }

    /**
     * Closes the progress once the window has painted (UI thread): opening it is not yet showing it, and what
     * follows its opening (the dashboard, the session's guard) runs before the event loop paints it. Nothing if no
     * progress is shown.
     */
    public static void closeWhenPainted(Shell window) {
        StartProgress p = current;
        if (p == null || p.shell.isDisposed()) {
            return;
        }
        // after the window's first paint: it is on the screen under the progress
        Runnable stopWaiting = qms.ui.AfterFirstPaint.whenPainted(window, () -> {
            if (current == p) {
                close(Closed.WINDOW_PAINTED);
            }
        });
        p.shell.addListener(SWT.Dispose, e -> stopWaiting.run()); // closed otherwise
    }

    /** Closes the progress now, the window not opened (UI thread); nothing if none is shown. */
    public static void close() {
        close(Closed.NO_WINDOW);
    }

    private static void close(Closed why) {
        StartProgress p = current;
        current = null;
        if (p == null || p.shell.isDisposed()) {
            return;
        }
        p.shell.getDisplay().timerExec(-1, p.timeout);
        last = new Shown(List.copyOf(p.phases), p.painted, p.beforeWindow, why);
        p.shell.dispose();
    }

    /** What the last start's progress showed, or null if none was shown yet. */
    public static Shown last() {
        return last;
    }
}
