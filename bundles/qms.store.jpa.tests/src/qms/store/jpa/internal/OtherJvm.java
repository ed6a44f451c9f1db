package qms.store.jpa.internal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Runs {@link StoreClientMain} in a second JVM, on a plain class path made of the jars and folders of the bundles
 * this test runs with: another client of the same server, with its own connections and its own EclipseLink.
 */
final class OtherJvm {

    private final Process process;
    private final Path output;

    private final String classPath;

    private OtherJvm(Process process, Path output, String classPath) {
        this.process = process;
        this.output = output;
        this.classPath = classPath;
    }

    static OtherJvm start(String... args) throws Exception {
        return start(StoreClientMain.class, args);
    }

    /** Runs {@code main}'s main method (a class of this test fragment) in another JVM. */
    static OtherJvm start(Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        String classPath = classPath();
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("qms-client-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new OtherJvm(p, output, classPath);
    }

    /** Waits until the other JVM printed {@code line} (fails after two minutes, or if it ended before). */
    void awaitLine(String line) throws Exception {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until) {
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (out.lines().anyMatch(line::equals)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the other JVM ended before printing '" + line + "':\n" + out);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the other JVM did not print '" + line + "' in two minutes");
    }

    /** Kills the other JVM at once, as kill -9 does (no shutdown hook, no clean-up). */
    void kill() throws Exception {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
        Files.deleteIfExists(output);
    }

    /** Waits for the client to finish; fails with its output unless it ended well. */
    String finish() throws Exception {
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        String out = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        if (!ended) {
            process.destroyForcibly();
            throw new AssertionError("the other client did not finish in 5 minutes:\n" + out);
        }
        if (process.exitValue() != 0 || !out.contains("DONE")) {
            throw new AssertionError("the other client failed (exit " + process.exitValue() + "):\n" + out
                    + "\nclass path: " + classPath);
        }
        return out;
    }

    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        org.osgi.framework.BundleContext context = FrameworkUtil.getBundle(OtherJvm.class).getBundleContext();
        // locations may be relative to the framework's install area
        Path installArea = Path.of(java.net.URI.create(context.getProperty("osgi.install.area")));
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            int file = location.indexOf("file:");
            if (file < 0) {
                continue;
            }
            Path p = installArea.resolve(location.substring(file + "file:".length())).normalize();
            if (Files.isDirectory(p)) { // a project of this build: its classes, and its root (META-INF)
                if (Files.isDirectory(p.resolve("target/classes"))) {
                    entries.add(p.resolve("target/classes").toString());
                }
                if (Files.isDirectory(p.resolve("target/test-classes"))) {
                    entries.add(p.resolve("target/test-classes").toString());
                }
            }
            entries.add(p.toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
