package qms.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot key file: random, owner-only, never overwritten, refused when others can read it. */
class BootKeyTest {

    @TempDir
    Path dir;

    @Test
    void aNewKeyIsRandomAndOnlyItsOwnerCanReadIt() throws IOException {
        Path file = dir.resolve("keys").resolve("a.key");
        String a = BootKey.create(file);
        String b = BootKey.create(dir.resolve("keys").resolve("b.key"));
        assertEquals(64, a.length());
        assertNotEquals(a, b);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(a, BootKey.read(file));
    }

    @Test
    void anExistingKeyIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("a.key");
        String a = BootKey.create(file);
        assertThrows(StoreException.class, () -> BootKey.create(file));
        assertEquals(a, BootKey.read(file));
    }

    @Test
    void aKeyOthersCanReadIsRefusedWithTheFix() throws IOException {
        Path file = dir.resolve("a.key");
        BootKey.create(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        StoreException e = assertThrows(StoreException.class, () -> BootKey.read(file));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void theDefaultKeyIsOutsideTheDefaultDataDirectory() {
        Path key = BootKey.defaultKeyFile("s1");
        assertTrue(key.endsWith(Path.of("cro-qms", "keys", "s1.key")), key.toString());
        assertTrue(!key.startsWith(StoreConfig.defaultDataDirectory()), key + " inside the data directory");
    }

    @Test
    void keysGoUnderTheXdgConfigurationFolderWhenOneIsSetElseUnderDotConfig() {
        assertEquals(java.nio.file.Path.of("/srv/conf/cro-qms/keys"), BootKey.keyFolder("/srv/conf", "/home/ada"));
        assertEquals(java.nio.file.Path.of("/home/ada/.config/cro-qms/keys"), BootKey.keyFolder(null, "/home/ada"));
        assertEquals(java.nio.file.Path.of("/home/ada/.config/cro-qms/keys"), BootKey.keyFolder(" ", "/home/ada"));
        assertEquals(BootKey.defaultKeyFolder().resolve("s1.key"), BootKey.defaultKeyFile("s1"));
    }
}
