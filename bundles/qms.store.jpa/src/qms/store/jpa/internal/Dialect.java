package qms.store.jpa.internal;

import java.sql.SQLException;

/**
 * What differs between the databases the store runs on, in one place: EclipseLink's platform and how a failure to
 * connect reads for a person. The SQL the store writes itself (scans, links, referrers, indexes) is the same on both:
 * standard {@code OFFSET … ROWS FETCH NEXT … ROWS ONLY}, {@code CASE}, {@code LOWER … LIKE}, unquoted identifiers
 * (which PostgreSQL folds to lower case and Derby to upper case, so catalogue look-ups compare them ignoring case).
 */
enum Dialect {

    DERBY("Derby", "embedded Derby"),
    POSTGRESQL("PostgreSQL", "PostgreSQL");

    /** The oldest PostgreSQL the store is tested against and supports. */
    static final int POSTGRESQL_MIN_MAJOR = 13;

    /** EclipseLink's {@code eclipselink.target-database}. */
    final String targetDatabase;
    final String label;

    Dialect(String targetDatabase, String label) {
        this.targetDatabase = targetDatabase;
        this.label = label;
    }

    /**
     * Why the connected user cannot create the tables the model needs, as a sentence; null when it may (always on
     * Derby: the embedded database's only user owns it).
     */
    String whyNoCreate(java.sql.Connection c) throws SQLException {
        if (this != POSTGRESQL) {
            return null;
        }
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT has_schema_privilege(current_schema(),"
                + " 'CREATE'), current_user, current_schema()")) {
            rs.next();
            return rs.getBoolean(1) ? null : "the database user " + rs.getString(2) + " may not create tables in"
                    + " schema " + rs.getString(3) + " (it is the application's role). Start the suite once as the"
                    + " schema's owner role (-Dqms.store.user=qms_owner, see the README: PostgreSQL), then again as"
                    + " the application role";
        }
    }

    /**
     * Why connecting to a server failed, as a sentence naming what to check: from the SQLState of PostgreSQL's
     * error (class 08 the connection, 28 the authorization, 3D the database) or the cause.
     */
    static String whyNotConnected(String where, String user, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (state.equals("28P01") || state.equals("28000")) {
            return "The server " + where + " refused user " + user + ": wrong password, or the user may not connect"
                    + " from this machine (" + message + ")";
        }
        if (state.equals("3D000")) {
            return "The server " + where + " has no such database (" + message + ")";
        }
        if (state.startsWith("08")) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (message.contains("could not be verified by hostnameverifier")) {
                return "The TLS connection to " + where + " failed: the server's certificate is not made out for the"
                        + " host name used; connect by a name the certificate names (" + message + ")";
            }
            if (root instanceof javax.net.ssl.SSLException || message.contains("SSL")) {
                return "The TLS connection to " + where + " failed: the server's certificate was not accepted, or the"
                        + " server does not offer TLS (" + message + ")";
            }
            return "The server " + where + " cannot be reached: check the host and port, and that the server runs and"
                    + " accepts connections from this machine (" + message + ")";
        }
        return "Connecting to " + where + " as " + user + " failed: " + message;
    }
}
