package qms.ui.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * A {@link Tree} (plain or behind a JFace {@code TreeViewer}, including lazily filled ones).
 */
public final class TreeBot extends AbstractWidgetBot<Tree> {

    TreeBot(Bot bot, Tree tree, String description) {
        super(bot, tree, description);
    }

    /**
     * Returns the texts of the top-level items.
     *
     * @return the item texts
     */
    public List<String> items() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return TreeItemBot.texts(widget.getItems());
        });
    }

    /**
     * Waits for a top-level item whose text equals {@code text}.
     *
     * @param text the item text
     * @return the item
     * @throws WidgetNotFoundException listing the top-level items if it does not appear in time
     */
    public TreeItemBot getTreeItem(String text) {
        return getTreeItem(text::equals, "'" + text + "'");
    }

    /**
     * Waits for a top-level item whose text matches, e.g. one that starts with a group name followed by a count.
     *
     * @param matcher     tests the item text
     * @param description what is looked for, for the failure message
     * @return the item
     * @throws WidgetNotFoundException listing the top-level items if none appears in time
     */
    public TreeItemBot getTreeItem(java.util.function.Predicate<String> matcher, String description) {
        TreeItem item = bot.poll(() -> {
            checkNotDisposed();
            for (TreeItem candidate : widget.getItems()) {
                if (matcher.test(candidate.getText())) {
                    return candidate;
                }
            }
            return null;
        }, () -> "no top-level item " + description + " in " + this.description + "; items: "
                + Texts.quoted(TreeItemBot.texts(widget.getItems())), true);
        return new TreeItemBot(bot, item, "tree item " + description);
    }

    /**
     * Expands the items along {@code path} (top-level item first), each one with
     * {@link TreeItemBot#expand()}, and returns the last one, expanded.
     *
     * @param path the item texts from the top level down; at least one
     * @return the last item of the path
     */
    public TreeItemBot expandNode(String... path) {
        requirePath(path);
        TreeItemBot item = getTreeItem(path[0]);
        item.expand();
        for (int i = 1; i < path.length; i++) {
            item = item.getNode(path[i]);
            item.expand();
        }
        return item;
    }

    /**
     * Expands the items along {@code path} except the last one, then selects the last one (see
     * {@link TreeItemBot#select()}).
     *
     * @param path the item texts from the top level down; at least one
     * @return the selected item
     */
    public TreeItemBot select(String... path) {
        requirePath(path);
        TreeItemBot item = path.length == 1 ? getTreeItem(path[0])
                : expandNode(Arrays.copyOf(path, path.length - 1)).getNode(path[path.length - 1]);
        item.select();
        return item;
    }

    /**
     * Returns the texts of the selected items.
     *
     * @return the selection
     */
    public List<String> selection() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return new ArrayList<>(TreeItemBot.texts(widget.getSelection()));
        });
    }

    private static void requirePath(String... path) {
        if (path == null || path.length == 0) {
            throw new IllegalArgumentException("empty tree path");
        }
    }
}
