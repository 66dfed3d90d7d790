package vn.gov.noivu.pakn.search.query;

import vn.gov.noivu.pakn.search.indexing.CaseDocumentMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Highlights come back from Elasticsearch with private-use marker characters around the hits (markers are stripped
 * from every indexed text, so users cannot forge them). Here they become either HTML whose only tags are our own
 * {@code <em>}, with all user text escaped, or plain segments a template renders with its default escaping.
 */
public final class Highlights {

    public static final String PRE = String.valueOf(CaseDocumentMapper.HL_START);
    public static final String POST = String.valueOf(CaseDocumentMapper.HL_END);

    /** A piece of highlighted text; {@code hit} pieces matched the query. */
    public record Segment(String text, boolean hit) {
    }

    private Highlights() {
    }

    public static List<Segment> segments(String marked) {
        List<Segment> out = new ArrayList<>();
        if (marked == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean hit = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == CaseDocumentMapper.HL_START || c == CaseDocumentMapper.HL_END) {
                if (!cur.isEmpty()) {
                    out.add(new Segment(cur.toString(), hit));
                    cur.setLength(0);
                }
                hit = c == CaseDocumentMapper.HL_START;
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(new Segment(cur.toString(), hit));
        }
        return out;
    }

    /** Escaped HTML with {@code <em>} around hits. */
    public static String toHtml(String marked) {
        if (marked == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments(marked)) {
            if (s.hit()) {
                sb.append("<em>").append(escape(s.text())).append("</em>");
            } else {
                sb.append(escape(s.text()));
            }
        }
        return sb.toString();
    }

    public static String plain(String marked) {
        return marked == null ? null : marked.replace(PRE, "").replace(POST, "");
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
