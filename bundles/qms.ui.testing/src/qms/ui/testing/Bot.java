package qms.ui.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;

/**
 * Entry point of the UI test driver, shaped like SWTBot's {@code SWTBot}/{@code SWTWorkbenchBot}.
 * <p>
 * A bot is meant to be used from a test thread that is <em>not</em> the UI thread (Tycho surefire
 * with {@code useUIHarness=true, useUIThread=false}). Every widget access is done on the UI thread
 * through {@link Display#syncExec(Runnable)}; finders poll every 50 ms until the widget shows up or
 * the timeout (default 10 s, see {@link #timeout(Duration)} and the system property
 * {@value #TIMEOUT_PROPERTY}) runs out, and then throw a {@link WidgetNotFoundException}.
 * <p>
 * Actions that notify listeners (clicks, selections, menu items, commands, ...) are run with
 * {@link Display#asyncExec(Runnable)} followed by an empty {@code syncExec}: the call returns when the
 * listeners have finished, or as soon as they block in a nested event loop, e.g. because they opened
 * a modal dialog. The test can then drive that dialog. Exceptions thrown by listeners before the call
 * returns are rethrown to the test; later ones are printed to {@code System.err}.
 * <p>
 * A bot is immutable and can be shared.
 */
public final class Bot {

    /** System property with the default timeout in milliseconds. */
    public static final String TIMEOUT_PROPERTY = "qms.ui.testing.timeout";

    /** Default timeout when {@value #TIMEOUT_PROPERTY} is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    static final long POLL_INTERVAL_MS = 50;

    private final Display display;
    private final Duration timeout;

    /** Creates a bot for {@link Display#getDefault()} with the default timeout. */
    public Bot() {
        this(Display.getDefault());
    }

    /**
     * Creates a bot for the given display with the default timeout.
     *
     * @param display the display whose UI thread runs the workbench
     */
    public Bot(Display display) {
        this(display, Duration.ofMillis(Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT.toMillis())));
    }

    private Bot(Display display, Duration timeout) {
        this.display = Objects.requireNonNull(display, "display");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
    }

    /**
     * Returns a bot for the same display that waits at most {@code newTimeout}.
     *
     * @param newTimeout how long finders and {@link #waitUntil} wait
     * @return a new bot
     */
    public Bot timeout(Duration newTimeout) {
        return new Bot(display, newTimeout);
    }

    /**
     * Returns how long this bot waits for widgets and conditions.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Returns the display this bot drives.
     *
     * @return the display
     */
    public Display display() {
        return display;
    }

    /**
     * Waits for a visible shell whose text equals {@code title}.
     *
     * @param title the exact shell title
     * @return a bot for the shell
     * @throws WidgetNotFoundException if no such shell appears in time
     */
    public ShellBot shell(String title) {
        Shell shell = poll(() -> {
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible() && title.equals(s.getText())) {
                    return s;
                }
            }
            return null;
        }, () -> "could not find a visible shell titled '" + title + "'", true);
        return new ShellBot(this, shell);
    }

    /**
     * Waits for the active shell. When no shell is active (e.g. on an X server without a window
     * manager), the most deeply nested visible shell is used instead, which is normally the dialog
     * that was opened last.
     *
     * @return a bot for the active shell
     * @throws WidgetNotFoundException if there is no visible shell in time
     */
    public ShellBot activeShell() {
        Shell shell = poll(this::activeOrTopmostShell, () -> "could not find an active shell", true);
        return new ShellBot(this, shell);
    }

    /**
     * Returns a bot that searches the widget tree under any composite.
     *
     * @param composite the root of the search; the caller got it on the UI thread
     * @return a container bot
     */
    public ContainerBot container(Composite composite) {
        Objects.requireNonNull(composite, "composite");
        String description = syncExec(() -> "composite " + composite);
        return new ContainerBot(this, description, () -> composite);
    }

    /**
     * Returns the bot for the workbench: main menu, views, editors, commands.
     *
     * @return the workbench bot
     */
    public WorkbenchBot workbench() {
        return new WorkbenchBot(this);
    }

    /**
     * Waits until {@code condition}, evaluated on the UI thread every 50 ms, returns {@code true}.
     * An exception thrown by the condition ends the wait and is rethrown.
     *
     * @param condition the condition; {@code null} counts as {@code false}
     * @param description what is awaited, used in the failure message
     * @throws WaitTimeoutException if the condition is not met within the timeout
     */
    public void waitUntil(Supplier<Boolean> condition, String description) {
        Objects.requireNonNull(condition, "condition");
        poll(() -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null,
                () -> "condition not met: " + description, false);
    }

    /**
     * Runs {@code task} on the UI thread and returns its result. Exceptions thrown there are
     * rethrown in the calling thread with their original message (checked ones wrapped in a
     * {@link RuntimeException} whose cause is the original exception).
     *
     * @param <T> the result type
     * @param task the code to run on the UI thread
     * @return the task's result
     */
    public <T> T syncExec(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        if (Display.getCurrent() == display) {
            return task.get();
        }
        Outcome<T> outcome = new Outcome<>();
        display.syncExec(() -> {
            try {
                outcome.value = task.get();
            } catch (Throwable t) {
                outcome.error = t;
            }
        });
        if (outcome.error != null) {
            throw propagate(outcome.error);
        }
        return outcome.value;
    }

    /**
     * Runs {@code task} on the UI thread and waits for it; exceptions are rethrown as in
     * {@link #syncExec(Supplier)}.
     *
     * @param task the code to run on the UI thread
     */
    public void syncExec(Runnable task) {
        Objects.requireNonNull(task, "task");
        syncExec(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Sleeps for {@code ms} milliseconds. Called on the UI thread, it keeps dispatching events
     * instead of blocking.
     *
     * @param ms milliseconds to sleep
     */
    public void sleep(long ms) {
        long deadline = System.nanoTime() + Duration.ofMillis(ms).toNanos();
        if (Display.getCurrent() == display) {
            while (System.nanoTime() - deadline < 0) {
                if (!display.readAndDispatch()) {
                    pause(5);
                }
            }
            return;
        }
        pause(ms);
    }

    /**
     * Returns the titles of the visible shells, for diagnostics.
     *
     * @return the shell titles, in the order the display reports them
     */
    public List<String> shellTitles() {
        return syncExec(() -> {
            List<String> titles = new ArrayList<>();
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible()) {
                    titles.add(s.getText());
                }
            }
            return titles;
        });
    }

    // ----------------------------------------------------------------------------------------
    // package-private machinery

    /**
     * Evaluates {@code probe} on the UI thread every 50 ms until it returns non-null, and fails
     * with {@code failure} (evaluated on the UI thread) plus the open shells on timeout.
     */
    <T> T poll(Supplier<T> probe, Supplier<String> failure, boolean notFound) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = syncExec(probe);
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline >= 0) {
                String message = syncExec(() -> String.format(Locale.ROOT, "Timed out after %.1f s: %s%n  Open shells: %s",
                        timeout.toMillis() / 1000.0, failure.get(), describeShells()));
                throw notFound ? new WidgetNotFoundException(message) : new WaitTimeoutException(message);
            }
            sleep(POLL_INTERVAL_MS);
        }
    }

    /**
     * How many pixels of an area of the control, as painted on the screen now, stand out from the control's
     * background (text, lines of a glyph): zero for an area nothing was painted in. Copies the pixels from the
     * screen, so the control must be showing.
     */
    public int inkedPixels(Control control, org.eclipse.swt.graphics.Rectangle area) {
        return syncExec(() -> {
            if (control.isDisposed() || area.width <= 0 || area.height <= 0) {
                return 0;
            }
            org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, area.width,
                    area.height);
            org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(control);
            try {
                gc.copyArea(image, area.x, area.y);
                org.eclipse.swt.graphics.ImageData data = image.getImageData();
                org.eclipse.swt.graphics.RGB bg = control.getBackground().getRGB();
                int inked = 0;
                for (int y = 0; y < data.height; y++) {
                    for (int x = 0; x < data.width; x++) {
                        org.eclipse.swt.graphics.RGB c = data.palette.getRGB(data.getPixel(x, y));
                        if (Math.abs(c.red - bg.red) + Math.abs(c.green - bg.green) + Math.abs(c.blue - bg.blue)
                                > 150) {
                            inked++;
                        }
                    }
                }
                return inked;
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
    }

    /**
     * Clicks a control at its own coordinates with the first button, MouseDown then MouseUp, as a canvas drawing
     * charts sees a click; a listener opening a modal dialog does not block the test thread.
     */
    public void click(Control control, int x, int y) {
        action("click " + control + " at " + x + "," + y, () -> {
            for (int type : new int[] { SWT.MouseDown, SWT.MouseUp }) {
                if (!control.isDisposed()) {
                    Event e = event(control);
                    e.x = x;
                    e.y = y;
                    e.button = 1;
                    control.notifyListeners(type, e);
                }
            }
        });
    }

    /**
     * Runs an action that may notify listeners on the UI thread: asyncExec followed by an empty
     * syncExec, so that a listener opening a modal dialog does not block the test thread.
     */
    void action(String description, Runnable task) {
        if (Display.getCurrent() == display) {
            task.run();
            return;
        }
        ActionState state = new ActionState(description);
        display.asyncExec(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                state.failed(t);
            } finally {
                state.finished();
            }
        });
        syncExec(() -> {
            // Runs after the action, or inside the nested event loop the action is blocked in.
        });
        Throwable error = state.detach();
        if (error != null) {
            throw propagate(error);
        }
    }

    /** A new event for {@code notifyListeners}, with time and display filled in. */
    static Event event(Widget widget) {
        Event event = new Event();
        event.display = widget.getDisplay();
        event.widget = widget;
        event.time = (int) System.currentTimeMillis();
        return event;
    }

    /** UI thread: visible shells as 'title' (active), for messages. */
    String describeShells() {
        List<String> parts = new ArrayList<>();
        Shell active = display.getActiveShell();
        for (Shell s : display.getShells()) {
            if (!s.isDisposed() && s.isVisible()) {
                parts.add("'" + s.getText() + "'" + (s == active ? " (active)" : "")
                        + ((s.getStyle() & (SWT.APPLICATION_MODAL | SWT.PRIMARY_MODAL | SWT.SYSTEM_MODAL)) != 0
                                ? " (modal)" : ""));
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** UI thread: the active shell, else the most deeply nested visible shell, else null. */
    Shell activeOrTopmostShell() {
        Shell active = display.getActiveShell();
        if (active != null && !active.isDisposed() && active.isVisible()) {
            return active;
        }
        Shell best = null;
        int bestDepth = -1;
        for (Shell s : display.getShells()) {
            if (s.isDisposed() || !s.isVisible()) {
                continue;
            }
            int depth = 0;
            for (Composite p = s.getParent(); p != null; p = p.getParent()) {
                depth++;
            }
            if (depth >= bestDepth) {
                best = s;
                bestDepth = depth;
            }
        }
        return best;
    }

    static RuntimeException propagate(Throwable error) {
        error.addSuppressed(new Exception("rethrown in thread '" + Thread.currentThread().getName() + "'"));
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error e) {
            throw e;
        }
        throw new RuntimeException(error.getMessage(), error);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the UI", e);
        }
    }

    private static final class Outcome<T> {
        volatile T value;
        volatile Throwable error;
    }

    /** Tracks an asynchronous action so that its failure reaches the test when possible. */
    private static final class ActionState {
        private final String description;
        private boolean done;
        private boolean detached;
        private Throwable error;

        ActionState(String description) {
            this.description = description;
        }

        synchronized void failed(Throwable t) {
            if (detached) {
                System.err.println("[qms.ui.testing] '" + description
                        + "' failed after the test thread had moved on:");
                t.printStackTrace();
            } else {
                error = t;
            }
        }

        synchronized void finished() {
            done = true;
        }

        /** The error if the action is done, otherwise null and later errors are only printed. */
        synchronized Throwable detach() {
            if (done) {
                return error;
            }
            detached = true;
            return null;
        }
    }
}
