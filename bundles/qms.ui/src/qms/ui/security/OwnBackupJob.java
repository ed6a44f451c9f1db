package qms.ui.security;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

import qms.core.BackupSchedule;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.StoreBackups;
import qms.core.StoreBackups.BackupReport;
import qms.core.StoreBackups.Trigger;
import qms.model.QmsPackage;
import qms.model.SystemSettings;
import qms.ui.QmsUi;

/**
 * Backs the suite's own database up: daily at the time in the system settings while the suite runs (and shortly
 * after start when the last backup is overdue), and on demand for administrators. Every backup is restore-tested
 * by the store; a failed backup or restore test is shown to whoever is signed in, and both are in the audit trail.
 * {@code -Dqms.backup.schedule=off} turns the schedule off (the UI tests do, so that no backup runs between their
 * steps).
 */
public final class OwnBackupJob extends Job {

    public static final String FAMILY = "qms.ownBackup";
    private static OwnBackupJob scheduled;

    private final Display display;
    private final Trigger trigger;

    private OwnBackupJob(Display display, Trigger trigger) {
        super(trigger == Trigger.SCHEDULED ? "Scheduled backup of the suite's database"
                : "Backing up the suite's database");
        this.display = display;
        this.trigger = trigger;
        setUser(trigger == Trigger.ON_DEMAND);
        setSystem(false);
    }

    /** Starts the daily schedule (after sign-in); follows changes of the settings. */
    public static synchronized void install(Display display) {
        if (scheduled != null || "off".equals(System.getProperty("qms.backup.schedule"))) {
            return;
        }
        scheduled = new OwnBackupJob(display, Trigger.SCHEDULED);
        QmsUi.get().addChangeListener(ids -> {
            if (ids.isEmpty() || settings(QmsUi.get().store()).map(s -> ids.contains(s.getId())).orElse(false)) {
                reschedule();
            }
        });
        // planning reads the settings and lists the backup folder: not on the UI thread while the window opens
        qms.ui.AfterFirstPaint.schedule(Job.createSystem("Planning the backup of the suite's database", monitor -> {
            reschedule();
        }));
    }

    /** Backs up now, with a progress dialog, and tells the result. Administrators only (the store checks). */
    public static void backUpNow(Display display) {
        OwnBackupJob job = new OwnBackupJob(display, Trigger.ON_DEMAND);
        job.schedule();
    }

    /** Plans the next scheduled run from the settings (or checks again in an hour when backups are off). */
    static synchronized void reschedule() {
        if (scheduled == null || scheduled.getState() == Job.RUNNING) {
            return;
        }
        scheduled.cancel();
        RecordStore store = QmsUi.get().store();
        Optional<SystemSettings> settings = settings(store);
        if (settings.isEmpty() || !settings.get().isBackupEnabled()) {
            scheduled.schedule(Duration.ofHours(1).toMillis());
            return;
        }
        List<StoreBackups.BackupInfo> backups = store.backups().list(folder(store, settings.get()));
        Instant now = Instant.now();
        Instant next = BackupSchedule.next(now, ZoneId.systemDefault(), settings.get().getBackupTime(),
                backups.isEmpty() ? null : backups.get(0).createdAt());
        scheduled.schedule(Math.max(0, Duration.between(now, next).toMillis()));
    }

    static Optional<SystemSettings> settings(RecordStore store) {
        return store.list(Query.of(QmsPackage.Literals.SYSTEM_SETTINGS)).stream().map(SystemSettings.class::cast)
                .findFirst();
    }

    static Path folder(RecordStore store, SystemSettings settings) {
        String f = settings.getBackupFolder();
        return f == null || f.isBlank() ? store.backups().defaultFolder() : Path.of(f.strip());
    }

    /** Whether the newest backup in the folder is less than an hour old. */
    private static boolean recentBackup(RecordStore store, Path folder) {
        List<StoreBackups.BackupInfo> backups = store.backups().list(folder);
        return !backups.isEmpty() && backups.get(0).createdAt().isAfter(Instant.now().minus(Duration.ofHours(1)));
    }

    @Override
    public boolean belongsTo(Object family) {
        return FAMILY.equals(family);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        RecordStore store = QmsUi.get().store();
        Optional<SystemSettings> settings = settings(store);
        try {
            if (trigger == Trigger.SCHEDULED && (settings.isEmpty() || !settings.get().isBackupEnabled()
                    || qms.ui.Session.principal() == null)) {
                return Status.OK_STATUS;
            }
            Path folder = settings.map(s -> folder(store, s)).orElse(store.backups().defaultFolder());
            if (trigger == Trigger.SCHEDULED && recentBackup(store, folder)) {
                return Status.OK_STATUS; // e.g. the catch-up after start, when someone backed up on demand meanwhile
            }
            monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
            int retention = settings.map(SystemSettings::getBackupRetention).orElse(14);
            BackupReport report = store.backups().backUp(folder, retention, trigger);
            if (!report.test().passed()) {
                tell(true, "The backup " + report.backup().directory() + " was made, but its restore test FAILED:\n\n"
                        + String.join("\n", report.test().problems()) + "\n\nOlder backups were kept. The failure is"
                        + " in the audit trail; raise it with your administrator.");
            } else if (trigger == Trigger.ON_DEMAND) {
                tell(false, "Backup made in " + report.backup().directory() + "\n\n" + report.test().describe()
                        + (report.removed().isEmpty() ? "" : "\n\nRemoved by retention: " + report.removed().size()
                                + " older backup(s)."));
            }
        } catch (RuntimeException e) {
            tell(true, "The backup of the suite's database failed:\n\n" + e.getMessage());
        } finally {
            monitor.done();
            if (trigger == Trigger.SCHEDULED) {
                display.asyncExec(OwnBackupJob::reschedule);
            }
        }
        return Status.OK_STATUS;
    }

    private void tell(boolean error, String message) {
        display.asyncExec(() -> {
            Shell shell = display.getActiveShell();
            if (error) {
                MessageDialog.openError(shell, "Backup of the Suite's Database", message);
            } else {
                MessageDialog.openInformation(shell, "Backup of the Suite's Database", message);
            }
        });
    }
}
