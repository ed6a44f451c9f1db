package qms.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;


/**
 * Where the suite keeps its data: the {@code -dataDir <folder>} argument (or system property {@code qms.data}),
 * else the folder chosen at first start (remembered in {@code ~/.config/cro-qms/settings.properties}). The boot key
 * is in its default place outside the data folder unless {@code -keyFile <file>} ({@code qms.keyFile}) names one.
 */
final class DataLocation {

    static final String ARG = "-dataDir";
    static final String PROPERTY = "qms.data";
    static final String KEY_ARG = "-keyFile";
    static final String KEY_PROPERTY = "qms.keyFile";

    private static volatile Path current;

    private DataLocation() {
    }

    /** The data folder this run of the suite uses. */
    static void use(Path dir) {
        current = dir;
    }

    /** The data folder this run uses; null before it is known. */
    static Path current() {
        return current;
    }

    /** The folder given on the command line or as a system property, or null. */
    static Path fromArguments(String[] args) {
        return argument(args, ARG, PROPERTY);
    }

    /** The key file given with {@code -keyFile} or {@code qms.keyFile}, or null for the default location. */
    static Path keyFile(String[] args) {
        return argument(args, KEY_ARG, KEY_PROPERTY);
    }

    /** The path after {@code arg} on the command line, else the system property, else null. */
    static Path argument(String[] args, String arg, String property) {
        String value = text(args, arg, property);
        return value == null ? null : Path.of(value).toAbsolutePath();
    }

    /** The value after {@code arg} on the command line, else the system property; null if neither is set. */
    static String text(String[] args, String arg, String property) {
        for (int i = 0; i < args.length - 1; i++) {
            if (arg.equals(args[i])) {
                return args[i + 1];
            }
        }
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? null : value;
    }

    static Path settingsFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("cro-qms").resolve("settings.properties");
    }

    /** The folder chosen at an earlier start, or null. */
    static Path remembered() {
        Path file = settingsFile();
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        String dir = p.getProperty("dataDirectory");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    static void remember(Path dir) throws IOException {
        Path file = settingsFile();
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        p.setProperty("dataDirectory", dir.toString());
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "CRO Quality Suite settings");
        }
    }

    /** Where the data is, for people: the PostgreSQL server the folder's settings name, or the folder itself. */
    static String where(Path dir) {
        try {
            qms.core.StoreServer server = qms.core.StoreServer.configured(dir);
            return server == null ? dir.toString() : "PostgreSQL " + server.describe();
        } catch (RuntimeException e) {
            return dir.toString();
        }
    }
}
