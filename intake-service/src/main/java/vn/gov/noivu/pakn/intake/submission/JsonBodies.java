package vn.gov.noivu.pakn.intake.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.noivu.pakn.commons.problem.ProblemException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads JSON request bodies strictly: invalid UTF-8 is a 400 problem ({@code invalid-utf8}) instead of being
 * silently replaced, malformed JSON a 400 ({@code malformed-json}, through the shared mapper).
 */
@ApplicationScoped
public class JsonBodies {

    @Inject
    ObjectMapper mapper;

    public <T> T read(byte[] body, Class<T> type) {
        String text = utf8(body);
        if (text.isBlank()) {
            throw ProblemException.badRequest("empty-body", "thiếu nội dung JSON");
        }
        try {
            return mapper.readValue(text, type);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("(gốc)");
            throw new ProblemException(400, "malformed-json", "Nội dung JSON không hợp lệ",
                    "kiểu dữ liệu sai ở trường " + field);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed-json", "Nội dung JSON không hợp lệ",
                    "JSON không đúng cú pháp (dòng " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                            + ", cột " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ")");
        }
    }

    public static String utf8(byte[] body) {
        if (body == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("invalid-utf8", "nội dung không phải văn bản UTF-8 hợp lệ");
        }
    }

    /** SHA-256 of the JSON form of a (normalised) request: equal requests have equal fingerprints. */
    public String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
