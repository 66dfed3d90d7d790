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
    void foldByTableEqualsFoldByDefinitionOnEveryCharacter() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = String.valueOf((char) c);
            assertEquals(VietnameseText.foldSlow(s), VietnameseText.fold(s), () -> "U+" + Integer.toHexString(s.charAt(0)));
            String word = "a" + s + "b";
            assertEquals(VietnameseText.foldSlow(word), VietnameseText.fold(word), () -> "a U+" + Integer.toHexString(s.charAt(0)) + " b");
        }
    }

    @Test
    void foldByTableEqualsFoldByDefinitionOnMixedTexts() {
        String pool = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯZ0123456789 .,;-\t\n\u00a0\u2003\u0301\u0300\u0309\u0303\u0323"
                + "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁỲỸỰİıßÆǄΣσςЖж中\uD83D\uDE00";
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(0, 24);
            for (int i = 0; i < len; i++) {
                b.append(pool.charAt(random.nextInt(pool.length())));
            }
            String s = b.toString();
            assertEquals(VietnameseText.foldSlow(s), VietnameseText.fold(s), () -> "text: " + s.codePoints()
                    .mapToObj(Integer::toHexString).toList());
        }
        assertEquals("", VietnameseText.fold("  \u0301 "));
        assertEquals("a b", VietnameseText.fold(" a \u0301  b "));
    }

    @Test
    void nfcDropsControlCharactersButKeepsLines() {
        assertEquals("a\nb", VietnameseText.nfc(" a\r\nb\u0007 "));
    }
}
