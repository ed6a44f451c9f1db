package qms.ui.dashboard;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;

/** Window › Dashboard: opens the dashboard, or brings it to the front. */
public final class OpenDashboardHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        DashboardEditor.open(HandlerUtil.getActiveWorkbenchWindow(event).getActivePage());
        return null;
    }
}
