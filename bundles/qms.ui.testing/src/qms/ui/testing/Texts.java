package qms.ui.testing;

import java.util.Collection;
import java.util.stream.Collectors;

/** Text normalisation shared by the finders. */
final class Texts {

    private Texts() {
    }

    /** Removes SWT mnemonic markers: a single '&amp;' is dropped, "&amp;&amp;" becomes '&amp;'. */
    static String stripMnemonics(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '&') {
                    out.append('&');
                    i++;
                }
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Label comparison key: no mnemonics, trimmed, without trailing ':' and '*' characters. */
    static String labelKey(String text) {
        String key = stripMnemonics(text).trim();
        while (!key.isEmpty() && (key.endsWith(":") || key.endsWith("*"))) {
            key = key.substring(0, key.length() - 1).trim();
        }
        return key;
    }

    /** Menu item comparison key: no accelerator text after a tab, no mnemonics, trimmed. */
    static String menuKey(String text) {
        if (text == null) {
            return "";
        }
        int tab = text.indexOf('\t');
        String withoutAccelerator = tab >= 0 ? text.substring(0, tab) : text;
        return stripMnemonics(withoutAccelerator).trim();
    }

    /** Formats strings as a readable list: ['a', 'b']. */
    static String quoted(Collection<String> texts) {
        return texts.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
