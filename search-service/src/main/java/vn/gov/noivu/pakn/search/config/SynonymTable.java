package vn.gov.noivu.pakn.search.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.gov.noivu.pakn.commons.text.VietnameseText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one table of Vietnamese abbreviations and paraphrases ({@value #RESOURCE}), read by both users of it: the search
 * analyzer's synonym filter (IndexManager puts the {@code [abbreviations]} lines into the index settings) and the
 * features of recurring issues (TextClusterer: every section). Each line is a group of forms, comma separated, the first
 * one canonical; see the file's header for what each user does with them.
 */
public final class SynonymTable {

    public static final String RESOURCE = "elasticsearch/synonyms-vi.txt";
    public static final String SETTINGS = "elasticsearch/settings.json";

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** A line of the table: its forms as words (lower case, NFC, with diacritics), the canonical form first. */
    public record Group(boolean abbreviation, List<List<String>> forms, String line) {

        public List<String> canonical() {
            return forms.getFirst();
        }
    }

    private static final SynonymTable TABLE = load();

    private final List<Group> groups;

    private SynonymTable(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    public static SynonymTable get() {
        return TABLE;
    }

    public List<Group> groups() {
        return groups;
    }

    /** The lines the search analyzer expands (Solr synonym format, every form matching every other). */
    public List<String> searchRules() {
        return groups.stream().filter(Group::abbreviation).map(Group::line).toList();
    }

    /**
     * The index settings ({@value #SETTINGS}) with this table's {@code [abbreviations]} lines as the synonyms of the
     * search analyzer's {@code vi_abbreviations} filter (settings.json leaves that list empty: the table is its one
     * source).
     */
    public static ObjectNode indexSettings(ObjectMapper mapper) throws IOException {
        try (InputStream in = SynonymTable.class.getClassLoader().getResourceAsStream(SETTINGS)) {
            if (in == null) {
                throw new IllegalStateException(SETTINGS + " is missing from the class path");
            }
            ObjectNode settings = (ObjectNode) mapper.readTree(in);
            ArrayNode synonyms = ((ObjectNode) settings.path("analysis").path("filter").path("vi_abbreviations"))
                    .putArray("synonyms");
            TABLE.searchRules().forEach(synonyms::add);
            return settings;
        }
    }

    /** Words of a text as the table writes them: NFC, lower case, split on anything but letters and digits. */
    public static List<String> words(String text) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return Arrays.stream(NON_WORD.split(lower)).filter(w -> !w.isEmpty()).toList();
    }

    /** The folded form of a word ("hđnd" → "hdnd"), how the table's forms are matched. */
    public static String fold(String word) {
        return VietnameseText.fold(word);
    }

    static SynonymTable load() {
        InputStream in = SynonymTable.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        List<Group> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String section = null;
            String line;
            while ((line = r.readLine()) != null) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (l.startsWith("[") && l.endsWith("]")) {
                    section = l.substring(1, l.length() - 1);
                    if (!section.equals("abbreviations") && !section.equals("paraphrases")) {
                        throw new IllegalStateException(RESOURCE + ": unknown section " + l);
                    }
                    continue;
                }
                if (section == null) {
                    throw new IllegalStateException(RESOURCE + ": a line before any section: " + l);
                }
                List<List<String>> forms = new ArrayList<>();
                for (String f : l.split(",")) {
                    List<String> w = words(f);
                    if (!w.isEmpty() && !forms.contains(w)) {
                        forms.add(w);
                    }
                }
                if (forms.size() < 2) {
                    throw new IllegalStateException(RESOURCE + ": a group needs two forms: " + l);
                }
                out.add(new Group(section.equals("abbreviations"), forms, l));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SynonymTable(out);
    }
}
