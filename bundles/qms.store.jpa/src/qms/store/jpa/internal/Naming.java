package qms.store.jpa.internal;

import java.util.Locale;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;

/**
 * SQL names derived from the model: table {@code <NSPREFIX>_<CLASS_NAME>}, column {@code <FEATURE_NAME>}, both in
 * upper snake case; a name that is an SQL reserved word gets a trailing underscore. Fixed tables start with
 * {@code SYS_}, so a model's nsPrefix must not be "sys".
 */
final class Naming {

    private static final Set<String> RESERVED = Set.of("ADD", "ALL", "ALLOCATE", "ALTER", "AND", "ANY", "ARE", "AS",
            "ASC", "ASSERTION", "AT", "AUTHORIZATION", "AVG", "BEGIN", "BETWEEN", "BIGINT", "BIT", "BOOLEAN", "BOTH",
            "BY", "CALL", "CASCADE", "CASCADED", "CASE", "CAST", "CHAR", "CHARACTER", "CHECK", "CLOSE", "COALESCE",
            "COLLATE", "COLLATION", "COLUMN", "COMMIT", "CONNECT", "CONNECTION", "CONSTRAINT", "CONSTRAINTS",
            "CONTINUE", "CONVERT", "CORRESPONDING", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_ROLE",
            "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR", "DATE", "DEALLOCATE", "DEC", "DECIMAL",
            "DECLARE", "DEFAULT", "DEFERRABLE", "DEFERRED", "DELETE", "DESC", "DESCRIBE", "DIAGNOSTICS",
            "DISCONNECT", "DISTINCT", "DO", "DOUBLE", "DROP", "ELSE", "END", "ESCAPE", "EXCEPT", "EXCEPTION", "EXEC",
            "EXECUTE", "EXISTS", "EXPLAIN", "EXTERNAL", "FALSE", "FETCH", "FIRST", "FLOAT", "FOR", "FOREIGN",
            "FOUND", "FROM", "FULL", "FUNCTION", "GET", "GLOBAL", "GO", "GOTO", "GRANT", "GROUP", "HAVING", "HOUR",
            "IDENTITY", "IMMEDIATE", "IN", "INDICATOR", "INITIALLY", "INNER", "INOUT", "INPUT", "INSENSITIVE",
            "INSERT", "INT", "INTEGER", "INTERSECT", "INTO", "IS", "ISOLATION", "JOIN", "KEY", "LAST", "LEFT",
            "LIKE", "LIMIT", "LOWER", "LTRIM", "MATCH", "MAX", "MIN", "MINUTE", "NATIONAL", "NATURAL", "NCHAR",
            "NEXT", "NO", "NONE", "NOT", "NULL", "NULLIF", "NUMERIC", "NVARCHAR", "OF", "OFFSET", "ON", "ONLY",
            "OPEN", "OPTION", "OR", "ORDER", "OUTER", "OUTPUT", "OVERLAPS", "OWNER", "PAD", "PARTIAL", "POSITION",
            "PREPARE", "PRESERVE", "PRIMARY", "PRIOR", "PRIVILEGES", "PROCEDURE", "PUBLIC", "READ", "REAL",
            "REFERENCES", "RELATIVE", "RESTRICT", "RETURNING", "REVOKE", "RIGHT", "ROLLBACK", "ROW", "ROWS",
            "ROW_NUMBER", "RTRIM", "SCHEMA", "SCROLL", "SECOND", "SELECT", "SESSION_USER", "SET", "SMALLINT",
            "SOME", "SPACE", "SQL", "SQLCODE", "SQLERROR", "SQLSTATE", "SUBSTR", "SUBSTRING", "SUM", "SYSTEM_USER",
            "TABLE", "TEMPORARY", "THEN", "TIME", "TIMESTAMP", "TIMEZONE_HOUR", "TIMEZONE_MINUTE", "TO",
            "TRAILING", "TRANSACTION", "TRANSLATE", "TRANSLATION", "TRIM", "TRUE", "UNION", "UNIQUE", "UNKNOWN",
            "UPDATE", "UPPER", "USER", "USING", "VALUE", "VALUES", "VARCHAR", "VARYING", "VERSION", "VIEW", "WHEN",
            "WHENEVER", "WHERE", "WINDOW", "WITH", "WORK", "WRITE", "XML", "YEAR",
            // the store's own columns in every record table
            "ID", "OWNER_ID", "OWNER_FEATURE", "OWNER_POS");

    private Naming() {
    }

    static String table(EClass eClass) {
        return snake(eClass.getEPackage().getNsPrefix()) + "_" + snake(eClass.getName());
    }

    /** JPQL entity name of a record class's dynamic type. */
    static String alias(EClass eClass) {
        return eClass.getEPackage().getNsPrefix().replaceAll("[^A-Za-z0-9]", "_") + "_" + eClass.getName();
    }

    static String column(String featureName) {
        String c = snake(featureName);
        return RESERVED.contains(c) ? c + "_" : c;
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch) && i > 0 && (Character.isLowerCase(camel.charAt(i - 1))
                    || i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))
                            && Character.isUpperCase(camel.charAt(i - 1)))) {
                b.append('_');
            }
            b.append(Character.isLetterOrDigit(ch) ? ch : '_');
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
