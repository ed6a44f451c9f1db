package qms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import qms.ui.testing.Bot;

/**
 * The background work a new window starts waits until the window has painted, then runs; it never waits for a window
 * that does not paint for longer than the gate allows, and nothing waits when no window is opening. Real jobs, a real
 * shell painted by GTK.
 */
class AfterFirstPaintTest {

    private final Bot bot = new Bot();
    private final AtomicInteger ran = new AtomicInteger();
    private Shell shell;

    @BeforeEach
    void startsWithNothingHeld() {
        // the suite's own window let its work go when it painted (FirstHourTest checks it did): this test's holds are
        // its own
        bot.waitUntil(() -> !AfterFirstPaint.isHolding(), "the start's window let its background work go");
    }

    @AfterEach
    void cleanUp() {
        bot.syncExec(() -> {
            AfterFirstPaint.release();
            if (shell != null && !shell.isDisposed()) {
                shell.dispose();
            }
            if (PlatformUI.isWorkbenchRunning() && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
                PlatformUI.getWorkbench().getWorkbenchWindows()[0].getShell().forceActive();
            }
        });
    }

    private Job counting(String name) {
        Job job = Job.create(name, monitor -> {
            ran.incrementAndGet();
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        return job;
    }

    @Test
    void aJobScheduledWhileTheWindowIsBuiltRunsOnceItHasPainted() throws Exception {
        Job job = counting("counts");
        bot.syncExec(() -> {
            AfterFirstPaint.hold(bot.display(), 60_000);
            AfterFirstPaint.schedule(job);
        });
        bot.sleep(500); // the event loop runs meanwhile: only a paint of the window releases it
        assertEquals(0, ran.get(), "a job scheduled while the window is built waits for its first paint");
        assertTrue(bot.syncExec(AfterFirstPaint::isHolding));
        bot.syncExec(() -> {
            // shown without taking the focus from the workbench window, which the next tests use
            shell = new Shell(bot.display(), SWT.NO_TRIM | SWT.ON_TOP | SWT.NO_FOCUS);
            shell.setText("A window being opened");
            shell.setLayout(new FillLayout());
            new Canvas(shell, 0);
            shell.setBounds(0, 0, 300, 200);
            AfterFirstPaint.releaseWhenPainted(shell);
            shell.setVisible(true);
        });
        bot.waitUntil(() -> ran.get() == 1, "the held job ran after the window painted");
        assertFalse(bot.syncExec(AfterFirstPaint::isHolding), "after the paint nothing more is held");
        job.join();
    }

    @Test
    void aWindowThatNeverPaintsHoldsItsJobsNoLongerThanTheGateAllows() throws Exception {
        Job job = counting("figures");
        long start = System.nanoTime();
        bot.syncExec(() -> {
            AfterFirstPaint.hold(bot.display(), 700);
            AfterFirstPaint.schedule(job);
            shell = new Shell(bot.display()); // made, never opened: it does not paint
            AfterFirstPaint.releaseWhenPainted(shell);
        });
        bot.waitUntil(() -> ran.get() == 1, "the held job ran although the window did not paint");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 650, "it was held until the gate's time was up, not released at once: " + ms + " ms");
        job.join();
    }

    @Test
    void withNoWindowOpeningAJobIsScheduledAtOnce() throws Exception {
        Job job = counting("a form's flags");
        assertFalse(bot.syncExec(AfterFirstPaint::isHolding));
        AfterFirstPaint.schedule(job); // from a test thread: any thread may schedule
        job.join(10_000, null);
        assertEquals(1, ran.get());
    }
}
