package qms.ui.testing;

import java.util.Objects;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Widget;

/**
 * Common base of the widget bots: a found widget plus the bot that drives it.
 * <p>
 * All methods run on the UI thread through the bot; the raw widget returned by {@link #widget()}
 * must only be touched on the UI thread.
 *
 * @param <W> the widget type
 */
public abstract sealed class AbstractWidgetBot<W extends Widget>
        permits ButtonBot, TextBot, ComboBot, DateTimeBot, TableBot, TreeBot, TreeItemBot, LabelBot, MenuItemBot,
        ToolItemBot {

    final Bot bot;
    final W widget;
    final String description;

    AbstractWidgetBot(Bot bot, W widget, String description) {
        this.bot = Objects.requireNonNull(bot);
        this.widget = Objects.requireNonNull(widget);
        this.description = description;
    }

    /**
     * Returns the raw widget; touch it on the UI thread only.
     *
     * @return the widget
     */
    public W widget() {
        return widget;
    }

    /**
     * Tells whether the widget is enabled (for controls: it and all its ancestors).
     *
     * @return {@code true} if enabled
     */
    public boolean isEnabled() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return enabledOnUi();
        });
    }

    /**
     * Tells whether the widget is visible (for controls: it and all its ancestors).
     *
     * @return {@code true} if visible; {@code false} if disposed
     */
    public boolean isVisible() {
        return bot.syncExec(() -> {
            if (widget.isDisposed()) {
                return false;
            }
            Control control = control();
            return control == null || control.isVisible();
        });
    }

    /**
     * Gives the keyboard focus to the widget's control.
     */
    public void setFocus() {
        bot.action("set focus on " + description, () -> {
            checkNotDisposed();
            Control control = control();
            if (control != null) {
                control.setFocus();
            }
        });
    }

    /**
     * Returns the tool tip text of the widget (controls, menu items and tool items), or {@code null}.
     *
     * @return the tool tip text
     */
    public String getToolTipText() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            if (widget instanceof Control control) {
                return control.getToolTipText();
            }
            if (widget instanceof MenuItem item) {
                return item.getToolTipText();
            }
            if (widget instanceof org.eclipse.swt.widgets.ToolItem item) {
                return item.getToolTipText();
            }
            return null;
        });
    }

    /**
     * Describes what was found, e.g. "push button 'OK'".
     *
     * @return the description
     */
    @Override
    public String toString() {
        return description;
    }

    // ----------------------------------------------------------------------------------------

    /** UI thread: the control that holds the widget (the widget itself for controls). */
    Control control() {
        return widget instanceof Control control ? control : null;
    }

    /** UI thread: whether the widget can be used. */
    boolean enabledOnUi() {
        Control control = control();
        return control == null || control.isEnabled();
    }

    /** UI thread: fails if the widget has been disposed. */
    void checkNotDisposed() {
        if (widget.isDisposed()) {
            throw new AssertionError(description + " has been disposed");
        }
    }

    /** Waits until the widget is enabled; fails at once if it is disposed. */
    void waitUntilEnabled() {
        bot.poll(() -> {
            checkNotDisposed();
            return enabledOnUi() ? Boolean.TRUE : null;
        }, () -> description + " is not enabled", false);
    }
}
