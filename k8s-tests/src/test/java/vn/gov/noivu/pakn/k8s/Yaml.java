package vn.gov.noivu.pakn.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** YAML reading and writing (Jackson YAML) plus tree helpers shared by the renderer and the checks. */
final class Yaml {

    static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Yaml() {
    }

    /** Every non-empty document of a (multi-document) YAML text, each must be a mapping. */
    static List<ObjectNode> readAll(String text, String origin) {
        List<ObjectNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n == null || n.isNull() || n.isMissingNode()) {
                    continue;
                }
                if (!n.isObject()) {
                    throw new IllegalArgumentException(origin + ": a document is not a mapping");
                }
                out.add((ObjectNode) n);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": invalid YAML: " + e.getMessage(), e);
        }
        return out;
    }

    static List<ObjectNode> readAll(Path file) {
        return readAll(read(file), file.toString());
    }

    static JsonNode readTree(String text, String origin) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": invalid YAML: " + e.getMessage(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(List<? extends JsonNode> docs) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode d : docs) {
            if (!sb.isEmpty()) {
                sb.append("---\n");
            }
            try {
                sb.append(MAPPER.writeValueAsString(d));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.toString();
    }

    static String text(JsonNode n, String... path) {
        JsonNode c = at(n, path);
        return c == null || c.isNull() || c.isMissingNode() ? null : c.asText();
    }

    static JsonNode at(JsonNode n, String... path) {
        JsonNode c = n;
        for (String p : path) {
            if (c == null) {
                return null;
            }
            c = c.get(p);
        }
        return c;
    }

    static Iterable<JsonNode> each(JsonNode array) {
        return array == null || !array.isArray() ? List.of() : array::elements;
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode obj) {
        if (obj == null || !obj.isObject()) {
            return List.of();
        }
        return () -> {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            return it;
        };
    }

    /** A copy where every number is a BigDecimal node, so trees from different parsers compare equal. */
    static JsonNode normalize(JsonNode n) {
        if (n.isNumber()) {
            return F.numberNode(new BigDecimal(n.asText()).stripTrailingZeros());
        }
        if (n.isObject()) {
            ObjectNode o = F.objectNode();
            n.fields().forEachRemaining(e -> o.set(e.getKey(), normalize(e.getValue())));
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = F.arrayNode();
            n.forEach(e -> a.add(normalize(e)));
            return a;
        }
        return n;
    }
}
