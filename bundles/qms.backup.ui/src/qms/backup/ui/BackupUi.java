package qms.backup.ui;

import java.time.LocalDate;
import java.time.ZoneId;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbenchPage;

import qms.backup.core.BackupCompliance;
import qms.backup.core.ComplianceRules;
import qms.backup.core.ComplianceStatus;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.editor.RecordEditor;

/** What the backup module's views share: the compliance service, status colours, a period, opening records. */
final class BackupUi {

    private BackupUi() {
    }

    static BackupCompliance compliance() {
        return new BackupCompliance(QmsUi.get().store(), ComplianceRules.DEFAULT_DUE_SOON_DAYS, ZoneId.systemDefault());
    }

    /** Light green, amber and red backgrounds for the three statuses (system colours are not meaningful here). */
    static Color background(Display display, ComplianceStatus status) {
        return switch (status) {
            case COMPLIANT -> new Color(display, 206, 234, 206);
            case AT_RISK -> new Color(display, 255, 229, 160);
            case NON_COMPLIANT -> new Color(display, 246, 190, 190);
        };
    }

    static DateTime date(Composite parent, String label, LocalDate value) {
        new Label(parent, SWT.NONE).setText(label);
        DateTime d = new DateTime(parent, SWT.DATE | SWT.MEDIUM | SWT.DROP_DOWN | SWT.BORDER);
        d.setDate(value.getYear(), value.getMonthValue() - 1, value.getDayOfMonth());
        return d;
    }

    static void open(IWorkbenchPage page, Record record) {
        RecordEditor.open(page, record);
    }
}
