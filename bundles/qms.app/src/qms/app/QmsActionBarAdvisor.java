package qms.app;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.ICoolBarManager;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/** File, Edit, Window and Help menus; the workbench's own actions, so Ctrl+S, Ctrl+Z and Ctrl+Y work. */
final class QmsActionBarAdvisor extends ActionBarAdvisor {

    private IWorkbenchAction save;
    private IWorkbenchAction saveAll;
    private IWorkbenchAction close;
    private IWorkbenchAction quit;
    private IWorkbenchAction undo;
    private IWorkbenchAction redo;
    private IWorkbenchAction resetPerspective;
    private IWorkbenchAction preferences;
    private IWorkbenchAction about;
    private Action demo;
    private Action changePassword;
    private Action lock;
    private Action signOut;
    private Action backUp;

    QmsActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        save = register(ActionFactory.SAVE.create(window));
        saveAll = register(ActionFactory.SAVE_ALL.create(window));
        close = register(ActionFactory.CLOSE.create(window));
        quit = register(ActionFactory.QUIT.create(window));
        undo = register(ActionFactory.UNDO.create(window));
        redo = register(ActionFactory.REDO.create(window));
        resetPerspective = register(ActionFactory.RESET_PERSPECTIVE.create(window));
        preferences = register(ActionFactory.PREFERENCES.create(window));
        about = register(ActionFactory.ABOUT.create(window));
        demo = new Action("Load &Demo Data") {
            @Override
            public void run() {
                DemoActions.loadDemoData();
            }
        };
        changePassword = new Action("Change &Password\u2026") {
            @Override
            public void run() {
                qms.core.Principal p = qms.ui.Session.principal();
                if (p != null) {
                    new qms.ui.security.ChangePasswordDialog(window.getShell(),
                            qms.ui.QmsUi.get().store().accounts(), p.userId(), null).open();
                }
            }
        };
        lock = new Action("&Lock Session") {
            @Override
            public void run() {
                qms.ui.security.SessionGuard.get().lock("Session locked by the user");
            }
        };
        backUp = new Action("&Back Up Database Now") {
            @Override
            public void run() {
                qms.ui.security.OwnBackupJob.backUpNow(window.getShell().getDisplay());
            }
        };
        signOut = new Action("Sign &Out\u2026") {
            @Override
            public void run() {
                qms.ui.security.SessionGuard.get().signOut();
            }
        };
    }

    private <T extends IWorkbenchAction> T register(T action) {
        super.register(action);
        return action;
    }

    @Override
    protected void fillMenuBar(IMenuManager bar) {
        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        file.add(new GroupMarker(IWorkbenchActionConstants.NEW_EXT));
        file.add(save);
        file.add(saveAll);
        file.add(close);
        file.add(new Separator());
        // offered only while the database holds no organisation, to someone who may create one
        boolean[] offered = { false };
        file.add(new org.eclipse.jface.action.ActionContributionItem(demo) {
            @Override
            public boolean isVisible() {
                return offered[0];
            }
        });
        file.addMenuListener(menu -> {
            offered[0] = DemoActions.offered();
            menu.markDirty();
        });
        file.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(changePassword);
        file.add(lock);
        file.add(signOut);
        file.add(new Separator());
        file.add(backUp);
        file.add(new Separator());
        file.add(quit);
        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(undo);
        edit.add(redo);
        edit.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        windowMenu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS)); // Window > Dashboard (qms.ui)
        windowMenu.add(new Separator());
        windowMenu.add(resetPerspective);
        windowMenu.add(new Separator());
        windowMenu.add(preferences);
        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS)); // Help > Modules... (qms.modules.ui)
        help.add(new Separator());
        help.add(about);
        bar.add(file);
        bar.add(edit);
        bar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        bar.add(windowMenu);
        bar.add(help);
    }

    @Override
    protected void fillStatusLine(org.eclipse.jface.action.IStatusLineManager statusLine) {
        statusLine.add(new qms.ui.security.SignedInIndicator()); // who is signed in, always in sight
    }

    @Override
    protected void fillCoolBar(ICoolBarManager coolBar) {
        IToolBarManager main = new ToolBarManager(coolBar.getStyle());
        main.add(save);
        main.add(undo);
        main.add(redo);
        coolBar.add(main);
    }
}
