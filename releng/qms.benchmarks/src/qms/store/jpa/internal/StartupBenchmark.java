package qms.store.jpa.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;

/**
 * P1: the installed product started on a database of 10,000 records, until its window is open and idle, against
 * the floor of the same installation starting a bare workbench with one empty view. Both are timed from process
 * launch to the line the product prints when its window is ready (qms.app StartupProbe), median of several runs,
 * alternating, after a warm-up run of each.
 */
class StartupBenchmark {

    private static final int RECORDS = Integer.getInteger("qms.benchmark.startupRecords", 10_000);
    private static final int RUNS = Integer.getInteger("qms.benchmark.startupRuns", 5);

    @Test
    void productStartAgainstBareWorkbench() throws Exception {
        Path product = Path.of(System.getProperty("qms.product.dir"));
        Path launcher;
        try (Stream<Path> plugins = Files.list(product.resolve("plugins"))) {
            launcher = plugins.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no product in " + product));
        }
        Path work = Files.createTempDirectory("qms-p1-");
        Path data = work.resolve("data");
        Path key = work.resolve("store.key");
        populate(data, key);

        List<String> full = command(launcher, "-Dqms.keyFile=" + key, "-Dqms.demo=skip", "-dataDir", data.toString());
        List<String> bare = command(launcher, "-application", "qms.app.bareWorkbench", "-data",
                work.resolve("bare-workspace").toString());
        time(bare); // warm-up of both, not counted: the first product start also creates the modules' tables
        time(full);
        long[] fullMs = new long[RUNS];
        long[] bareMs = new long[RUNS];
        String barePhases = null;
        for (int i = 0; i < RUNS; i++) {
            bareMs[i] = time(bare);
            barePhases = lastPhases;
            fullMs[i] = time(full);
        }
        BenchmarkReport.line("P1 phases of the last product start (ms since JVM start): " + lastPhases);
        BenchmarkReport.line("P1 phases of the last bare start (ms since JVM start):    " + barePhases);
        double f = BenchmarkReport.median(fullMs);
        double b = BenchmarkReport.median(bareMs);
        BenchmarkReport.line(String.format("P1 product start with %,d records to idle window: median %.0f ms of %s",
                RECORDS, f, java.util.Arrays.toString(fullMs)));
        BenchmarkReport.line(String.format("P1 floor, bare workbench with one empty view:        median %.0f ms of %s",
                b, java.util.Arrays.toString(bareMs)));
        BenchmarkReport.line(String.format("P1 ratio product/bare = %.2f (goal <= 1.5)", f / b));
    }

    private static final String PASSWORD = "benchmark passphrase";

    private static void populate(Path data, Path key) {
        try (RecordStore store = new DerbyStoreFactory().open(new StoreConfig(data, key), ModelRegistry.core(),
                () -> new Principal("bench", "Benchmark"))) {
            // the product asks for a sign-in: the benchmark user has a password, typed in by the start-up probe
            store.accounts().createFirstAdministrator("bench", "Benchmark", PASSWORD.toCharArray(),
                    java.util.Set.of(qms.model.AccessRole.QA_MANAGER));
            for (int start = 0; start < RECORDS; start += 1000) {
                List<ComputerizedSystem> batch = new ArrayList<>();
                for (int i = start; i < Math.min(RECORDS, start + 1000); i++) {
                    ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
                    s.setName("System " + i);
                    s.setGxpCriticality(GxpCriticality.get(i % 4));
                    s.setDataClassification(DataClassification.get(i % 4));
                    batch.add(s);
                }
                store.save(batch, "benchmark data");
            }
        }
    }

    private static List<String> command(Path launcher, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dqms.benchmark.startup=true"));
        List<String> rest = new ArrayList<>(List.of(args));
        // JVM options first, then -jar launcher, then the program arguments
        while (!rest.isEmpty() && rest.get(0).startsWith("-D")) {
            cmd.add(rest.remove(0));
        }
        cmd.add("-jar");
        cmd.add(launcher.toString());
        cmd.addAll(rest);
        return cmd;
    }

    private static String lastPhases = "";

    /** Milliseconds from launching the process to its "window ready" line; waits for the process to end. */
    private static long time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("QMS_BENCHMARK_SIGN_IN", "bench:" + PASSWORD);
        Process p = builder.start();
        long ready = -1;
        StringBuilder output = new StringBuilder();
        StringBuilder phases = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (ready < 0 && line.contains("QMS-STARTUP-READY")) {
                    ready = (System.nanoTime() - start) / 1_000_000;
                }
                if (line.startsWith("QMS-PHASE ")) {
                    phases.append(phases.length() == 0 ? "" : ", ").append(line.substring(10));
                }
                output.append(line).append('\n');
            }
        }
        if (!p.waitFor(2, TimeUnit.MINUTES) || ready < 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the product did not report a ready window: " + command + "\n" + output);
        }
        lastPhases = phases.toString();
        return ready;
    }
}
