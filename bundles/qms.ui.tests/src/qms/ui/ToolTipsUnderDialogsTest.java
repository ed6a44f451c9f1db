package qms.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import qms.ui.testing.Bot;
import qms.ui.testing.ButtonBot;
import qms.ui.testing.ShellBot;

/**
 * A button's tooltip is off while the dialogs its click opened are open, and back once they closed, in dialogs
 * opened from dialogs too: the dialogs that were open before the click (the one the button is in, those under it)
 * are not waited for. The dialogs are the test's; the filter is the workbench's, installed at its start.
 */
class ToolTipsUnderDialogsTest {

    private static final String SECOND_TIP = "Opens the second dialog";
    private static final String THIRD_TIP = "Opens the third dialog";
    private static final String CHECK_TIP = "Checks something, opening no dialog";

    private final Bot bot = new Bot();
    private final List<Dialog> dialogs = new ArrayList<>();

    @AfterEach
    void closeAll() {
        bot.syncExec(() -> {
            for (int i = dialogs.size() - 1; i >= 0; i--) {
                Shell shell = dialogs.get(i).getShell();
                if (shell != null && !shell.isDisposed()) {
                    dialogs.get(i).close();
                }
            }
        });
    }

    /** A modal dialog with push buttons: each is a label, its tooltip and what its click does (UI thread). */
    private Dialog dialog(Shell parent, String title, Object... buttons) {
        Dialog d = new Dialog(parent) {
            @Override
            protected void configureShell(Shell shell) {
                super.configureShell(shell);
                shell.setText(title);
            }

            @Override
            protected Control createDialogArea(Composite parent) {
                Composite area = (Composite) super.createDialogArea(parent);
                area.setLayout(new GridLayout(1, false));
                for (int i = 0; i < buttons.length; i += 3) {
                    Button b = new Button(area, SWT.PUSH);
                    b.setText((String) buttons[i]);
                    b.setToolTipText((String) buttons[i + 1]);
                    Runnable click = (Runnable) buttons[i + 2];
                    b.addListener(SWT.Selection, e -> click.run());
                }
                return area;
            }
        };
        dialogs.add(d);
        return d;
    }

    @Test
    void aButtonInADialogOpenedFromADialogHasItsTooltipBackWhenItsOwnDialogCloses() {
        bot.syncExec(() -> {
            ToolTipsUnderDialogs.install(bot.display()); // the workbench's start did; once only
            Runnable openThird = () -> dialog(dialogs.get(1).getShell(), "Third").open();
            Runnable nothing = () -> {
            };
            Runnable openSecond = () -> dialog(dialogs.get(0).getShell(), "Second", "Third\u2026", THIRD_TIP,
                    openThird, "Check", CHECK_TIP, nothing).open();
            Dialog first = dialog(null, "First", "Second\u2026", SECOND_TIP, openSecond);
            first.setBlockOnOpen(false);
            first.open();
        });
        ShellBot first = bot.shell("First");
        ButtonBot second = first.button("Second\u2026");
        second.click();
        ShellBot secondShell = bot.shell("Second");
        assertEquals(null, second.getToolTipText(), "off while the dialog it opened is open");

        ButtonBot check = secondShell.button("Check");
        check.click();
        bot.waitUntil(() -> CHECK_TIP.equals(check.getToolTipText()), "a click that opened no dialog has its"
                + " tooltip back at once, though the dialog under its own is open");

        ButtonBot third = secondShell.button("Third\u2026");
        third.click();
        ShellBot thirdShell = bot.shell("Third");
        assertEquals(null, third.getToolTipText(), "off while the third dialog is open");
        thirdShell.button("Cancel").click();
        bot.waitUntil(() -> THIRD_TIP.equals(third.getToolTipText()), "back once the dialog it opened closed, the"
                + " two under it still open");
        assertEquals(null, second.getToolTipText(), "the first dialog's button waits for the second dialog");

        secondShell.button("Cancel").click();
        bot.waitUntil(() -> SECOND_TIP.equals(second.getToolTipText()), "back once the second dialog closed");
    }
}
