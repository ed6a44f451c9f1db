package qms.ui.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CCombo;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.Widget;

/**
 * Finders over the widget tree under a root control: a shell, a view's or an editor's control, or
 * any composite.
 * <p>
 * Every finder searches the whole tree under the root (the root included) in depth-first order of
 * {@link Composite#getChildren()}, considers visible controls only, and waits until a match appears
 * or the bot's timeout runs out (then it throws a {@link WidgetNotFoundException}).
 * <p>
 * The {@code ...WithLabel} finders work like SWTBot's: they look for a {@link Label} or
 * {@link CLabel} whose text equals the given label, ignoring mnemonics ('&amp;') and trailing ':'
 * and '*' characters on both sides, and return the next visible control after it among its
 * parent's children, if that control has the wanted type.
 */
public sealed class ContainerBot permits ShellBot {

    final Bot bot;
    private final String description;
    private final Supplier<Control> root;

    /**
     * @param root evaluated on the UI thread before each search; may throw
     *            {@link RootUnavailableException} while the root is not (yet) available
     */
    ContainerBot(Bot bot, String description, Supplier<Control> root) {
        this.bot = Objects.requireNonNull(bot);
        this.description = description;
        this.root = root;
    }

    /**
     * Finds a push button by its text, compared without mnemonics.
     *
     * @param text the button text, e.g. "Finish"
     * @return the button
     */
    public ButtonBot button(String text) {
        String key = Texts.stripMnemonics(text);
        Button button = find("push button '" + text + "'", Button.class,
                b -> (b.getStyle() & SWT.PUSH) != 0 && key.equals(Texts.stripMnemonics(b.getText())),
                r -> "Push buttons: " + buttonTexts(r, SWT.PUSH));
        return new ButtonBot(bot, button, "push button '" + text + "'");
    }

    /**
     * Finds the push button with this text that belongs to a labelled row: the first one after the label and before
     * the next label in tree order (e.g. the "Choose…" of a form's reference field).
     *
     * @param label the row's label text
     * @param text  the button text, compared without mnemonics
     * @return the button
     */
    public ButtonBot buttonWithLabel(String label, String text) {
        String key = Texts.labelKey(label);
        String buttonKey = Texts.stripMnemonics(text);
        String what = "push button '" + text + "' of the row labelled '" + label + "'";
        Button button = find(what, r -> {
            List<Control> all = visibleControls(r);
            for (int i = 0; i < all.size(); i++) {
                if (isLabel(all.get(i)) && key.equals(Texts.labelKey(labelText(all.get(i))))) {
                    for (int j = i + 1; j < all.size() && !isLabel(all.get(j)); j++) {
                        if (all.get(j) instanceof Button b && (b.getStyle() & SWT.PUSH) != 0
                                && buttonKey.equals(Texts.stripMnemonics(b.getText()))) {
                            return b;
                        }
                    }
                }
            }
            return null;
        }, r -> "Labels: " + Texts.quoted(labelTexts(r)));
        return new ButtonBot(bot, button, what);
    }

    /**
     * Finds a check box by its text, compared without mnemonics.
     *
     * @param text the check box text
     * @return the check box
     */
    public ButtonBot checkBox(String text) {
        String key = Texts.stripMnemonics(text);
        Button button = find("check box '" + text + "'", Button.class,
                b -> (b.getStyle() & SWT.CHECK) != 0 && key.equals(Texts.stripMnemonics(b.getText())),
                r -> "Check boxes: " + buttonTexts(r, SWT.CHECK));
        return new ButtonBot(bot, button, "check box '" + text + "'");
    }

    /**
     * Finds a radio button by its text, compared without mnemonics.
     *
     * @param text the radio button's text
     * @return the radio button
     */
    public ButtonBot radio(String text) {
        String key = Texts.stripMnemonics(text);
        Button button = find("radio button '" + text + "'", Button.class,
                b -> (b.getStyle() & SWT.RADIO) != 0 && key.equals(Texts.stripMnemonics(b.getText())),
                r -> "Radio buttons: " + buttonTexts(r, SWT.RADIO));
        return new ButtonBot(bot, button, "radio button '" + text + "'");
    }

    /**
     * Finds the check box that follows a label.
     *
     * @param label the label text
     * @return the check box
     */
    public ButtonBot checkBoxWithLabel(String label) {
        Button button = findWithLabel("check box", label, Button.class, b -> (b.getStyle() & SWT.CHECK) != 0);
        return new ButtonBot(bot, button, "check box with label '" + label + "'");
    }

    /**
     * Finds the {@link Text} or {@link StyledText} that follows a label.
     *
     * @param label the label text
     * @return the text field
     */
    public TextBot textWithLabel(String label) {
        Control text = findWithLabel("text field", label, Control.class,
                c -> c instanceof Text || c instanceof StyledText);
        return new TextBot(bot, text, "text field with label '" + label + "'");
    }

    /**
     * Finds the {@code index}-th (0-based) time-of-day {@link DateTime} ({@code SWT.TIME}) in tree order.
     *
     * @param index the index among visible time fields
     * @return the time field
     */
    public DateTimeBot time(int index) {
        String what = "time field #" + index;
        DateTime time = find(what, r -> {
            int seen = 0;
            for (Control c : visibleControls(r)) {
                if (c instanceof DateTime d && (d.getStyle() & SWT.TIME) != 0 && seen++ == index) {
                    return d;
                }
            }
            return null;
        }, r -> "Visible time fields found: " + visibleControls(r).stream().filter(c -> c instanceof DateTime d
                && (d.getStyle() & SWT.TIME) != 0).count());
        return new DateTimeBot(bot, time, what);
    }

    /**
     * Finds the {@code index}-th (0-based) {@link Text} in tree order.
     *
     * @param index the index among visible Text controls
     * @return the text field
     */
    public TextBot text(int index) {
        Text text = findIndexed("Text", Text.class, index);
        return new TextBot(bot, text, "text field #" + index);
    }

    /**
     * Finds the {@link Combo} or {@link CCombo} that follows a label.
     *
     * @param label the label text
     * @return the combo
     */
    public ComboBot comboWithLabel(String label) {
        Control combo = findWithLabel("combo", label, Control.class, c -> c instanceof Combo || c instanceof CCombo);
        return new ComboBot(bot, combo, "combo with label '" + label + "'");
    }

    /**
     * Finds the {@link DateTime} that follows a label.
     *
     * @param label the label text
     * @return the date/time control
     */
    public DateTimeBot dateTimeWithLabel(String label) {
        DateTime dateTime = findWithLabel("date/time control", label, DateTime.class, d -> true);
        return new DateTimeBot(bot, dateTime, "date/time with label '" + label + "'");
    }

    /**
     * Finds the first table.
     *
     * @return the table
     */
    public TableBot table() {
        return table(0);
    }

    /**
     * Finds the {@code index}-th (0-based) table in tree order.
     *
     * @param index the index among visible tables
     * @return the table
     */
    public TableBot table(int index) {
        return new TableBot(bot, findIndexed("Table", Table.class, index), "table #" + index);
    }

    /**
     * Finds the table that follows a label.
     *
     * @param label the label text
     * @return the table
     */
    public TableBot tableWithLabel(String label) {
        Table table = findWithLabel("table", label, Table.class, t -> true);
        return new TableBot(bot, table, "table with label '" + label + "'");
    }

    /**
     * Finds the first tree.
     *
     * @return the tree
     */
    public TreeBot tree() {
        return tree(0);
    }

    /**
     * Finds the {@code index}-th (0-based) tree in tree order.
     *
     * @param index the index among visible trees
     * @return the tree
     */
    public TreeBot tree(int index) {
        return new TreeBot(bot, findIndexed("Tree", Tree.class, index), "tree #" + index);
    }

    /**
     * Finds a {@link Label} or {@link CLabel} whose text, without mnemonics, equals {@code text}.
     *
     * @param text the label text
     * @return the label
     */
    public LabelBot label(String text) {
        String key = Texts.stripMnemonics(text);
        Control label = find("label '" + text + "'", Control.class,
                c -> isLabel(c) && key.equals(Texts.stripMnemonics(labelText(c))),
                r -> "Labels: " + Texts.quoted(labelTexts(r)));
        return new LabelBot(bot, label, "label '" + text + "'");
    }

    /**
     * Returns the texts of every visible label in the container, in tree order: e.g. a message dialog's message.
     *
     * @return the label texts
     */
    public List<String> labelTexts() {
        return bot.syncExec(() -> labelTexts(root.get()));
    }

    /**
     * Waits for a tool item (in any visible tool bar in the container) whose text, without mnemonics, or tool tip
     * equals {@code text}.
     *
     * @param text the item's text or tool tip
     * @return the item
     */
    public ToolItemBot toolItem(String text) {
        String key = Texts.stripMnemonics(text);
        org.eclipse.swt.widgets.ToolItem item = find("tool item '" + text + "'", r -> {
            for (Control c : visibleControls(r)) {
                if (c instanceof org.eclipse.swt.widgets.ToolBar bar) {
                    for (org.eclipse.swt.widgets.ToolItem i : bar.getItems()) {
                        if (key.equals(Texts.stripMnemonics(i.getText())) || text.equals(i.getToolTipText())) {
                            return i;
                        }
                    }
                }
            }
            return null;
        }, null);
        return new ToolItemBot(bot, item, "tool item '" + text + "'");
    }

    /**
     * Generic finder: waits for the first visible control of {@code type} accepted by
     * {@code matcher} (evaluated on the UI thread) and returns the raw widget. Only controls are
     * searched; touch the result on the UI thread only (see {@link Bot#syncExec(Supplier)}).
     *
     * @param <T> the widget type
     * @param type the widget class
     * @param matcher the condition, run on the UI thread
     * @param what what is searched, for the failure message
     * @return the widget
     */
    public <T extends Widget> T widget(Class<T> type, Predicate<T> matcher, String what) {
        Objects.requireNonNull(matcher, "matcher");
        return find(what, r -> {
            for (Control c : visibleControls(r)) {
                if (type.isInstance(c)) {
                    T candidate = type.cast(c);
                    if (matcher.test(candidate)) {
                        return candidate;
                    }
                }
            }
            return null;
        }, null);
    }

    /**
     * Describes the container, e.g. "shell 'New Study'".
     *
     * @return the description
     */
    @Override
    public String toString() {
        return description;
    }

    // ----------------------------------------------------------------------------------------

    /** Thrown by a root supplier while the root control is not available, with the reason. */
    static final class RootUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RootUnavailableException(String reason) {
            super(reason);
        }
    }

    private <T extends Control> T find(String what, Class<T> type, Predicate<T> matcher,
            Function<Control, String> hints) {
        return find(what, r -> {
            for (Control c : visibleControls(r)) {
                if (type.isInstance(c) && matcher.test(type.cast(c))) {
                    return type.cast(c);
                }
            }
            return null;
        }, hints);
    }

    /** Polls {@code search} over the root on the UI thread; on timeout reports the hints. */
    private <T> T find(String what, Function<Control, T> search, Function<Control, String> hints) {
        AtomicReference<String> rootProblem = new AtomicReference<>();
        return bot.poll(() -> {
            Control r = resolveRoot(rootProblem);
            return r == null ? null : search.apply(r);
        }, () -> {
            StringBuilder message = new StringBuilder("could not find ").append(what).append(" in ").append(description);
            Control r = resolveRoot(rootProblem);
            if (r == null) {
                message.append("\n  The container is not available: ").append(rootProblem.get());
            } else {
                if (!r.isVisible()) {
                    message.append("\n  The container is not visible.");
                }
                if (hints != null) {
                    message.append("\n  ").append(hints.apply(r));
                }
            }
            return message.toString();
        }, true);
    }

    private Control resolveRoot(AtomicReference<String> problem) {
        try {
            Control r = root.get();
            if (r == null || r.isDisposed()) {
                problem.set(r == null ? "no root control" : "the root control is disposed");
                return null;
            }
            return r;
        } catch (RootUnavailableException e) {
            problem.set(e.getMessage());
            return null;
        }
    }

    private <T extends Control> T findIndexed(String typeName, Class<T> type, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative index " + index);
        }
        String what = typeName + " #" + index;
        return find(what, r -> {
            int seen = 0;
            for (Control c : visibleControls(r)) {
                if (type.isInstance(c) && seen++ == index) {
                    return type.cast(c);
                }
            }
            return null;
        }, r -> "Visible " + typeName + " controls found: "
                + visibleControls(r).stream().filter(type::isInstance).count());
    }

    private <T extends Control> T findWithLabel(String kind, String label, Class<T> type, Predicate<T> accepts) {
        String key = Texts.labelKey(label);
        return find(kind + " with label '" + label + "'", r -> {
            for (Control c : visibleControls(r)) {
                if (isLabel(c) && key.equals(Texts.labelKey(labelText(c)))) {
                    Control next = nextVisibleSibling(c);
                    if (type.isInstance(next) && accepts.test(type.cast(next))) {
                        return type.cast(next);
                    }
                }
            }
            return null;
        }, r -> {
            StringBuilder hint = new StringBuilder("Labels: ").append(Texts.quoted(labelTexts(r)));
            for (Control c : visibleControls(r)) {
                if (isLabel(c) && key.equals(Texts.labelKey(labelText(c)))) {
                    hint.append("\n  Label '").append(labelText(c)).append("' is followed by ")
                            .append(describeFollowers(c));
                }
            }
            return hint.toString();
        });
    }

    /** UI thread: the root and all its visible descendants in depth-first order. */
    static List<Control> visibleControls(Control root) {
        List<Control> out = new ArrayList<>();
        if (!root.isDisposed() && root.isVisible()) {
            collect(root, out);
        }
        return out;
    }

    private static void collect(Control control, List<Control> out) {
        if (control.isDisposed() || !control.getVisible()) {
            return;
        }
        out.add(control);
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, out);
            }
        }
    }

    private static Control nextVisibleSibling(Control control) {
        Composite parent = control.getParent();
        if (parent == null) {
            return null;
        }
        Control[] siblings = parent.getChildren();
        boolean after = false;
        for (Control sibling : siblings) {
            if (after && !sibling.isDisposed() && sibling.getVisible()) {
                return sibling;
            }
            if (sibling == control) {
                after = true;
            }
        }
        return null;
    }

    /** UI thread: the siblings after a label up to the first visible one, e.g. "Text (not visible), Combo". */
    private static String describeFollowers(Control label) {
        List<String> followers = new ArrayList<>();
        boolean after = false;
        for (Control sibling : label.getParent().getChildren()) {
            if (after) {
                boolean visible = !sibling.isDisposed() && sibling.getVisible();
                followers.add(sibling.getClass().getSimpleName() + (visible ? "" : " (not visible)"));
                if (visible) {
                    break;
                }
            }
            after |= sibling == label;
        }
        return followers.isEmpty() ? "nothing" : String.join(", then ", followers);
    }

    static boolean isLabel(Control control) {
        return control instanceof Label || control instanceof CLabel;
    }

    static String labelText(Control control) {
        String text = control instanceof Label label ? label.getText()
                : control instanceof CLabel clabel ? clabel.getText() : null;
        return text == null ? "" : text;
    }

    private static List<String> labelTexts(Control root) {
        List<String> texts = new ArrayList<>();
        for (Control c : visibleControls(root)) {
            if (isLabel(c) && !labelText(c).isBlank()) {
                texts.add(labelText(c));
            }
        }
        return texts;
    }

    private static String buttonTexts(Control root, int style) {
        List<String> texts = new ArrayList<>();
        for (Control c : visibleControls(root)) {
            if (c instanceof Button b && (b.getStyle() & style) != 0) {
                texts.add(b.getText());
            }
        }
        return Texts.quoted(texts);
    }
}
