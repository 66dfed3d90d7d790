package vn.gov.noivu.pakn.commons.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vietnamese text as the system stores and compares it: NFC for storage (the same word typed with precomposed or
 * combining marks is one word), and a folded form for diacritic-insensitive matching ("Thủ tục" and "thu tuc"; đ → d).
 */
public final class VietnameseText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    private VietnameseText() {
    }

    /** NFC, control characters other than newline and tab removed, trimmed; null stays null. */
    public static String nfc(String s) {
        if (s == null) {
            return null;
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFC).replace("\r\n", "\n");
        return CONTROL.matcher(n).replaceAll("").strip();
    }

    /** Lower case without diacritics, đ folded to d, spaces collapsed: "Thủ tục ĐẤT đai" → "thu tuc dat dai". */
    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        d = MARKS.matcher(d).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(d.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
