package qms.ui.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.widgets.MenuItem;
import org.junit.jupiter.api.Test;

import qms.ui.testing.Bot;
import qms.ui.testing.WorkbenchBot;

/**
 * The suite without any module (this test runtime holds the platform and core features only, like a product built
 * without qms.backup.feature, qms.capa.feature, qms.sop.feature or qms.vendor.feature): it starts, signs in and works, and nothing of a
 * module shows.
 */
class WithoutModulesTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();

    @Test
    void theCoreRunsWithoutAnyModule() {
        for (String module : List.of("qms.backup.model", "qms.backup.core", "qms.backup.ui", "qms.capa.model",
                "qms.capa.core", "qms.capa.ui", "qms.sop.model", "qms.sop.core", "qms.sop.ui", "qms.vendor.model",
                "qms.vendor.core", "qms.vendor.ui")) {
            assertNull(Platform.getBundle(module), module + " is not installed here");
        }
        List<String> menus = bot.syncExec(() -> Arrays.stream(workbench.shell().widget().getMenuBar().getItems())
                .map(MenuItem::getText).map(t -> t.replace("&", "")).toList());
        assertEquals(List.of("File", "Edit", "Window", "Help"), menus, "no Backup, CAPA or Incident Response menu");
        List<String> groups = workbench.view("Records").bot().tree().items();
        assertTrue(groups.stream().anyMatch(g -> g.startsWith("Computerized Systems (")), groups.toString());
        for (String module : List.of("Backup", "CAPA", "SOP", "Incident", "Vendor ", "Service ", "KPI")) {
            assertFalse(groups.stream().anyMatch(g -> g.startsWith(module)), groups.toString());
        }
    }

    @Test
    void theDashboardSaysThatNoModuleContributesFigures() {
        workbench.menu("Window", "Dashboard").click();
        qms.ui.testing.EditorBot editor = workbench.editor("Dashboard");
        qms.ui.dashboard.DashboardEditor part = bot.syncExec(() -> (qms.ui.dashboard.DashboardEditor) editor
                .reference().getEditor(false));
        bot.waitUntil(() -> bot.syncExec(() -> !part.loading()), "the figures computed");
        assertEquals(List.of(), part.sections(), "no module, no section");
        assertTrue(editor.bot().labelTexts().stream().anyMatch(t -> t.startsWith(
                "No installed module shows figures here. Help \u203a Modules\u2026 installs")), editor.bot()
                        .labelTexts().toString());
        assertFalse(editor.bot().button("Export PDF\u2026").isEnabled(), "nothing to export");
        editor.close();
    }
}
