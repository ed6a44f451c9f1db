package qms.backup.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real backup tools (Debian's restic and borgbackup, installed by .ci/run) on temporary data to make the
 * test input. A missing tool fails the test: nothing is skipped.
 */
final class RealTools {

    /** What a tool printed and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    private final Map<String, String> env;

    RealTools(Map<String, String> env) {
        this.env = env;
    }

    /** Runs the command; fails the test unless it exits 0. */
    String ok(String... command) {
        Run r = run(command);
        if (r.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + r.exitCode() + ":\n" + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    Run run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(command));
            pb.environment().keySet().removeIf(k -> k.startsWith("RESTIC_") || k.startsWith("BORG_"));
            pb.environment().putAll(env);
            Path out = Files.createTempFile("tool-out", ".txt");
            Path err = Files.createTempFile("tool-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new AssertionError(command[0] + " is not installed (" + e.getMessage() + "); .ci/run installs"
                        + " it with apt-get (restic, borgbackup)", e);
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 5 minutes");
            }
            Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err,
                    StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A small tree of files to back up: text, a nested folder, a binary file. */
    static Path sampleData(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("protocol.txt"), "Protocol CRO-2026-01, version 3\n");
        Files.writeString(dir.resolve("sub/subjects.csv"), "subject,visit\n1001,V1\n1002,V2\n");
        byte[] bytes = new byte[64 * 1024];
        new java.util.Random(42).nextBytes(bytes);
        Files.write(dir.resolve("sub/scan.bin"), bytes);
        return dir;
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(List.of(parts));
    }
}
