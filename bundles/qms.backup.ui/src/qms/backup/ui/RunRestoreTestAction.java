package qms.backup.ui;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.osgi.service.component.annotations.Component;

import qms.backup.core.AutomatedRestore;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.BackupTool;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.core.RecordStore;
import qms.core.StoreException;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.RecordAction;

/**
 * "Run Restore Test…" on a restic or borg backup policy: restores the newest snapshot into a temporary folder,
 * verifies every file, records the test (and a finding when it fails), with a progress dialog that can cancel.
 */
@Component(service = RecordAction.class)
public final class RunRestoreTestAction implements RecordAction {

    @Override
    public boolean appliesTo(EClass eClass) {
        return BackupPackage.Literals.BACKUP_POLICY.isSuperTypeOf(eClass);
    }

    @Override
    public String label() {
        return "Run Restore Test\u2026";
    }

    @Override
    public String description() {
        return "Restore the newest snapshot into a temporary folder, verify every file's SHA-256 and record the test";
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        BackupPolicy p = (BackupPolicy) record;
        return (p.getTool() == BackupTool.RESTIC || p.getTool() == BackupTool.BORG)
                && store.accounts().mayWrite(QmsPackage.Literals.FINDING);
    }

    @Override
    public void run(Context context) {
        BackupPolicy policy = (BackupPolicy) context.record();
        AtomicReference<RestorationTest> done = new AtomicReference<>();
        try {
            new ProgressMonitorDialog(context.shell()).run(true, true, (IProgressMonitor monitor) -> {
                monitor.beginTask("Restore test of " + policy.getName(), IProgressMonitor.UNKNOWN);
                try {
                    done.set(new AutomatedRestore(context.store(), Clock.systemUTC()).run(policy, null,
                            new AutomatedRestore.Progress() {
                                @Override
                                public void step(String what) {
                                    monitor.subTask(what);
                                }

                                @Override
                                public boolean cancelled() {
                                    return monitor.isCanceled();
                                }
                            }));
                } catch (CancellationException e) {
                    throw new InterruptedException(e.getMessage());
                } finally {
                    monitor.done();
                }
            });
        } catch (InterruptedException e) {
            MessageDialog.openInformation(context.shell(), "Restore Test", "The restore test was cancelled; nothing"
                    + " was recorded.");
            return;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException s) {
                MessageDialog.openError(context.shell(), "Restore Test", s.getMessage());
                return;
            }
            throw new IllegalStateException(cause);
        }
        RestorationTest t = done.get();
        QmsUi.get().changed(List.of());
        boolean passed = t.getResult() == RestoreResult.PASSED;
        String text = "Restore test of " + t.getBackupRestored() + ": " + t.getResult().getLiteral().toUpperCase()
                + "\n\n" + t.getFileCount() + " files, " + t.getDurationSeconds() + " s.\n" + t.getNotes()
                + (passed ? "" : "\n\nA finding was raised for it.") + "\n\nOpen the test record?";
        if (passed ? MessageDialog.openQuestion(context.shell(), "Restore Test", text)
                : MessageDialog.openQuestion(context.shell(), "Restore Test FAILED", text)) {
            BackupUi.open(org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), t);
        }
    }
}
