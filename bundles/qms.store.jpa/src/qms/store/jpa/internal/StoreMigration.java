package qms.store.jpa.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;

import org.postgresql.ds.PGSimpleDataSource;

import qms.core.AuditAction;
import qms.core.ChainVerification;
import qms.core.StoreException;
import qms.core.StoreServer;

/**
 * Moves a store from embedded Derby onto a PostgreSQL server, as it is: every row of every table — records, their
 * references, the audit trail with its hashes, signatures, evidence content, accounts and credentials, settings —
 * copied in one transaction of the target, so that an interrupted copy (the process killed) leaves the target
 * without a row and a rerun starts clean. A target holding a store is refused. Then the copy is checked: the same
 * rows in each table, the chain intact and ending at the source's head. The source is only read, under its write
 * lock (nothing changes it meanwhile); both audit trails record the move.
 */
final class StoreMigration {

    /** Told after each table was copied (rows copied), before the copy is committed. */
    interface Progress {
        void copied(String table, long rows);
    }

    /** What was moved: rows per table, and the audit trail's length and head. */
    record Result(Map<String, Long> rows, long auditEntries, String headHash) {
        long records() {
            return rows.getOrDefault("SYS_RECORD", 0L);
        }
    }

    private static final int BATCH = 500;

    private final JpaRecordStore source;
    private final StoreServer target;

    StoreMigration(JpaRecordStore source, StoreServer target) {
        if (source.dialect() != Dialect.DERBY) {
            throw new StoreException("The store to move is not an embedded Derby store; nothing was copied");
        }
        this.source = source;
        this.target = target;
    }

    Result run(String user, Progress progress) {
        PGSimpleDataSource ds = PostgresStoreFactory.dataSource(target);
        PostgresStoreFactory.checkServer(ds, target);
        refuseIfHoldsAStore(ds);
        try {
            PostgresStoreFactory.deploy(target, ds, source.model(), () -> null).store().close(); // the tables
        } catch (SQLException e) {
            throw new StoreException("Creating the tables on " + target.describe() + " failed: " + e.getMessage()
                    + ". Nothing was copied.", e);
        }
        Map<String, Long> copied = source.underWriteLock(() -> source.read(em -> {
            jakarta.persistence.EntityTransaction tx = em.getTransaction();
            tx.begin(); // EclipseLink lends its connection inside a transaction only
            try (Connection to = ds.getConnection()) {
                return copy(em.unwrap(Connection.class), to, progress);
            } catch (SQLException e) {
                throw new StoreException("Copying onto " + target.describe() + " failed, nothing was kept there: "
                        + e.getMessage(), e);
            } finally {
                tx.rollback();
            }
        }));
        Result result = verify(copied, user);
        String text = "Store moved from embedded Derby to PostgreSQL " + target.describe() + " by " + user + ": "
                + result.records() + " records, " + result.auditEntries() + " audit entries up to head hash "
                + result.headHash() + ", every table's rows counted on both and the chain verified on the server";
        source.auditSystemEvents(List.of(text));
        return result;
    }

    /** A target that holds a store's rows is never written into. */
    private void refuseIfHoldsAStore(PGSimpleDataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("SYS_AUDIT", "SYS_RECORD")) {
                try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + table.toLowerCase(Locale.ROOT)
                        + "') IS NOT NULL")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        continue;
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new StoreException("The target " + target.describe() + " holds a store already ("
                                + rs.getLong(1) + " rows in " + table + "): move into an empty database. Nothing"
                                + " was written.");
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException(Dialect.whyNotConnected(target.describe(), target.user(), e)
                    + ". Nothing was written.", e);
        }
    }

    private Map<String, Long> copy(Connection from, Connection to, Progress progress) throws SQLException {
        to.setAutoCommit(false);
        try {
            Map<String, List<Column>> targetTables = tables(to);
            Map<String, Long> copied = new TreeMap<>();
            try (Statement s = to.createStatement()) {
                s.execute("DELETE FROM SYS_SETTING"); // the deployment's own; the source's come over
            }
            for (Map.Entry<String, List<Column>> t : tables(from).entrySet()) {
                List<Column> columns = targetTables.get(t.getKey());
                long rows = count(from, t.getKey());
                if (columns == null) {
                    if (rows > 0) {
                        throw new StoreException("Table " + t.getKey() + " holds " + rows + " rows of a module"
                                + " this installation does not have: install it, then move the store. Nothing was"
                                + " copied.");
                    }
                    continue;
                }
                for (Column c : t.getValue()) {
                    if (columns.stream().noneMatch(x -> x.name.equals(c.name))) {
                        throw new StoreException("Column " + t.getKey() + "." + c.name + " is not on the server;"
                                + " nothing was copied");
                    }
                }
                copied.put(t.getKey(), copyTable(from, to, t.getKey(), columns.stream().filter(c -> t.getValue()
                        .stream().anyMatch(x -> x.name.equals(c.name))).toList()));
                progress.copied(t.getKey(), copied.get(t.getKey()));
            }
            try (PreparedStatement id = to.prepareStatement("INSERT INTO SYS_SETTING (NAME, SETTING_VALUE)"
                    + " VALUES (?, ?) ON CONFLICT (NAME) DO UPDATE SET SETTING_VALUE = EXCLUDED.SETTING_VALUE")) {
                id.setString(1, SettingEntity.STORE_ID);
                id.setString(2, source.backups().storeId);
                id.executeUpdate();
            }
            copied.put("SYS_SETTING", count(to, "SYS_SETTING")); // the source's settings and the store's id
            to.commit();
            return copied;
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            throw e;
        }
    }

    private static long copyTable(Connection from, Connection to, String table, List<Column> columns)
            throws SQLException {
        String names = String.join(", ", columns.stream().map(c -> c.name).toList());
        Calendar utc = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        long rows = 0;
        try (Statement read = from.createStatement(); ResultSet rs = read.executeQuery("SELECT " + names + " FROM "
                + table); PreparedStatement write = to.prepareStatement("INSERT INTO " + table + " (" + names
                        + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")")) {
            while (rs.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    transfer(rs, write, i + 1, columns.get(i).type, utc);
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return rows;
    }

    /** One value, read and written as the target column's type asks (Derby's SMALLINT booleans, UTC times, bytes). */
    private static void transfer(ResultSet rs, PreparedStatement ps, int i, int type, Calendar utc)
            throws SQLException {
        switch (type) {
        case Types.BOOLEAN, Types.BIT -> {
            boolean v = rs.getBoolean(i);
            if (rs.wasNull()) {
                ps.setNull(i, type);
            } else {
                ps.setBoolean(i, v);
            }
        }
        case Types.TIMESTAMP -> ps.setTimestamp(i, rs.getTimestamp(i, utc), utc);
        case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ps.setBytes(i, rs.getBytes(i));
        default -> {
            Object v = rs.getObject(i);
            if (v == null) {
                ps.setNull(i, type);
            } else {
                ps.setObject(i, v, type);
            }
        }
        }
    }

    /** The tables of the connection's schema and their columns, names in upper case. */
    private static Map<String, List<Column>> tables(Connection c) throws SQLException {
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, c.getSchema(), null, null)) {
            while (rs.next()) {
                tables.computeIfAbsent(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(new Column(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), rs.getInt("DATA_TYPE")));
            }
        }
        return tables;
    }

    private record Column(String name, int type) {
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Opens the moved store on the server: each table's rows counted again, the chain verified to the source's head. */
    private Result verify(Map<String, Long> copied, String user) {
        ChainVerification here = source.auditTrail().verify();
        try (JpaRecordStore moved = (JpaRecordStore) new PostgresStoreFactory().open(new qms.core.StoreConfig(null,
                null, target), source.model(), () -> null)) {
            List<String> problems = new ArrayList<>();
            moved.read(em -> {
                em.getTransaction().begin();
                try {
                    Connection c = em.unwrap(Connection.class);
                    for (Map.Entry<String, Long> t : copied.entrySet()) {
                        long there = count(c, t.getKey());
                        if (there != t.getValue()) {
                            problems.add(t.getKey() + ": " + t.getValue() + " rows copied, " + there + " found");
                        }
                    }
                } catch (SQLException e) {
                    problems.add("counting the rows on the server failed: " + e.getMessage());
                } finally {
                    em.getTransaction().rollback();
                }
                return null;
            });
            ChainVerification there = moved.auditTrail().verify();
            if (!there.intact()) {
                problems.add("the moved audit trail is broken at entry " + there.firstBroken() + ": " + there
                        .problem());
            } else if (there.entriesChecked() < here.entriesChecked()) {
                problems.add("the moved audit trail has " + there.entriesChecked() + " entries, the source "
                        + here.entriesChecked());
            }
            if (!problems.isEmpty()) {
                throw new StoreException("The store was copied onto " + target.describe() + " but does not match the"
                        + " source: " + String.join("; ", problems) + ". Drop that database before trying again;"
                        + " the source is unchanged.");
            }
            moved.write(user, null, tx -> {
                tx.audit.append(null, null, null, AuditAction.SYSTEM, null, null, "Store moved here from embedded"
                        + " Derby by " + user + ": " + copied.getOrDefault("SYS_RECORD", 0L) + " records and "
                        + here.entriesChecked() + " audit entries (head hash " + here.headHash() + "), checked");
                return null;
            });
        }
        return new Result(copied, here.entriesChecked(), here.headHash());
    }
}
