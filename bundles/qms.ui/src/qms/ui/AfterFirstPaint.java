package qms.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;

/**
 * Holds back the background work that opening the workbench window starts (the navigator's counts, the dashboard's
 * figures, the audit trail's user list, the first trace's preparation, the plan of the suite's own backup) until the
 * window has painted once. On two cores those jobs and the JIT compilation their queries bring on competed with the
 * UI thread while it built and painted the window (docs/p1-startup.md); held, they start as soon as the window is on
 * the screen, which shows the navigator's groups without their counts and the dashboard's "Computing the figures…"
 * for the few hundred milliseconds they take.
 * <p>
 * Nothing is held when no window is opening (a view opened later, a form's job, a test without the suite's window
 * advisor), and nothing is held for longer than {@link #AT_MOST_MS}: a window that is minimised or hidden may never
 * paint.
 */
public final class AfterFirstPaint {

    /** Why held jobs were let go: the window painted, the time was up, or the window did not open. */
    public enum Released {
        PAINTED, TIMED_OUT, NO_WINDOW
    }

    /** How a hold ended and how many jobs it had held. */
    public record Hold(Released why, int jobs) {
    }

    private static volatile Hold first;

    /** The longest a job is held, from {@link #hold}: longer than a slow machine needs to build and paint. */
    static final int AT_MOST_MS = 5_000;

    private static final List<Job> HELD = new ArrayList<>();
    private static boolean holding;
    /** Counts the holds: a hold's time running out lets go of that hold only, not of a later one. */
    private static int generation;
    /** Removes the paint filter of {@link #releaseWhenPainted} (UI thread); null when none is installed. */
    private static Runnable stopWatching;

    private AfterFirstPaint() {
    }

    /**
     * UI thread, before the window is built: from now on {@link #schedule} holds jobs back until
     * {@link #releaseWhenPainted}'s window paints, {@link #release} is called, or {@link #AT_MOST_MS} have passed.
     */
    public static void hold(Display d) {
        hold(d, AT_MOST_MS);
    }

    static void hold(Display d, int atMostMs) {
        int mine;
        synchronized (HELD) {
            holding = true;
            mine = ++generation;
        }
        d.timerExec(atMostMs, () -> {
            synchronized (HELD) {
                if (generation != mine) {
                    return; // that hold has ended, and another began
                }
            }
            release(Released.TIMED_OUT);
        });
    }

    /** UI thread, once the window exists: releases the held jobs after its first paint. */
    public static void releaseWhenPainted(Shell window) {
        if (!isHolding()) {
            return;
        }
        stopWatching();
        stopWatching = whenPainted(window, () -> release(Released.PAINTED));
    }

    /**
     * Runs {@code then} on the UI thread right after the window's first paint, that is once it is on the screen
     * (opening a shell is not yet showing it: what follows its opening runs before the event loop paints it). Returns
     * what stops waiting for it, if the paint has not come yet (UI thread).
     */
    public static Runnable whenPainted(Shell window, Runnable then) {
        Display d = window.getDisplay();
        Listener[] painted = new Listener[1];
        painted[0] = e -> {
            if (e.widget instanceof Control c && !c.isDisposed() && c.getShell() == window) {
                d.removeFilter(SWT.Paint, painted[0]);
                d.asyncExec(then); // after this paint
            }
        };
        d.addFilter(SWT.Paint, painted[0]);
        return () -> {
            if (!d.isDisposed()) {
                d.removeFilter(SWT.Paint, painted[0]);
            }
        };
    }

    /** Schedules the job now, or once the opening window has painted (any thread). */
    public static void schedule(Job job) {
        synchronized (HELD) {
            if (holding) {
                HELD.add(job);
                return;
            }
        }
        job.schedule();
    }

    /** Whether jobs are being held (a window is being built and has not painted yet). */
    public static boolean isHolding() {
        synchronized (HELD) {
            return holding;
        }
    }

    /** Schedules what was held and holds nothing more: the window did not open (UI thread). */
    public static void release() {
        release(Released.NO_WINDOW);
    }

    /** How the first hold of the session ended (the start's window; for a test to read); null if none has yet. */
    public static Hold first() {
        return first;
    }

    private static void release(Released why) {
        List<Job> jobs;
        synchronized (HELD) {
            if (!holding) {
                return;
            }
            holding = false;
            jobs = new ArrayList<>(HELD);
            HELD.clear();
            if (first == null) {
                first = new Hold(why, jobs.size());
            }
        }
        stopWatching();
        jobs.forEach(Job::schedule);
    }

    private static void stopWatching() {
        if (stopWatching != null) {
            stopWatching.run();
            stopWatching = null;
        }
    }
}
