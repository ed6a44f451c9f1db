package qms.ui.store;

import java.nio.file.Path;
import java.util.function.Function;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import qms.core.StoreException;
import qms.core.StoreServer;

/**
 * The fields of a PostgreSQL server the store is on: host, port, database, the database user, the file holding its
 * password (never the password itself), TLS, and <em>Test Connection</em>, which says in a sentence what it found
 * or what is wrong.
 */
public final class ServerFields {

    private static final String[] TLS = { "verify-full", "require", "disable" };
    private static final String[] TLS_LABELS = { "Encrypted, server certificate checked (verify-full)",
        "Encrypted, certificate not checked (require)", "Not encrypted (disable; a trusted network only)" };

    private final Composite group;
    private final Text host;
    private final Text port;
    private final Text database;
    private final Text user;
    private final Text passwordFile;
    private final Combo tls;
    private final Text caFile;
    private final Label result;

    public ServerFields(Composite parent, Function<StoreServer, String> test) {
        group = new Composite(parent, SWT.NONE);
        group.setLayout(new GridLayout(3, false));
        host = field("Host", "localhost");
        port = field("Port", "5432");
        database = field("Database", "qms");
        user = field("Database user", "qms_app");
        passwordFile = file("Password file", "");
        new Label(group, SWT.NONE).setText("Connection");
        tls = new Combo(group, SWT.READ_ONLY);
        tls.setItems(TLS_LABELS);
        tls.select(0);
        tls.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        caFile = file("CA certificate", "");
        tls.addListener(SWT.Selection, e -> caFile.setEnabled(tls.getSelectionIndex() == 0));
        Button check = new Button(group, SWT.PUSH);
        check.setText("&Test Connection");
        result = new Label(group, SWT.WRAP);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        gd.widthHint = 420;
        gd.heightHint = 64;
        result.setLayoutData(gd);
        check.addListener(SWT.Selection, e -> {
            try {
                result.setText(test.apply(server()));
            } catch (IllegalArgumentException | StoreException x) {
                result.setText(x.getMessage());
            }
        });
    }

    public Control control() {
        return group;
    }

    public void setEnabled(boolean enabled) {
        setEnabled(group, enabled);
        if (enabled) {
            caFile.setEnabled(tls.getSelectionIndex() == 0);
        }
    }

    private static void setEnabled(Control c, boolean enabled) {
        c.setEnabled(enabled);
        if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                setEnabled(child, enabled);
            }
        }
    }

    /** Shows a server's settings in the fields (those its URL does not name keep their defaults). */
    public void show(StoreServer s) {
        java.net.URI u = java.net.URI.create(s.url().substring("jdbc:".length()));
        host.setText(u.getHost());
        port.setText(String.valueOf(u.getPort() < 0 ? 5432 : u.getPort()));
        database.setText(u.getPath().substring(1));
        user.setText(s.user());
        passwordFile.setText(s.passwordFile() == null ? "" : s.passwordFile().toString());
        String query = u.getQuery() == null ? "" : u.getQuery();
        for (String parameter : query.split("&")) {
            String[] kv = parameter.split("=", 2);
            if (kv.length == 2 && kv[0].equals("sslmode")) {
                tls.select(Math.max(0, java.util.Arrays.asList(TLS).indexOf(kv[1])));
            } else if (kv.length == 2 && kv[0].equals("sslrootcert")) {
                caFile.setText(kv[1]);
            }
        }
        caFile.setEnabled(group.isEnabled() && tls.getSelectionIndex() == 0);
    }

    /** The server the fields name; IllegalArgumentException naming the field that is wrong. */
    public StoreServer server() {
        String h = host.getText().strip();
        if (h.isEmpty() || h.contains("/") || h.contains(":") && !h.startsWith("[")) {
            throw new IllegalArgumentException("Host: '" + h + "' is not a host name or address");
        }
        int p;
        try {
            p = Integer.parseInt(port.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port: '" + port.getText() + "' is not a number");
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("Port: " + p + " is not between 1 and 65535");
        }
        String db = database.getText().strip();
        if (!db.matches("[A-Za-z_][A-Za-z0-9_$-]*")) {
            throw new IllegalArgumentException("Database: '" + db + "' is not a database name");
        }
        String mode = TLS[Math.max(0, tls.getSelectionIndex())];
        String url = "jdbc:postgresql://" + h + ":" + p + "/" + db + "?sslmode=" + mode;
        if (mode.equals("verify-full") && !caFile.getText().isBlank()) {
            url += "&sslrootcert=" + caFile.getText().strip();
        }
        String pw = passwordFile.getText().strip();
        return new StoreServer(url, user.getText().strip(), pw.isEmpty() ? null : Path.of(pw));
    }

    private Text field(String label, String value) {
        new Label(group, SWT.NONE).setText(label);
        Text t = new Text(group, SWT.BORDER);
        t.setText(value);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        return t;
    }

    private Text file(String label, String value) {
        new Label(group, SWT.NONE).setText(label);
        Text t = new Text(group, SWT.BORDER);
        t.setText(value);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browse = new Button(group, SWT.PUSH);
        browse.setText("Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(group.getShell(), SWT.OPEN);
            String picked = d.open();
            if (picked != null) {
                t.setText(picked);
            }
        });
        return t;
    }
}
