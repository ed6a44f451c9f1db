package qms.store.jpa.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The installed product (releng/qms.product's build), started by a benchmark to open one view with the benchmark
 * user signed in through the real sign-in dialog (qms.app.StartupProbe), in a 512 MB heap.
 */
final class ProductRun {

    static final String USER = "bench";
    static final String PASSWORD = "benchmark passphrase";

    private final Path launcher;
    /** What the last run printed. */
    String output = "";

    ProductRun() throws java.io.IOException {
        Path product = Path.of(System.getProperty("qms.product.dir"));
        try (Stream<Path> plugins = Files.list(product.resolve("plugins"))) {
            launcher = plugins.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no product in " + product));
        }
    }

    /**
     * Starts the product to open one view; returns {ms to its first paint with (the first part of) its content,
     * heap MB in use after it, ms to the first paint of its controls (before content computed in the background),
     * ms to the paint with all of its content}. {@code properties} are more {@code -D} options for the probe.
     */
    long[] openView(Path work, Path data, Path key, String view, String... properties) throws Exception {
        Path workspace = Files.createTempDirectory(work, "workspace-");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-Dqms.benchmark.startup=true", "-Dqms.benchmark.view=" + view,
                "-Dqms.keyFile=" + key, "-Dqms.demo=skip"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", launcher.toString(), "-dataDir", data.toString(), "-data", workspace
                .toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("QMS_BENCHMARK_SIGN_IN", USER + ":" + PASSWORD);
        Process p = builder.start();
        long[] result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith("QMS-VIEW " + view + " ")) {
                    String[] parts = line.split(" ");
                    result = new long[] { Long.parseLong(parts[2]), Long.parseLong(parts[3]), Long.parseLong(
                            parts[4]), Long.parseLong(parts[5]) };
                }
                output.append(line).append('\n');
            }
        }
        this.output = output.toString();
        if (!p.waitFor(2, TimeUnit.MINUTES) || result == null) {
            p.destroyForcibly();
            Path log = workspace.resolve(".metadata/.log");
            throw new IllegalStateException("the product did not report the view " + view + ": " + command + "\n"
                    + output + (Files.exists(log) ? "\n" + log + ":\n" + Files.readString(log) : ""));
        }
        return result;
    }
}
