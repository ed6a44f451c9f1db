package qms.ui.testing;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;

import qms.ui.security.FirstAdministratorDialog;
import qms.ui.security.SignInDialog;

/**
 * Runs the suite's own application for the UI tests. While it starts, a helper thread does what the first user
 * does at the keyboard: creates the first administrator in the real dialog, then signs in through the real sign-in
 * dialog. Nothing is skipped: the application cannot tell it from a person.
 */
public final class SignedInApplication implements IApplication {

    /** The administrator the UI tests work as (Administrator and QA Manager). */
    public static final String ADMIN = "qa.admin";
    public static final String ADMIN_NAME = "Quinn Admin";
    public static final String ADMIN_PASSWORD = "UI test passphrase 1";

    private IApplication application;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        IExtension extension = Platform.getExtensionRegistry().getExtension("org.eclipse.core.runtime.applications",
                "qms.app.application");
        IConfigurationElement run = extension.getConfigurationElements()[0].getChildren("run")[0];
        application = (IApplication) run.createExecutableExtension("class");
        Thread main = Thread.currentThread();
        Thread user = new Thread(() -> signIn(main), "qms-ui-test-first-user");
        user.setDaemon(true);
        user.start();
        return application.start(context);
    }

    /** What the start-up's sign-in dialog showed as user id before the driver typed it (a test looks). */
    public static volatile String userIdAtFirstSignIn;

    private static void signIn(Thread main) {
        try {
            Display display = null;
            for (int i = 0; i < 600 && display == null; i++) {
                display = Display.findDisplay(main);
                if (display == null) {
                    Thread.sleep(100);
                }
            }
            Bot bot = new Bot(display).timeout(java.time.Duration.ofSeconds(60));
            // a new database asks for the first administrator; one kept from an earlier run only signs in. The
            // dialogs open while the workbench starts; until it has, its synchronizer holds another thread's
            // syncExec back (the suite gives the display SWT's plain one while the dialogs are open), so the UI
            // thread is asked nothing before a dialog is open (which also means the display is fully made)
            long until = System.currentTimeMillis() + 60_000;
            while (!(SignInDialog.anyOpen() && (bot.shellTitles().contains(FirstAdministratorDialog.TITLE)
                    || bot.shellTitles().contains(SignInDialog.TITLE)))) {
                if (System.currentTimeMillis() > until) {
                    throw new WaitTimeoutException("no start-up dialog within 60 s");
                }
                Thread.sleep(100);
            }
            if (bot.shellTitles().contains(FirstAdministratorDialog.TITLE)) {
                ShellBot setup = bot.shell(FirstAdministratorDialog.TITLE);
                setup.textWithLabel("User id").setText(ADMIN);
                setup.textWithLabel("Full name (printed with your signatures)").setText(ADMIN_NAME);
                setup.textWithLabel("Password").setText(ADMIN_PASSWORD);
                setup.textWithLabel("Repeat password").setText(ADMIN_PASSWORD);
                setup.button("Create Account").click();
            }
            ShellBot signIn = bot.shell(SignInDialog.TITLE);
            userIdAtFirstSignIn = signIn.textWithLabel("User id").getText();
            signIn.textWithLabel("User id").setText(ADMIN);
            signIn.textWithLabel("Password").setText(ADMIN_PASSWORD);
            signIn.button("Sign In").click();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.err.println("[qms-ui-tests] signing in at start-up failed: " + e);
            e.printStackTrace();
        }
    }

    @Override
    public void stop() {
        if (application != null) {
            application.stop();
        }
    }
}
