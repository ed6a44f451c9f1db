package qms.backup.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import qms.core.StoreException;

/**
 * Runs a backup tool as a process with its output in files (outputs can be large), and stops it when the user
 * cancels.
 */
final class ToolRunner {

    /** How a run ended: the exit code and where its output is. */
    record Run(List<String> command, int exitCode, Path stdout, Path stderr) {

        String errors() {
            try {
                String s = Files.readString(stderr, StandardCharsets.UTF_8).strip();
                return s.length() > 4000 ? s.substring(0, 4000) + "\n…" : s;
            } catch (IOException e) {
                return "(the error output could not be read: " + e.getMessage() + ")";
            }
        }
    }

    private final Map<String, String> env;
    private final Path work;
    private final BooleanSupplier cancelled;
    private int runs;

    ToolRunner(Map<String, String> env, Path work, BooleanSupplier cancelled) {
        this.env = env;
        this.work = work;
        this.cancelled = cancelled;
    }

    /** Runs the command in {@code dir} and waits, checking for cancellation. */
    Run run(Path dir, List<String> command) {
        int n = ++runs;
        Path out = work.resolve("run-" + n + ".out");
        Path err = work.resolve("run-" + n + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        // only what this run sets: a password or repository inherited from the environment must not take part
        pb.environment().keySet().removeIf(k -> k.startsWith("RESTIC_") || k.startsWith("BORG_"));
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                nullDevice()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new StoreException("Cannot run " + command.get(0) + ": " + e.getMessage() + ". Is it installed on"
                    + " this computer?", e);
        }
        try {
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    p.destroyForcibly();
                    throw new CancellationException("Cancelled while running " + command.get(0));
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while running " + command.get(0));
        }
        return new Run(command, p.exitValue(), out, err);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
