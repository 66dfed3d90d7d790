package vn.gov.noivu.pakn.search.query;

import vn.gov.noivu.pakn.commons.text.VietnameseText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a leader typed in the search box, split into the parts the ranked query treats differently:
 * case codes ({@code PAKN-2026-000123}, also lower case, with spaces or without dashes), strict parts the user asked
 * for ({@code "quoted phrase"} and {@code +word} must match, {@code -word} / {@code -"phrase"} must not), and the
 * free text, of which most words must match. Input is NFC-normalised first (decomposed text from some keyboards).
 */
public record UserQuery(List<String> codes, String free, List<String> required, List<String> excluded) {

    /** PAKN, a 4-digit year and the case number; separators optional. */
    private static final Pattern CODE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])pakn[\\s_\\-./]*(\\d{4})[\\s_\\-./]*(\\d{1,9})(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A quoted phrase (straight or typographic quotes) or a bare token, optionally prefixed by + or -. */
    private static final Pattern PART = Pattern.compile(
            "([+\\-]?)(?:[\"“”„]([^\"“”„]*)[\"“”„]|(\\S+))");

    public UserQuery {
        codes = List.copyOf(codes);
        required = List.copyOf(required);
        excluded = List.copyOf(excluded);
        free = free == null || free.isBlank() ? null : free.strip();
    }

    public static UserQuery parse(String raw) {
        String q = VietnameseText.nfc(raw);
        List<String> codes = new ArrayList<>();
        if (q == null) {
            return new UserQuery(codes, null, List.of(), List.of());
        }
        Matcher m = CODE.matcher(q);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            String number = m.group(2);
            String code = "PAKN-" + m.group(1) + "-" + (number.length() < 6 ? "0".repeat(6 - number.length()) + number
                    : number);
            if (!codes.contains(code)) {
                codes.add(code);
            }
            m.appendReplacement(rest, " ");
        }
        m.appendTail(rest);
        // an unmatched quote is not an operator: drop it rather than swallowing the rest of the query
        String text = rest.toString();
        if (countQuotes(text) % 2 == 1) {
            int last = lastQuote(text);
            text = text.substring(0, last) + " " + text.substring(last + 1);
        }
        List<String> free = new ArrayList<>();
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        Matcher p = PART.matcher(text);
        while (p.find()) {
            String sign = p.group(1);
            String phrase = p.group(2);
            String word = p.group(3);
            String value = (phrase != null ? phrase : word).strip();
            if (value.isEmpty() || !hasWordCharacter(value)) {
                continue;
            }
            if ("-".equals(sign)) {
                excluded.add(value);
            } else if ("+".equals(sign) || phrase != null) {
                required.add(value);
            } else {
                free.add(value);
            }
        }
        return new UserQuery(codes, String.join(" ", free), required, excluded);
    }

    private static boolean hasWordCharacter(String s) {
        return s.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static int countQuotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += isQuote(s.charAt(i)) ? 1 : 0;
        }
        return n;
    }

    private static int lastQuote(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (isQuote(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '“' || c == '”' || c == '„';
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "codes=%s free=%s required=%s excluded=%s", codes, free, required, excluded);
    }
}
