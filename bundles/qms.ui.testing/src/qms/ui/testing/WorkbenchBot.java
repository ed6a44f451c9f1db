package qms.ui.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.commands.common.CommandException;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.WorkbenchPart;

/**
 * The running workbench: main menu, views, editors, commands.
 * <p>
 * The window used is the active workbench window or, when none is active (e.g. on an X server
 * without a window manager), the first workbench window; the page is that window's active page.
 * <p>
 * <b>Contract for the suite's parts:</b> views and editors must extend
 * {@link WorkbenchPart} and return their main control from {@code getAdapter(Control.class)}.
 * {@link ViewBot#bot()} and {@link EditorBot#bot()} search the widget tree under that control.
 */
public final class WorkbenchBot {

    private final Bot bot;

    WorkbenchBot(Bot bot) {
        this.bot = bot;
    }

    /**
     * Returns the workbench window's shell.
     *
     * @return a bot for the workbench window shell
     * @throws WidgetNotFoundException if there is no workbench window in time
     */
    public ShellBot shell() {
        Shell shell = bot.poll(() -> {
            IWorkbenchWindow window = window();
            return window == null ? null : window.getShell();
        }, () -> "no workbench window", true);
        return new ShellBot(bot, shell);
    }

    /**
     * Finds an item of the workbench window's main menu bar. Each menu on the way gets
     * {@link org.eclipse.swt.SWT#Show} (JFace menu managers fill menus then); texts are compared
     * without mnemonics and accelerator text.
     *
     * @param path menu texts, e.g. "File", "Save"
     * @return the menu item
     * @throws WidgetNotFoundException listing the items of the menu where the search failed
     */
    public MenuItemBot menu(String... path) {
        return Menus.find(bot, () -> {
            IWorkbenchWindow window = window();
            Shell shell = window == null ? null : window.getShell();
            return shell == null || shell.isDisposed() ? null : shell.getMenuBar();
        }, false, path, "the main menu");
    }

    /**
     * Waits for an open view whose part name equals {@code title}.
     *
     * @param title the view's part name (its tab text)
     * @return the view
     * @throws WidgetNotFoundException listing the open views if none matches in time
     */
    public ViewBot view(String title) {
        IViewReference ref = bot.poll(() -> {
            IWorkbenchPage page = page();
            if (page != null) {
                for (IViewReference candidate : page.getViewReferences()) {
                    if (title.equals(candidate.getPartName())) {
                        return candidate;
                    }
                }
            }
            return null;
        }, () -> "no view titled '" + title + "'; open views: " + Texts.quoted(viewTitles()), true);
        return new ViewBot(bot, ref, title);
    }

    /**
     * Opens (or activates) the view with the given id and returns it.
     *
     * @param viewId the view's extension id
     * @return the view
     */
    public ViewBot showView(String viewId) {
        bot.action("show view " + viewId, () -> {
            IWorkbenchPage page = requirePage();
            try {
                page.showView(viewId);
            } catch (PartInitException e) {
                throw new RuntimeException(e.getMessage(), e);
            }
        });
        IViewReference ref = bot.poll(() -> {
            IWorkbenchPage page = page();
            return page == null ? null : page.findViewReference(viewId);
        }, () -> "view '" + viewId + "' did not open", true);
        return new ViewBot(bot, ref, bot.syncExec(ref::getPartName));
    }

    /**
     * Closes the view with the given id if it is open, so that the next {@link #showView} makes it anew (with its
     * controls as they start).
     *
     * @param viewId the view's extension id
     */
    public void hideView(String viewId) {
        bot.action("hide view " + viewId, () -> {
            IWorkbenchPage page = requirePage();
            IViewReference ref = page.findViewReference(viewId);
            if (ref != null) {
                page.hideView(ref);
            }
        });
    }

    /**
     * Waits for an active editor.
     *
     * @return the active editor
     * @throws WidgetNotFoundException listing the open editors if there is no active editor in time
     */
    public EditorBot activeEditor() {
        IEditorReference ref = bot.poll(() -> {
            IWorkbenchPage page = page();
            if (page == null || page.getActiveEditor() == null) {
                return null;
            }
            IWorkbenchPartReference candidate = page.getReference(page.getActiveEditor());
            return candidate instanceof IEditorReference editorRef ? editorRef : null;
        }, () -> "no active editor; open editors: " + Texts.quoted(editorTitlesOnUi()), true);
        return new EditorBot(bot, ref, bot.syncExec(ref::getTitle));
    }

    /**
     * Waits for an open editor whose title or part name equals {@code title}.
     *
     * @param title the editor's title (tab text)
     * @return the editor
     * @throws WidgetNotFoundException listing the open editors if none matches in time
     */
    public EditorBot editor(String title) {
        IEditorReference ref = bot.poll(() -> {
            IWorkbenchPage page = page();
            if (page != null) {
                for (IEditorReference candidate : page.getEditorReferences()) {
                    if (title.equals(candidate.getTitle()) || title.equals(candidate.getPartName())) {
                        return candidate;
                    }
                }
            }
            return null;
        }, () -> "no editor titled '" + title + "'; open editors: " + Texts.quoted(editorTitlesOnUi()), true);
        return new EditorBot(bot, ref, title);
    }

    /**
     * Returns the titles of the open editors of the active page.
     *
     * @return the editor titles
     */
    public List<String> editorTitles() {
        return bot.syncExec(WorkbenchBot::editorTitlesOnUi);
    }

    /**
     * Executes a command through the {@link IHandlerService} of the workbench window, like a key
     * binding or menu item would. Returns when the handler has finished or opened a modal dialog.
     *
     * @param commandId the command id
     * @throws RuntimeException with the command framework's message if the command is not
     *             defined, not enabled, not handled or fails
     */
    public void executeCommand(String commandId) {
        bot.action("execute command " + commandId, () -> {
            IWorkbenchWindow window = window();
            if (window == null) {
                throw new AssertionError("no workbench window to execute '" + commandId + "' in");
            }
            IHandlerService handlers = window.getService(IHandlerService.class);
            try {
                handlers.executeCommand(commandId, null);
            } catch (CommandException e) {
                throw new RuntimeException("command '" + commandId + "': " + e.getMessage(), e);
            }
        });
    }

    /**
     * Brings the workbench back to a neutral state: closes every visible shell that is not a
     * workbench window (dialogs first, innermost first; a shell that refuses {@code close()} three
     * times is disposed), then closes all editors without saving.
     *
     * @throws WaitTimeoutException if shells are still open after the bot's timeout
     */
    public void resetWorkbench() {
        bot.syncExec(() -> {
            if (!PlatformUI.isWorkbenchRunning()) {
                throw new AssertionError("the workbench is not running");
            }
        });
        long deadline = System.nanoTime() + bot.getTimeout().toNanos();
        Map<Shell, Integer> attempts = new IdentityHashMap<>();
        while (true) {
            Shell dialog = bot.syncExec(WorkbenchBot::innermostNonWorkbenchShell);
            if (dialog == null) {
                break;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new WaitTimeoutException("Timed out after " + bot.getTimeout().toMillis()
                        + " ms closing dialogs; open shells: " + bot.syncExec(bot::describeShells));
            }
            int attempt = attempts.merge(dialog, 1, Integer::sum);
            bot.action("close shell", () -> {
                if (!dialog.isDisposed()) {
                    if (attempt <= 3) {
                        dialog.close();
                    } else {
                        dialog.dispose();
                    }
                }
            });
            if (attempt > 1) {
                bot.sleep(Bot.POLL_INTERVAL_MS);
            }
        }
        bot.action("close all editors", () -> {
            for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
                for (IWorkbenchPage page : window.getPages()) {
                    page.closeAllEditors(false);
                }
            }
        });
    }

    /**
     * Returns a bot with the same display and another timeout, for a slow step.
     *
     * @param timeout the timeout
     * @return a workbench bot using it
     */
    public WorkbenchBot timeout(Duration timeout) {
        return new WorkbenchBot(bot.timeout(timeout));
    }

    // ----------------------------------------------------------------------------------------
    // UI thread helpers

    /** UI thread: the active workbench window, else the first one, else null. */
    static IWorkbenchWindow window() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return null;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
        if (window == null) {
            IWorkbenchWindow[] windows = workbench.getWorkbenchWindows();
            window = windows.length > 0 ? windows[0] : null;
        }
        return window;
    }

    /** UI thread: the active page of {@link #window()}, or null. */
    static IWorkbenchPage page() {
        IWorkbenchWindow window = window();
        return window == null ? null : window.getActivePage();
    }

    static IWorkbenchPage requirePage() {
        IWorkbenchPage page = page();
        if (page == null) {
            throw new AssertionError("no workbench page");
        }
        return page;
    }

    /**
     * UI thread: the main control of a part, per the contract in the class comment.
     *
     * @throws ContainerBot.RootUnavailableException with the reason if there is none
     */
    static Control partControl(IWorkbenchPartReference ref) {
        IWorkbenchPart part = ref.getPart(true);
        if (part == null) {
            throw new ContainerBot.RootUnavailableException("part '" + ref.getPartName() + "' (" + ref.getId()
                    + ") could not be created");
        }
        if (!(part instanceof WorkbenchPart workbenchPart)) {
            throw new ContainerBot.RootUnavailableException(part.getClass().getName()
                    + " does not extend org.eclipse.ui.part.WorkbenchPart");
        }
        Control control = workbenchPart.getAdapter(Control.class);
        if (control == null) {
            throw new ContainerBot.RootUnavailableException(part.getClass().getName()
                    + ".getAdapter(Control.class) returned null; parts must return their main control from it");
        }
        if (control.isDisposed()) {
            throw new ContainerBot.RootUnavailableException("the control of " + part.getClass().getName()
                    + " is disposed");
        }
        return control;
    }

    private static List<String> editorTitlesOnUi() {
        List<String> titles = new ArrayList<>();
        IWorkbenchPage page = page();
        if (page != null) {
            for (IEditorReference ref : page.getEditorReferences()) {
                titles.add(ref.getTitle());
            }
        }
        return titles;
    }

    private static List<String> viewTitles() {
        List<String> titles = new ArrayList<>();
        IWorkbenchPage page = page();
        if (page != null) {
            for (IViewReference ref : page.getViewReferences()) {
                titles.add(ref.getPartName());
            }
        }
        return titles;
    }

    /** UI thread: the most deeply nested visible shell that is not a workbench window, or null. */
    private static Shell innermostNonWorkbenchShell() {
        Set<Shell> windowShells = new HashSet<>();
        for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
            windowShells.add(window.getShell());
        }
        Shell best = null;
        int bestDepth = -1;
        for (Shell shell : PlatformUI.getWorkbench().getDisplay().getShells()) {
            if (shell.isDisposed() || !shell.isVisible() || windowShells.contains(shell)) {
                continue;
            }
            int depth = 0;
            for (Composite parent = shell.getParent(); parent != null; parent = parent.getParent()) {
                depth++;
            }
            if (depth > bestDepth) {
                best = shell;
                bestDepth = depth;
            }
        }
        return best;
    }
}
