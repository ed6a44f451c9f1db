package qms.ui.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/** Walks menus the way a user opens them, so that JFace menu managers fill them on the way. */
final class Menus {

    private Menus() {
    }

    private record Found(MenuItem item, List<Menu> shown) {
    }

    /**
     * Waits for the item at {@code path}. {@code rootMenu} is evaluated on the UI thread; when
     * {@code showRoot} is set (pop-up menus) the root gets {@link SWT#Show} too, otherwise (menu
     * bars) only the sub-menus do. Menus shown during a failed attempt are hidden again.
     */
    static MenuItemBot find(Bot bot, Supplier<Menu> rootMenu, boolean showRoot, String[] path, String where) {
        if (path == null || path.length == 0) {
            throw new IllegalArgumentException("empty menu path");
        }
        String pathText = String.join(" > ", path);
        AtomicReference<String> problem = new AtomicReference<>("the menu was not searched");
        Found found = bot.poll(() -> walk(rootMenu.get(), showRoot, path, problem),
                () -> "could not find menu item '" + pathText + "' in " + where + ": " + problem.get(), true);
        return new MenuItemBot(bot, found.item(), found.shown(), "menu item '" + pathText + "' in " + where);
    }

    private static Found walk(Menu root, boolean showRoot, String[] path, AtomicReference<String> problem) {
        if (root == null || root.isDisposed()) {
            problem.set("there is no menu");
            return null;
        }
        List<Menu> shown = new ArrayList<>();
        Menu menu = root;
        if (showRoot) {
            show(menu, shown);
        }
        for (int i = 0; i < path.length; i++) {
            MenuItem item = item(menu, path[i]);
            if (item == null) {
                problem.set("no item '" + path[i] + "' among " + Texts.quoted(texts(menu)));
                hide(shown);
                return null;
            }
            if (i == path.length - 1) {
                return new Found(item, shown);
            }
            Menu subMenu = item.getMenu();
            if (subMenu == null) {
                problem.set("'" + path[i] + "' has no sub-menu");
                hide(shown);
                return null;
            }
            show(subMenu, shown);
            menu = subMenu;
        }
        throw new IllegalStateException("unreachable");
    }

    private static MenuItem item(Menu menu, String text) {
        if (menu.isDisposed()) {
            return null;
        }
        String key = Texts.menuKey(text);
        for (MenuItem item : menu.getItems()) {
            if ((item.getStyle() & SWT.SEPARATOR) == 0 && key.equals(Texts.menuKey(item.getText()))) {
                return item;
            }
        }
        return null;
    }

    private static List<String> texts(Menu menu) {
        List<String> texts = new ArrayList<>();
        if (!menu.isDisposed()) {
            for (MenuItem item : menu.getItems()) {
                if ((item.getStyle() & SWT.SEPARATOR) == 0) {
                    texts.add(Texts.menuKey(item.getText()));
                }
            }
        }
        return texts;
    }

    private static void show(Menu menu, List<Menu> shown) {
        menu.notifyListeners(SWT.Show, Bot.event(menu));
        shown.add(menu);
    }

    /** UI thread: notifies {@link SWT#Hide} on the menus, innermost first. */
    static void hide(List<Menu> shown) {
        List<Menu> innermostFirst = new ArrayList<>(shown);
        Collections.reverse(innermostFirst);
        for (Menu menu : innermostFirst) {
            if (!menu.isDisposed()) {
                menu.notifyListeners(SWT.Hide, Bot.event(menu));
            }
        }
    }
}
