package qms.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import qms.core.AuditAction;
import qms.modules.ModuleChanges;
import qms.modules.ModuleChanges.Change;
import qms.modules.ModuleException;
import qms.modules.Modules;
import qms.testing.ModuleTestStore;

/**
 * What p2 decides when an installation is changed from other repositories than the build's own: a newer version of
 * a module is offered and updated to; a module that needs a newer core than the one installed is refused with p2's
 * reason; a repository with an altered jar is refused. The repositories are the build's, copied and changed as a
 * later release (or an attacker) would; the installation is a copy of the built product.
 */
class ModuleRepositoriesTest {

    private static final String BACKUP = "qms.backup.feature";
    private static final String GROUP_UNIT = "<unit id='qms.backup.feature.feature.group' version='";

    @TempDir
    Path dir;
    private Path product;
    private IProvisioningAgent agent;
    private ModuleTestStore store;
    private Modules modules;
    private ModuleChanges changes;

    @BeforeEach
    void copyTheProduct() throws Exception {
        product = ProductCopy.of(dir.resolve("cro-qms"));
        ProductCopy.relocateProfile(product);
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        agent = context.getService(context.getServiceReference(IProvisioningAgentProvider.class)).createAgent(product
                .resolve("p2").toUri());
        modules = new Modules(agent, "DefaultProfile", product);
        store = new ModuleTestStore(dir.resolve("store"), getClass());
        store.actAs(ModuleTestStore.ADMIN);
        changes = new ModuleChanges(store.store, modules);
    }

    @AfterEach
    void close() {
        store.close();
        agent.stop();
    }

    @Test
    void aNewerVersionOfAModuleIsOfferedAndUpdatedTo() throws Exception {
        String installed = modules.installed(BACKUP).orElseThrow().version();
        String next = "0.1.1.v20270101";
        URI newer = variant("newer", content -> content.replace(unit(content), release(unit(content), installed,
                next)));
        Modules.Module offered = modules.available(newer).stream().filter(m -> m.id().equals(BACKUP)).findFirst()
                .orElseThrow();
        assertEquals(next, offered.version());
        assertTrue(Modules.newer(offered.version(), installed));

        Modules.Outcome outcome = changes.perform(Change.UPDATE, BACKUP, newer);
        assertTrue(outcome.changed(), outcome.message());
        assertTrue(outcome.message().contains("was updated from " + installed + " to " + next), outcome.message());
        assertEquals(next, modules.installed(BACKUP).orElseThrow().version());
        assertTrue(ProductCopy.bundles(product).contains("qms.backup.core,"), "the module's bundles stay");
        assertFalse(changes.perform(Change.UPDATE, BACKUP, newer).changed(), "nothing newer: nothing to do");
        assertTrue(lastSystemEvent().startsWith("Module updated: CRO Quality Suite backup module (qms.backup.feature) "
                + next + " (was " + installed + ") from " + newer), lastSystemEvent());
    }

    @Test
    void aModuleThatNeedsANewerCoreIsRefusedWithP2sReason() throws Exception {
        String installed = modules.installed(BACKUP).orElseThrow().version();
        String bundlesBefore = ProductCopy.bundles(product);
        long auditBefore = store.store.auditTrail().size();
        URI tooNew = variant("too-new", content -> {
            String unit = unit(content);
            String changed = release(unit, installed, "0.2.0.v20270601").replace("name='qms.core.feature.feature.group' range='[0.1.0,1.0.0)'",
                            "name='qms.core.feature.feature.group' range='[0.2.0,1.0.0)'");
            assertFalse(changed.equals(unit), "the core requirement is in the unit");
            return content.replace(unit, changed);
        });
        ModuleException refused = assertThrows(ModuleException.class, () -> changes.perform(Change.UPDATE, BACKUP,
                tooNew));
        assertTrue(refused.getMessage().contains("qms.core.feature.feature.group [0.2.0,1.0.0)"), refused
                .getMessage());
        assertTrue(refused.getMessage().endsWith("Nothing was changed."), refused.getMessage());
        assertEquals(installed, modules.installed(BACKUP).orElseThrow().version());
        assertEquals(bundlesBefore, ProductCopy.bundles(product));
        assertEquals(auditBefore, store.store.auditTrail().size(), "nothing audited: nothing changed");
    }

    @Test
    void aRepositoryWithAnAlteredJarIsRefused() throws Exception {
        assertTrue(changes.perform(Change.UNINSTALL, BACKUP, null).changed());
        deleteFromPool("qms.backup.core_"); // as the garbage collector of an installation that ran since
        Path copy = copyRepository("tampered");
        Path jar;
        try (Stream<Path> plugins = Files.list(copy.resolve("plugins"))) {
            jar = plugins.filter(p -> p.getFileName().toString().startsWith("qms.backup.core_")).findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 0x5a; // one byte of the jar changed, its size the same
        Files.write(jar, bytes, StandardOpenOption.TRUNCATE_EXISTING);

        ModuleException refused = assertThrows(ModuleException.class, () -> changes.perform(Change.INSTALL, BACKUP,
                copy.toUri()));
        // p2 refuses it where it first notices: its checksum, or reading the jar's entries (a changed byte inside
        // compressed content breaks the zip before the checksum is compared); either way it names the file
        assertTrue(refused.getMessage().contains("was altered or damaged") && refused.getMessage().contains(
                "qms.backup.core"), refused.getMessage());
        assertFalse(ProductCopy.bundles(product).contains("qms.backup.core,"), "not installed");
        assertTrue(modules.installed(BACKUP).isEmpty());
        assertTrue(lastSystemEvent().startsWith("Module uninstalled"), "no install audited: " + lastSystemEvent());

        assertTrue(changes.perform(Change.INSTALL, BACKUP, ProductCopy.REPOSITORY.toUri()).changed(),
                "the build's own repository installs it");
        assertTrue(ProductCopy.bundles(product).contains("qms.backup.core,"));
    }

    @Test
    void theBuildsOwnJarsAreSignedByTheTrustedPublisher() throws Exception {
        List<Path> jars = new java.util.ArrayList<>(List.of(backupCore(ProductCopy.REPOSITORY)));
        try (Stream<Path> plugins = Files.list(product.resolve("plugins"))) {
            jars.addAll(plugins.filter(p -> p.getFileName().toString().startsWith("qms.")).toList());
        }
        assertTrue(jars.size() > 20, jars.toString());
        for (Path jar : jars) { // the repository's, and the product's core and modules
            try (java.util.jar.JarFile signed = new java.util.jar.JarFile(jar.toFile(), true)) {
                assertTrue(signed.stream().anyMatch(e -> e.getName().equals("META-INF/PUBLISHE.RSA")), jar
                        + " is signed by the build's publisher");
            }
        }
        assertTrue(Files.readString(product.resolve("qms-trusted-publishers.pem")).contains("BEGIN CERTIFICATE"));
    }

    @Test
    void unsignedModuleContentIsRefused() throws Exception {
        URI repository = altered("unsigned", jar -> unsign(jar));
        ModuleException refused = assertThrows(ModuleException.class, () -> changes.perform(Change.INSTALL, BACKUP,
                repository));
        assertTrue(refused.getMessage().contains("unsigned: qms.backup.core_"), refused.getMessage());
        assertTrue(modules.installed(BACKUP).isEmpty());
        assertFalse(ProductCopy.bundles(product).contains("qms.backup.core,"));
    }

    @Test
    void moduleContentSignedByAnotherPublisherIsRefused() throws Exception {
        Path keys = dir.resolve("other.p12");
        run("keytool", "-genkeypair", "-alias", "other", "-keystore", keys.toString(), "-storetype", "PKCS12",
                "-storepass", "other-secret", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-dname",
                "CN=Somebody Else, O=Not the CRO");
        URI repository = altered("other-publisher", jar -> {
            unsign(jar);
            run("jarsigner", "-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass", "other-secret",
                    jar.toString(), "other");
        });
        ModuleException refused = assertThrows(ModuleException.class, () -> changes.perform(Change.INSTALL, BACKUP,
                repository));
        assertTrue(refused.getMessage().contains("signed by \"CN=Somebody Else,O=Not the CRO\", a publisher this"
                + " installation does not trust"), refused.getMessage());
        assertTrue(modules.installed(BACKUP).isEmpty());
        assertFalse(ProductCopy.bundles(product).contains("qms.backup.core,"));
    }

    private interface JarChange {
        void apply(Path jar) throws Exception;
    }

    /**
     * The backup module uninstalled from the copy and its core jar gone from its pool, then a copy of the build's
     * repository whose qms.backup.core jar {@code change} altered, with the checksums and sizes in artifacts.xml
     * made to match — as someone with write access to a repository would, so only the signature can tell.
     */
    private URI altered(String name, JarChange change) throws Exception {
        assertTrue(changes.perform(Change.UNINSTALL, BACKUP, null).changed());
        deleteFromPool("qms.backup.core_");
        Path copy = copyRepository(name);
        Path jar = backupCore(copy);
        change.apply(jar);
        String artifacts;
        try (ZipFile zip = new ZipFile(copy.resolve("artifacts.jar").toFile())) {
            artifacts = new String(zip.getInputStream(zip.getEntry("artifacts.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("(?s)<artifact classifier='osgi.bundle' id='qms.backup.core' .*?</artifact>")
                .matcher(artifacts);
        assertTrue(m.find());
        byte[] bytes = Files.readAllBytes(jar);
        String entry = m.group().replaceAll("(name='(?:artifact|download)\\.size' value=')\\d+'", "$1" + bytes.length
                + "'");
        for (String algorithm : List.of("sha-512", "sha-256", "sha-1", "md5")) {
            String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm
                    .toUpperCase(java.util.Locale.ROOT)).digest(bytes));
            entry = entry.replaceAll("(name='download\\.checksum\\." + Pattern.quote(algorithm) + "' value=')[0-9a-f]+'",
                    "$1" + digest + "'");
        }
        Files.delete(copy.resolve("artifacts.jar"));
        Files.delete(copy.resolve("artifacts.xml.xz"));
        Files.writeString(copy.resolve("artifacts.xml"), artifacts.replace(m.group(), entry));
        Files.writeString(copy.resolve("p2.index"), "version=1\nmetadata.repository.factory.order=content.xml.xz,"
                + "content.xml,\\!\nartifact.repository.factory.order=artifacts.xml,\\!\n");
        return copy.toUri();
    }

    private static Path backupCore(Path repository) throws IOException {
        try (Stream<Path> plugins = Files.list(repository.resolve("plugins"))) {
            return plugins.filter(p -> p.getFileName().toString().startsWith("qms.backup.core_")).findFirst()
                    .orElseThrow();
        }
    }

    /** The jar without its signature files. */
    private static void unsign(Path jar) throws IOException {
        Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(jar));
                java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.getName().matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
            }
        }
        Files.move(out, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void run(String tool, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", tool)
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), tool + ": " + out);
    }

    private void deleteFromPool(String prefix) throws IOException {
        try (Stream<Path> plugins = Files.list(product.resolve("plugins"))) {
            for (Path p : plugins.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                Files.delete(p);
            }
        }
    }

    private String lastSystemEvent() {
        List<qms.core.AuditEntry> all = store.store.auditTrail().page(0, (int) store.store.auditTrail().size());
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).action() == AuditAction.SYSTEM && all.get(i).newValue().startsWith("Module ")) {
                return all.get(i).newValue();
            }
        }
        return "";
    }

    /** The backup module's feature group unit in a repository's content.xml. */
    private static String unit(String content) {
        Matcher m = Pattern.compile("(?s)" + Pattern.quote(GROUP_UNIT) + ".*?</unit>").matcher(content);
        assertTrue(m.find(), "the module's unit");
        return m.group();
    }

    /**
     * The module's unit as its next release would have it: the version, what it provides, and the versions it
     * updates (p2 offers an update only to a unit whose update range covers the installed version).
     */
    private static String release(String unit, String installed, String next) {
        String released = unit.replace(GROUP_UNIT + installed + "'", GROUP_UNIT + next + "'").replace(
                "name='qms.backup.feature.feature.group' version='" + installed + "'",
                "name='qms.backup.feature.feature.group' version='" + next + "'").replace("range='[0.0.0," + installed
                        + ")'", "range='[0.0.0," + next + ")'");
        assertEquals(3, (released.length() - released.replace(next, "").length()) / next.length(), released);
        return released;
    }

    private Path copyRepository(String name) throws IOException {
        return ProductCopy.copy(ProductCopy.REPOSITORY, dir.resolve(name));
    }

    /** A copy of the build's repository whose metadata {@code edit} changed (a plain content.xml). */
    private URI variant(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path copy = copyRepository(name);
        String content;
        try (ZipFile jar = new ZipFile(copy.resolve("content.jar").toFile())) {
            content = new String(jar.getInputStream(jar.getEntry("content.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        String edited = edit.apply(content);
        assertFalse(edited.equals(content), "the metadata was changed");
        Files.delete(copy.resolve("content.jar"));
        Files.delete(copy.resolve("content.xml.xz"));
        Files.writeString(copy.resolve("content.xml"), edited);
        Files.writeString(copy.resolve("p2.index"), "version=1\nmetadata.repository.factory.order=content.xml,\\!\n"
                + "artifact.repository.factory.order=artifacts.xml.xz,artifacts.xml,\\!\n");
        return copy.toUri();
    }
}
