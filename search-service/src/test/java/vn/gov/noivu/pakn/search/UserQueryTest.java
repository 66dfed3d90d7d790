package vn.gov.noivu.pakn.search;

import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.search.query.UserQuery;

import java.text.Normalizer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How the search box's text splits into codes, strict parts and free text. */
class UserQueryTest {

    @Test
    void freeTextOnly() {
        UserQuery q = UserQuery.parse("  nơi thừa nơi thiếu  ");
        assertEquals("nơi thừa nơi thiếu", q.free());
        assertEquals(List.of(), q.required());
        assertEquals(List.of(), q.excluded());
        assertEquals(List.of(), q.codes());
    }

    @Test
    void quotesPlusAndMinus() {
        UserQuery q = UserQuery.parse("\"một cửa\" phần mềm +lỗi -“thiết bị” -máy");
        assertEquals("phần mềm", q.free());
        assertEquals(List.of("một cửa", "lỗi"), q.required());
        assertEquals(List.of("thiết bị", "máy"), q.excluded());
    }

    @Test
    void hyphensInsideWordsAndLoneSignsAreText() {
        UserQuery q = UserQuery.parse("kinh tế - xã hội KT-XH +");
        assertEquals("kinh tế xã hội KT-XH", q.free());
        assertEquals(List.of(), q.excluded());
    }

    @Test
    void unmatchedQuoteIsDropped() {
        UserQuery q = UserQuery.parse("\"bộ phận một cửa");
        assertEquals("bộ phận một cửa", q.free());
        assertEquals(List.of(), q.required());
    }

    @Test
    void caseCodesInAnySpelling() {
        for (String typed : List.of("PAKN-2026-000123", "pakn-2026-000123", "PAKN2026000123", "pakn 2026 000123",
                "Pakn-2026-123")) {
            UserQuery q = UserQuery.parse(typed);
            assertEquals(List.of("PAKN-2026-000123"), q.codes(), typed);
            assertNull(q.free(), typed);
        }
        UserQuery q = UserQuery.parse("hồ sơ pakn-2026-000123 đất đai");
        assertEquals(List.of("PAKN-2026-000123"), q.codes());
        assertEquals("hồ sơ đất đai", q.free());
    }

    @Test
    void decomposedInputIsComposed() {
        String nfd = Normalizer.normalize("thủ tục hành chính", Normalizer.Form.NFD);
        assertEquals("thủ tục hành chính", UserQuery.parse(nfd).free());
    }
}
