package vn.gov.noivu.pakn.commons.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class VietnameseTextTest {

    @Test
    void nfcJoinsCombiningMarks() {
        String decomposed = "Thu\u0309 tu\u0323c"; // "Thủ tục" typed with combining marks
        assertNotEquals("Thủ tục", decomposed);
        assertEquals("Thủ tục", VietnameseText.nfc(decomposed));
    }

    @Test
    void foldRemovesToneMarksAndD() {
        assertEquals("thu tuc hanh chinh cap xa cham", VietnameseText.fold("Thủ tục hành chính cấp xã chậm"));
        assertEquals("dang ky dat dai", VietnameseText.fold("Đăng ký  đất đai"));
        assertEquals("nguoi uy quyen", VietnameseText.fold("NGƯỜI ỦY QUYỀN"));
    }

    @Test
    void nfcDropsControlCharactersButKeepsLines() {
        assertEquals("a\nb", VietnameseText.nfc(" a\r\nb\u0007 "));
    }
}
