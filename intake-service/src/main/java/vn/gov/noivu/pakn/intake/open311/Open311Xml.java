package vn.gov.noivu.pakn.intake.open311;

import java.util.List;
import java.util.Map;

/** Writes Open311 GeoReport v2 XML: maps become elements, lists repeat their singular element name. */
final class Open311Xml {

    private static final Map<String, String> SINGULAR = Map.of(
            "services", "service", "service_requests", "request", "endpoints", "endpoint", "formats", "format",
            "attributes", "attribute", "values", "value", "errors", "error", "keywords", "keyword");

    private Open311Xml() {
    }

    static String document(String root, Object value) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        element(sb, root, value);
        return sb.toString();
    }

    private static void element(StringBuilder sb, String name, Object value) {
        if (value == null) {
            sb.append('<').append(name).append("/>");
            return;
        }
        sb.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                element(sb, e.getKey().toString(), e.getValue());
            }
        } else if (value instanceof List<?> list) {
            String item = SINGULAR.getOrDefault(name, "item");
            for (Object o : list) {
                element(sb, item, o);
            }
        } else {
            escape(sb, value.toString());
        }
        sb.append("</").append(name).append('>');
    }

    static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        continue; // not allowed in XML 1.0
                    }
                    sb.append(c);
                }
            }
        }
    }
}
