package qms.ui.testing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IEditorReference;

/**
 * An open editor. Its widgets are reached through {@link #bot()}, which requires the editor to
 * return its main control from {@code getAdapter(Control.class)} (see {@link WorkbenchBot}).
 */
public final class EditorBot {

    private static final int[] MODIFIER_KEYS = { SWT.CTRL, SWT.SHIFT, SWT.ALT, SWT.COMMAND };

    private final Bot bot;
    private final IEditorReference ref;
    private final String title;

    EditorBot(Bot bot, IEditorReference ref, String title) {
        this.bot = bot;
        this.ref = ref;
        this.title = title;
    }

    /**
     * Returns the editor's current title (tab text).
     *
     * @return the title
     */
    public String getTitle() {
        return bot.syncExec(ref::getTitle);
    }

    /**
     * Returns the editor reference; touch it on the UI thread only.
     *
     * @return the reference
     */
    public IEditorReference reference() {
        return ref;
    }

    /**
     * Tells whether the editor has unsaved changes.
     *
     * @return the dirty state
     */
    public boolean isDirty() {
        return bot.syncExec(ref::isDirty);
    }

    /**
     * Tells whether the editor is the active part.
     *
     * @return {@code true} if active
     */
    public boolean isActive() {
        return bot.syncExec(() -> ref.getPage().getActivePartReference() == ref);
    }

    /**
     * Activates the editor (brings its tab to the front).
     */
    public void show() {
        bot.action("activate editor '" + title + "'", () -> ref.getPage().activate(editorPart()));
    }

    /**
     * Saves the editor through the page ({@code saveEditor(editor, false)}, which calls
     * {@code doSave} without asking). Returns when saving has finished or opened a modal dialog.
     */
    public void save() {
        bot.action("save editor '" + title + "'", () -> ref.getPage().saveEditor(editorPart(), false));
    }

    /**
     * Closes the editor without saving and without a prompt.
     */
    public void close() {
        bot.action("close editor '" + title + "'",
                () -> ref.getPage().closeEditors(new IEditorReference[] { ref }, false));
    }

    /**
     * Returns the editor's main control, i.e. {@code getAdapter(Control.class)} of the part; touch
     * it on the UI thread only.
     *
     * @return the control
     * @throws AssertionError if the editor does not provide it
     */
    public Control widget() {
        return bot.syncExec(() -> {
            try {
                return WorkbenchBot.partControl(ref);
            } catch (ContainerBot.RootUnavailableException e) {
                throw new AssertionError("editor '" + title + "': " + e.getMessage(), e);
            }
        });
    }

    /**
     * The buttons, labels, texts and tool bars that end beyond the editor's right edge, where no one reaches them (a
     * form laid out wider than the editor shows it), each as "Button 'Choose…' ends at 1012 of 955"; empty if none.
     *
     * @return what is out of reach
     */
    public List<String> controlsBeyondRightEdge() {
        Control editor = widget();
        return bot.syncExec(() -> {
            int visible = editor.getSize().x;
            List<String> out = new ArrayList<>();
            java.util.Deque<Control> todo = new java.util.ArrayDeque<>(List.of(editor));
            while (!todo.isEmpty()) {
                Control c = todo.pop();
                if (!c.isVisible()) {
                    continue;
                }
                int right = editor.toControl(c.toDisplay(c.getSize().x, 0)).x;
                String what = c instanceof org.eclipse.swt.widgets.Button b ? "Button '" + b.getText() + "'"
                        : c instanceof org.eclipse.swt.widgets.Label l ? "Label '" + l.getText() + "'"
                                : c instanceof org.eclipse.swt.widgets.Text t ? "Text '" + t.getText() + "'"
                                        : c instanceof org.eclipse.swt.widgets.ToolBar bar ? "ToolBar '" + (bar
                                                .getItemCount() > 0 ? bar.getItem(0).getText() : "") + "'" : null;
                if (right > visible + 1 && what != null) {
                    out.add(what + " ends at " + right + " of " + visible);
                }
                if (c instanceof org.eclipse.swt.widgets.Composite k) {
                    todo.addAll(List.of(k.getChildren()));
                }
            }
            return out;
        });
    }

    /**
     * Returns finders over the widget tree under the editor's main control
     * ({@code getAdapter(Control.class)} of the part).
     *
     * @return the container bot
     */
    public ContainerBot bot() {
        return new ContainerBot(bot, "editor '" + title + "'", () -> WorkbenchBot.partControl(ref));
    }

    /**
     * Presses a key combination as real key events, so that workbench key bindings are exercised
     * (e.g. {@code pressShortcut(SWT.MOD1, 's')} saves). The editor is activated and its control
     * focused first; then {@link Display#post(Event)} posts KeyDown for each modifier, KeyDown and
     * KeyUp for the key and KeyUp for the modifiers, and the bot waits 200 ms for the UI thread to
     * handle them. Needs a real display (Xvfb in CI) with a focused top-level window.
     *
     * @param modifiers a combination of {@link SWT#CTRL}, {@link SWT#SHIFT}, {@link SWT#ALT},
     *            {@link SWT#COMMAND} (or {@code SWT.MOD1} ... {@code SWT.MOD4}); 0 for none
     * @param key the character key; letters are sent in lower case (add {@link SWT#SHIFT} for
     *            upper case)
     */
    public void pressShortcut(int modifiers, char key) {
        List<Integer> pressed = new ArrayList<>();
        int remaining = modifiers;
        for (int modifier : MODIFIER_KEYS) {
            if ((modifiers & modifier) != 0) {
                pressed.add(modifier);
                remaining &= ~modifier;
            }
        }
        if (remaining != 0) {
            throw new IllegalArgumentException("unsupported modifier bits: 0x" + Integer.toHexString(remaining));
        }
        char character = Character.toLowerCase(key);
        bot.syncExec(() -> {
            IEditorPart editor = editorPart();
            ref.getPage().activate(editor);
            Control control = WorkbenchBot.partControl(ref);
            control.getShell().forceActive();
            control.setFocus();
        });
        bot.syncExec(() -> {
            Display display = bot.display();
            for (int modifier : pressed) {
                post(display, SWT.KeyDown, modifier, '\0');
            }
            post(display, SWT.KeyDown, character, character);
            post(display, SWT.KeyUp, character, character);
            for (int i = pressed.size() - 1; i >= 0; i--) {
                post(display, SWT.KeyUp, pressed.get(i), '\0');
            }
        });
        bot.sleep(200);
        bot.syncExec(() -> {
            // lets the UI thread finish handling the posted events
        });
    }

    /**
     * Describes the editor.
     *
     * @return e.g. "editor 'STUDY-001'"
     */
    @Override
    public String toString() {
        return "editor '" + title + "'";
    }

    // ----------------------------------------------------------------------------------------

    /** UI thread: the editor part, restored if needed. */
    private IEditorPart editorPart() {
        IEditorPart editor = ref.getEditor(true);
        if (editor == null) {
            throw new AssertionError("editor '" + title + "' could not be restored");
        }
        return editor;
    }

    /** UI thread: posts one key event; the display tracks the modifiers pressed before. */
    private void post(Display display, int type, int keyCode, char character) {
        Event event = new Event();
        event.type = type;
        event.keyCode = keyCode;
        event.character = character;
        if (!display.post(event)) {
            throw new AssertionError("Display.post refused a key event for editor '" + title
                    + "' (no focused top-level window? a window manager or focus may be missing)");
        }
    }
}
