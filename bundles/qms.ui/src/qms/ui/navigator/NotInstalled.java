package qms.ui.navigator;

import java.text.NumberFormat;
import java.util.Map;
import java.util.stream.Collectors;

import qms.ui.internal.Messages;

/**
 * The navigator's last node when the store holds records of a module that is not installed (uninstalled, or not
 * yet installed on this machine): how many, by stored type. Not an error: the records stay untouched in the
 * database, with their audit trail, and show again when the module is installed.
 */
record NotInstalled(Map<String, Long> counts) {

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The modules, by the package prefix of their type names ("backup" of "backup:BackupPolicy"). */
    long modules() {
        return counts.keySet().stream().map(t -> t.substring(0, Math.max(0, t.indexOf(':')))).distinct().count();
    }

    /** "2,310 records of a module that is not installed". */
    String label() {
        String n = NumberFormat.getIntegerInstance().format(total());
        return modules() == 1 ? Messages.bind(Messages.Navigator_notInstalled, n) : Messages.bind(
                Messages.Navigator_notInstalledModules, n, modules());
    }

    /** One line a type: "backup:BackupPolicy  12". */
    String details() {
        NumberFormat f = NumberFormat.getIntegerInstance();
        return Messages.bind(Messages.Navigator_notInstalledDetails, counts.entrySet().stream().map(e -> e.getKey()
                + "  " + f.format(e.getValue())).collect(Collectors.joining("\n")));
    }
}
