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
 * alternating, after a warm-up run of each. Both start as releng/run.sh starts the suite, with the class-data-sharing
 * archive that the first start writes; the same pair without it is printed too.
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

        // as releng/run.sh starts it: with a class-data-sharing archive that the first start writes as it exits; the
        // bare workbench, the same installation, starts with the same JVM options
        Path archive = work.resolve("classes.jsa");
        String[] productArgs = { "-Dqms.keyFile=" + key, "-Dqms.demo=skip", "-dataDir", data.toString() };
        String[] bareArgs = { "-application", "qms.app.bareWorkbench", "-data", work.resolve("bare-workspace")
                .toString() };
        List<String> full = command(launcher, with("-XX:SharedArchiveFile=" + archive, productArgs));
        List<String> bare = command(launcher, with("-XX:SharedArchiveFile=" + archive, bareArgs));
        List<String> fullPlain = command(launcher, productArgs);
        List<String> barePlain = command(launcher, bareArgs);
        // warm-up, not counted: the first product start also creates the modules' tables, and writes the archive
        time(command(launcher, with("-XX:ArchiveClassesAtExit=" + archive, with("-Xlog:cds*=off", productArgs))));
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("the first start wrote no class-data archive at " + archive);
        }
        time(bare);
        time(barePlain);
        time(fullPlain);
        long[] fullMs = new long[RUNS];
        long[] bareMs = new long[RUNS];
        long[] fullPlainMs = new long[RUNS];
        long[] barePlainMs = new long[RUNS];
        String barePhases = null;
        String fullPhases = null;
        for (int i = 0; i < RUNS; i++) {
            bareMs[i] = time(bare);
            barePhases = lastPhases;
            fullMs[i] = time(full);
            fullPhases = lastPhases;
            barePlainMs[i] = time(barePlain);
            fullPlainMs[i] = time(fullPlain);
        }
        // one more start, not timed: the window's content too (the counts and the dashboard's figures are computed
        // once the window has painted, so they come after the idle window the ratio is measured to)
        time(command(launcher, with("-Dqms.benchmark.content=true", with("-XX:SharedArchiveFile=" + archive,
                productArgs))));
        String contentPhases = lastPhases;
        BenchmarkReport.line("P1 phases of the last product start (ms since JVM start): " + fullPhases);
        BenchmarkReport.line("P1 phases of a start until the dashboard has drawn its figures: " + contentPhases);
        BenchmarkReport.line("P1 phases of the last bare start (ms since JVM start):    " + barePhases);
        double f = BenchmarkReport.median(fullMs);
        double b = BenchmarkReport.median(bareMs);
        BenchmarkReport.line(String.format("P1 product start with %,d records to idle window: median %.0f ms of %s",
                RECORDS, f, java.util.Arrays.toString(fullMs)));
        BenchmarkReport.line(String.format("P1 floor, bare workbench with one empty view:        median %.0f ms of %s",
                b, java.util.Arrays.toString(bareMs)));
        BenchmarkReport.line(String.format("P1 ratio product/bare = %.2f (goal <= 1.5), both started as releng/run.sh"
                + " starts the suite (with its class-data archive)", f / b));
        double fp = BenchmarkReport.median(fullPlainMs);
        double bp = BenchmarkReport.median(barePlainMs);
        BenchmarkReport.line(String.format("P1 without the archive: product median %.0f ms of %s, bare median %.0f ms"
                + " of %s, ratio %.2f", fp, java.util.Arrays.toString(fullPlainMs), bp, java.util.Arrays.toString(
                        barePlainMs), fp / bp));
    }

    private static String[] with(String option, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = option;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
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
        while (!rest.isEmpty() && (rest.get(0).startsWith("-D") || rest.get(0).startsWith("-X"))) {
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
