package qms.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import qms.ui.audit.AuditTrailView;
import qms.ui.navigator.NavigatorView;

/** Records on the left, their forms in the middle, the selected record's audit trail below, and its trace beside it once asked for. */
public final class QmsPerspective implements IPerspectiveFactory {

    public static final String ID = "qms.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.addView(NavigatorView.ID, IPageLayout.LEFT, 0.25f, editors);
        IFolderLayout bottom = layout.createFolder("qms.ui.bottom", IPageLayout.BOTTOM, 0.65f, editors);
        bottom.addView(AuditTrailView.ID);
        bottom.addPlaceholder(qms.ui.trace.TraceView.ID); // opened by Trace on a record, beside the audit trail
        layout.getViewLayout(NavigatorView.ID).setCloseable(false);
    }
}
