package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** RFC 6902 JSON Patch (add, remove, replace, test) on Jackson trees; paths are RFC 6901 pointers. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode doc, ArrayNode ops, String origin) {
        for (JsonNode op : ops) {
            String kind = op.path("op").asText();
            List<String> path = pointer(op.path("path").asText());
            if (path.isEmpty()) {
                throw new IllegalArgumentException(origin + ": whole-document operations unsupported");
            }
            JsonNode parent = doc;
            for (String p : path.subList(0, path.size() - 1)) {
                parent = parent.isArray() ? parent.get(Integer.parseInt(p)) : parent.get(p);
                if (parent == null) {
                    throw new IllegalArgumentException(origin + ": path does not exist: " + op.path("path").asText());
                }
            }
            String last = path.get(path.size() - 1);
            JsonNode value = op.get("value");
            switch (kind) {
                case "add" -> {
                    if (parent instanceof ArrayNode a) {
                        if (last.equals("-")) {
                            a.add(value.deepCopy());
                        } else {
                            a.insert(Integer.parseInt(last), value.deepCopy());
                        }
                    } else {
                        ((ObjectNode) parent).set(last, value.deepCopy());
                    }
                }
                case "replace", "remove", "test" -> {
                    JsonNode current = parent instanceof ArrayNode a ? a.get(Integer.parseInt(last)) : parent.get(last);
                    if (current == null) {
                        throw new IllegalArgumentException(origin + ": " + kind + " of a missing path: "
                                + op.path("path").asText());
                    }
                    if (kind.equals("test")) {
                        if (!Yaml.normalize(current).equals(Yaml.normalize(value))) {
                            throw new IllegalArgumentException(origin + ": test failed at " + op.path("path").asText());
                        }
                    } else if (kind.equals("remove")) {
                        if (parent instanceof ArrayNode a) {
                            a.remove(Integer.parseInt(last));
                        } else {
                            ((ObjectNode) parent).remove(last);
                        }
                    } else if (parent instanceof ArrayNode a) {
                        a.set(Integer.parseInt(last), value.deepCopy());
                    } else {
                        ((ObjectNode) parent).set(last, value.deepCopy());
                    }
                }
                default -> throw new IllegalArgumentException(origin + ": unsupported op " + kind);
            }
        }
    }

    static List<String> pointer(String p) {
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("not a JSON pointer: " + p);
        }
        for (String s : p.substring(1).split("/", -1)) {
            out.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }
}
