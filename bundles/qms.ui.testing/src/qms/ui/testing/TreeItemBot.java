package qms.ui.testing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * An item of a {@link Tree}.
 * <p>
 * JFace tree viewers create the children of a collapsed item lazily: until the item is expanded it
 * holds one placeholder child with empty text and no data. {@link #expand()} therefore notifies
 * {@link SWT#Expand} (which makes the viewer create the children) and waits until the placeholder
 * is gone.
 */
public final class TreeItemBot extends AbstractWidgetBot<TreeItem> {

    TreeItemBot(Bot bot, TreeItem item, String description) {
        super(bot, item, description);
    }

    /**
     * Expands the item: notifies {@link SWT#Expand} on the tree with the item, calls
     * {@code setExpanded(true)}, then waits until the children are created (no placeholder child).
     * Does nothing but wait if the item is already expanded.
     *
     * @return this
     */
    public TreeItemBot expand() {
        bot.action("expand " + description, () -> {
            checkNotDisposed();
            if (!widget.getExpanded()) {
                Tree tree = widget.getParent();
                Event event = Bot.event(tree);
                event.item = widget;
                tree.notifyListeners(SWT.Expand, event);
                if (!widget.isDisposed()) {
                    widget.setExpanded(true);
                }
            }
        });
        bot.poll(() -> {
            checkNotDisposed();
            return hasPlaceholderChild(widget) ? null : Boolean.TRUE;
        }, () -> "children of " + description + " were not created (only a placeholder child after expanding)",
                false);
        return this;
    }

    /**
     * Selects the item ({@code tree.setSelection(item)}) and notifies {@link SWT#Selection} with it.
     */
    public void select() {
        waitUntilEnabled();
        bot.action("select " + description, () -> {
            checkNotDisposed();
            Tree tree = widget.getParent();
            tree.setFocus();
            tree.setSelection(widget);
            notifyTree(SWT.Selection);
        });
    }

    /**
     * Selects the item, then notifies {@link SWT#DefaultSelection} (a double click) with it.
     */
    public void doubleClick() {
        select();
        bot.action("double-click " + description, () -> {
            checkNotDisposed();
            notifyTree(SWT.DefaultSelection);
        });
    }

    /**
     * Returns the item's text.
     *
     * @return the text
     */
    public String getText() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getText();
        });
    }

    /**
     * Tells whether the item is expanded.
     *
     * @return the expanded state
     */
    public boolean isExpanded() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getExpanded();
        });
    }

    /** The item's text in a column of a tree with columns (0 is the first). */
    public String cell(int column) {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getText(column);
        });
    }

    /**
     * Expands the item and returns the texts of its children.
     *
     * @return the child texts
     */
    public List<String> getNodes() {
        expand();
        return bot.syncExec(() -> {
            checkNotDisposed();
            return texts(widget.getItems());
        });
    }

    /**
     * Expands the item and waits for a child whose text equals {@code text}.
     *
     * @param text the child's text
     * @return the child
     * @throws WidgetNotFoundException listing the children if it does not appear in time
     */
    public TreeItemBot getNode(String text) {
        expand();
        TreeItem child = bot.poll(() -> {
            checkNotDisposed();
            for (TreeItem candidate : widget.getItems()) {
                if (text.equals(candidate.getText())) {
                    return candidate;
                }
            }
            return null;
        }, () -> "no child '" + text + "' under " + description + "; children: " + Texts.quoted(texts(widget.getItems())),
                true);
        return new TreeItemBot(bot, child, description + " > '" + text + "'");
    }

    /**
     * Opens the tree's context menu for this item and finds an item in it: selects this item,
     * notifies {@link SWT#MenuDetect} on the tree, notifies {@link SWT#Show} on the tree's menu (so
     * that JFace menu managers fill it) and on each sub-menu along {@code path}. Texts are compared
     * without mnemonics and accelerator text. The menus are hidden ({@link SWT#Hide}) after
     * {@link MenuItemBot#click()}.
     *
     * @param path menu item texts, e.g. "Delete" or "New", "Study"
     * @return the menu item
     * @throws WidgetNotFoundException listing the items of the menu where the search failed
     */
    public MenuItemBot contextMenu(String... path) {
        select();
        Tree tree = bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getParent();
        });
        bot.syncExec(() -> {
            checkNotDisposed();
            Event event = Bot.event(tree);
            Rectangle bounds = widget.getBounds();
            Point location = tree.toDisplay(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
            event.x = location.x;
            event.y = location.y;
            event.detail = SWT.MENU_MOUSE;
            tree.notifyListeners(SWT.MenuDetect, event);
        });
        return Menus.find(bot, () -> tree.isDisposed() ? null : tree.getMenu(), true, path,
                "context menu of " + description);
    }

    // ----------------------------------------------------------------------------------------

    @Override
    Control control() {
        return widget.getParent();
    }

    private void notifyTree(int type) {
        Tree tree = widget.getParent();
        Event event = Bot.event(tree);
        event.item = widget;
        tree.notifyListeners(type, event);
    }

    /** UI thread: JFace's placeholder for not yet created children. */
    static boolean hasPlaceholderChild(TreeItem item) {
        TreeItem[] children = item.getItems();
        return children.length == 1 && children[0].getData() == null && children[0].getText().isEmpty();
    }

    /** UI thread: the texts of the items, without a JFace placeholder. */
    static List<String> texts(TreeItem[] items) {
        List<String> texts = new ArrayList<>();
        for (TreeItem item : items) {
            if (!(items.length == 1 && item.getData() == null && item.getText().isEmpty())) {
                texts.add(item.getText());
            }
        }
        return texts;
    }
}
