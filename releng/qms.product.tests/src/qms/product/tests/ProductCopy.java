package qms.product.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** A copy of the built product to change (install, uninstall) without touching the build's own. */
final class ProductCopy {

    static final Path PRODUCT = Path.of(System.getProperty("qms.product.dir"));
    static final Path REPOSITORY = Path.of(System.getProperty("qms.repository"));

    private ProductCopy() {
    }

    /** Copies the built product into {@code to}. */
    static Path of(Path to) throws IOException {
        return copy(PRODUCT, to);
    }

    /** Copies a folder with all it holds. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /**
     * Points the copy's p2 profile at the copy, as p2 does for a roaming installation when it starts from a new
     * place: for provisioning the copy from outside it (the Modules dialog's test, whose own runtime is not the copy).
     */
    static void relocateProfile(Path copy) throws IOException {
        Path registry = copy.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/DefaultProfile.profile");
        Path newest;
        try (Stream<Path> profiles = Files.list(registry)) {
            newest = profiles.filter(p -> p.getFileName().toString().endsWith(".profile.gz")).max(Comparator
                    .comparing(p -> p.getFileName().toString())).orElseThrow();
        }
        String xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(newest))) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String moved = xml.replace("value='" + PRODUCT + "'", "value='" + copy + "'");
        if (moved.equals(xml)) {
            throw new IllegalStateException("The profile " + newest + " does not name " + PRODUCT);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(newest))) {
            out.write(moved.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The copy's bundles.info: which bundles start. */
    static String bundles(Path copy) throws IOException {
        return Files.readString(copy.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"));
    }
}
