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

    /**
     * Lower case without diacritics, đ folded to d, spaces collapsed: "Thủ tục ĐẤT đai" → "thu tuc dat dai".
     * <p>
     * Text in Latin letters (Vietnamese included), combining marks and plain spaces is folded one character at a time
     * from a table built with {@link #foldSlow} itself; anything else (other scripts, tabs, line breaks, other spaces)
     * takes {@link #foldSlow}. Both give the same string (VietnameseTextTest compares them on every character and on
     * mixed texts): decomposing, dropping marks and lower-casing work character by character for these characters,
     * and the only spaces are the ones collapsed here. The grouping of recurring issues folds every word of every case
     * several times; the table makes that a lookup instead of a normalisation and two regular expressions.
     */
    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        StringBuilder b = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String f = c < FOLDED.length ? FOLDED[c] : null;
            if (f == null) {
                return foldSlow(s);
            }
            if (b == null) {
                b = new StringBuilder(n);
            }
            if (c == ' ') {
                // spaces collapsed and stripped (no folded character is a space, so only the input's spaces count)
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                    b.append(' ');
                }
            } else {
                b.append(f);
            }
        }
        if (b == null) {
            return "";
        }
        int end = b.length();
        if (end > 0 && b.charAt(end - 1) == ' ') {
            b.setLength(end - 1);
        }
        return b.toString();
    }

    /** {@link #fold} by its definition: NFD, marks removed, đ → d, lower case, whitespace collapsed, stripped. */
    static String foldSlow(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        d = MARKS.matcher(d).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(d.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /**
     * The fold of each character that {@link #fold} may fold alone (null: the whole text takes {@link #foldSlow}):
     * Basic Latin, Latin-1, Latin Extended-A and -B (U+0000–U+024F), the combining diacritical marks (U+0300–U+036F)
     * and Latin Extended Additional (U+1E00–U+1EFF, most Vietnamese letters with a tone); control characters and every
     * whitespace character but the plain space excluded, and any character whose fold is not one or no character
     * without spaces.
     */
    private static final String[] FOLDED = new String[0x1F00];

    static {
        for (int c = 0; c < FOLDED.length; c++) {
            boolean latin = c < 0x250 || c >= 0x300 && c < 0x370 || c >= 0x1E00;
            if (!latin || Character.isISOControl(c) || Character.isWhitespace(c) && c != ' '
                    || Character.isSpaceChar(c) && c != ' ') {
                continue;
            }
            if (c == ' ') {
                FOLDED[c] = " ";
                continue;
            }
            String f = foldSlow(String.valueOf((char) c));
            if (f.length() <= 1 && f.chars().noneMatch(Character::isWhitespace)) {
                FOLDED[c] = f;
            }
        }
    }
}
