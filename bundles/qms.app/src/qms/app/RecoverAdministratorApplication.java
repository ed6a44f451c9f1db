package qms.app;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;

import qms.core.ModelContributions;
import qms.core.StoreConfig;
import qms.core.StoreFactory;

/**
 * Emergency access when no administrator can sign in — the only administrator is locked out or has forgotten the
 * password. Run by whoever holds the store's key file, with the suite closed:
 *
 * <pre>
 * java -jar plugins/org.eclipse.equinox.launcher_*.jar -application qms.app.recoverAdmin \
 *      -dataDir /srv/cro-qms -userId jdoe [-keyFile /secure/store.key]
 * </pre>
 *
 * It asks twice for a temporary password (from the terminal, unechoed; or two lines on standard input when there is
 * no terminal), unlocks the administrator account and sets the password, which must be changed at the next
 * sign-in. The audit trail records both as done by the key holder (operating-system user and host).
 */
public final class RecoverAdministratorApplication extends HeadlessCommand {

    private Path dir;
    private Path keyFile;
    private String userId;

    @Override
    boolean accept(String[] args) {
        dir = DataLocation.fromArguments(args);
        keyFile = DataLocation.keyFile(args);
        userId = DataLocation.text(args, "-userId", "qms.userId");
        return dir != null && userId != null;
    }

    @Override
    String usage() {
        return "-application qms.app.recoverAdmin -dataDir <data folder> -userId <administrator's user id>"
                + " [-keyFile <key file>]";
    }

    @Override
    String failure() {
        return "Recovery failed";
    }

    @Override
    boolean run(StoreFactory factory) throws IOException {
        char[] password = null;
        char[] again = null;
        try {
            char[][] typed = secrets("Temporary password for " + userId + ": ", "Repeat it: ");
            password = typed[0];
            again = typed[1];
            if (password == null || again == null || !Arrays.equals(password, again)) {
                System.err.println("Recovery failed: the two passwords were missing or differ. Nothing was changed.");
                return false;
            }
            factory.recoverAdministrator(new StoreConfig(dir, keyFile, qms.core.StoreServer.configured(dir)), ModelContributions.fromServices(), userId,
                    password, operator());
            System.out.println(userId + " is unlocked and has a temporary password, which must be changed at the"
                    + " next sign-in. The audit trail records this recovery.");
            return true;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    private static String operator() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return "operating-system user " + System.getProperty("user.name") + " on " + host;
    }
}
