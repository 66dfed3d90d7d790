package vn.gov.noivu.pakn.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import vn.gov.noivu.pakn.events.CaseEventCodec;
import vn.gov.noivu.pakn.events.IntakeCaseData;
import vn.gov.noivu.pakn.events.Topics;
import vn.gov.noivu.pakn.intake.attachment.AttachmentStore;
import vn.gov.noivu.pakn.testsupport.KafkaResource;
import vn.gov.noivu.pakn.testsupport.PostgresResource;
import vn.gov.noivu.pakn.testsupport.TestTokens;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.noivu.pakn.intake.IntakeTesting.BA_DINH;
import static vn.gov.noivu.pakn.intake.IntakeTesting.NGOC_HA;
import static vn.gov.noivu.pakn.intake.IntakeTesting.caseBody;
import static vn.gov.noivu.pakn.intake.IntakeTesting.official;

/** Attachments at submission time: multipart POST, limits, storage, download, access. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
class AttachmentTest {

    static final String PDF_NAME = "Công văn số 12 – đề nghị hướng dẫn.pdf";
    static final String DOCX_NAME = "Biên bản họp dân ở thôn Đông.docx";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    AttachmentStore store;

    @ConfigProperty(name = "pakn.intake.attachments-dir")
    String attachmentsDir;

    static byte[] pdf(int size) {
        byte[] head = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[Math.max(size, head.length)];
        new Random(size).nextBytes(b);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    static byte[] docx() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                    + "</Types>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Biên bản</w:t></w:r></w:p></w:body></w:document>"
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    String caseJson(int commune, String title) throws Exception {
        return json.writeValueAsString(caseBody(commune, title));
    }

    static RequestSpecification multipart(String auth, Multipart mp) {
        return given().config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", auth).contentType(mp.contentType()).body(mp.body());
    }

    long count(String sql, Object param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    List<Path> staged() throws Exception {
        Path dir = Path.of(attachmentsDir).resolve(".staging");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void multipartSubmissionStoresFilesPublishesTheCountAndDownloadsIdenticalBytes() throws Exception {
        String title = "Hồ sơ kèm tệp " + UUID.randomUUID();
        byte[] pdf = pdf(300_000);
        byte[] docx = docx();
        // the client's Content-Type headers are ignored (types come from the bytes); the name arrives decomposed (NFD)
        Multipart mp = new Multipart().json("case", caseJson(BA_DINH, title))
                .file(Normalizer.normalize(PDF_NAME, Normalizer.Form.NFD), "application/octet-stream", pdf)
                .file("C:\\Users\\xa\\" + DOCX_NAME, "text/html", docx);
        Response r = multipart(official(BA_DINH), mp).post("/api/v1/cases");
        r.then().statusCode(201).body("attachmentCount", equalTo(2)).body("attachments", hasSize(2))
                .body("attachments.find { it.contentType == 'application/pdf' }.fileName", equalTo(PDF_NAME))
                .body("attachments.find { it.contentType == 'application/pdf' }.sizeBytes", equalTo(pdf.length))
                .body("attachments.find { it.fileName == '" + DOCX_NAME + "' }.contentType",
                        equalTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        String id = r.path("id");

        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("attachmentCount", equalTo(2)).body("attachments", hasSize(2));

        // the SUBMITTED CloudEvent carries the count
        List<ConsumerRecord<String, byte[]>> records = IntakeTesting.read(Topics.INTAKE_CASE_EVENTS,
                rec -> id.equals(rec.key()), l -> !l.isEmpty(), Duration.ofSeconds(60));
        assertEquals(1, records.size());
        IntakeCaseData data = CaseEventCodec.intakeData(CaseEventCodec.read(records.get(0).value()));
        assertEquals(2, data.attachmentCount());

        // stored under random names with their sha-256; never the client's name as a path
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, file_name, sha256, storage_path, size_bytes, uploaded_by from attachment where case_id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            ResultSet rs = ps.executeQuery();
            int n = 0;
            while (rs.next()) {
                n++;
                byte[] original = rs.getString(2).endsWith(".pdf") ? pdf : docx;
                assertEquals(sha256(original), rs.getString(3));
                assertEquals(id + "/" + rs.getString(1), rs.getString(4));
                Path file = Path.of(attachmentsDir).resolve(rs.getString(4));
                assertArrayEquals(original, Files.readAllBytes(file));
                assertEquals("commune-" + BA_DINH, rs.getString(6));
            }
            assertEquals(2, n);
        }
        assertTrue(staged().isEmpty(), "nothing left in the staging area");

        // download: identical bytes, stored type, Vietnamese name (RFC 5987), nosniff
        List<Map<String, Object>> attachments = r.path("attachments");
        for (Map<String, Object> a : attachments) {
            Response d = given().header("Authorization", official(BA_DINH)).get((String) a.get("href"));
            d.then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                    .contentType(equalTo(a.get("contentType")));
            byte[] original = a.get("fileName").equals(PDF_NAME) ? pdf : docx;
            assertEquals(sha256(original), sha256(d.asByteArray()));
            String disposition = d.header("Content-Disposition");
            assertTrue(disposition.startsWith("attachment;"), disposition);
            Matcher m = Pattern.compile("filename\\*=UTF-8''([^;\\s]+)").matcher(disposition);
            assertTrue(m.find(), disposition);
            assertEquals(a.get("fileName"), URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8));
            assertTrue(disposition.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F), "header is ASCII: " + disposition);
        }
        String pdfHref = attachments.stream().filter(a -> a.get("fileName").equals(PDF_NAME))
                .map(a -> (String) a.get("href")).findFirst().orElseThrow();

        // same access rules as the case
        given().header("Authorization", official(NGOC_HA)).get(pdfHref).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", IntakeTesting.bearer(TestTokens.liaison(79))).get(pdfHref).then()
                .statusCode(404);
        given().header("Authorization", IntakeTesting.bearer(TestTokens.leader())).get(pdfHref).then()
                .statusCode(200);
        given().get(pdfHref).then().statusCode(401);
        // an attachment id under another case of the same commune, and an unknown id
        String other = IntakeTesting.submitOk(BA_DINH, "Hồ sơ khác " + UUID.randomUUID());
        String attachmentId = pdfHref.substring(pdfHref.lastIndexOf('/') + 1);
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + other + "/attachments/" + attachmentId)
                .then().statusCode(404);
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id + "/attachments/" + UUID.randomUUID())
                .then().statusCode(404);
        given().header("Authorization", official(BA_DINH)).get("/api/v1/cases/" + id + "/attachments/..%2F..%2Fetc")
                .then().statusCode(404);
    }

    @Test
    void tooLargeIs413() throws Exception {
        String title = "Tệp quá lớn " + UUID.randomUUID();
        Multipart mp = new Multipart().json("case", caseJson(BA_DINH, title))
                .file("nho.pdf", "application/pdf", pdf(1000))
                .file("Ảnh chụp rất lớn.pdf", "application/pdf", pdf(10 * 1024 * 1024 + 1));
        multipart(official(BA_DINH), mp).post("/api/v1/cases").then().statusCode(413)
                .contentType("application/problem+json").body("type", endsWith("/attachment-too-large"))
                .body("detail", containsString("Ảnh chụp rất lớn.pdf"))
                .body("detail", containsString("vượt quá giới hạn 10 MB"))
                .body("errors[0].field", equalTo("files[1]"));
        assertEquals(0, count("select count(*) from intake_case where title = ?", title));
        assertTrue(staged().isEmpty());
    }

    @Test
    void forbiddenTypesAre415WhateverNameAndHeaderClaim() throws Exception {
        String title = "Tệp giả dạng " + UUID.randomUUID();
        byte[] html = "\n  <!DOCTYPE html><html><body><script>alert('xã')</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        multipart(official(BA_DINH), new Multipart().json("case", caseJson(BA_DINH, title))
                .file("ok.pdf", "application/pdf", pdf(2000))
                .file("cong-van.pdf", "application/pdf", html)).post("/api/v1/cases").then().statusCode(415)
                .contentType("application/problem+json").body("type", endsWith("/attachment-type-not-allowed"))
                .body("detail", containsString("cong-van.pdf")).body("detail", containsString("xác định từ nội dung"));
        byte[] exe = new byte[4096];
        new Random(1).nextBytes(exe);
        exe[0] = 'M';
        exe[1] = 'Z';
        multipart(official(BA_DINH), new Multipart().json("case", caseJson(BA_DINH, title))
                .file("bao-cao.pdf", "application/pdf", exe)).post("/api/v1/cases").then().statusCode(415)
                .body("type", endsWith("/attachment-type-not-allowed"));
        // a macro-enabled document is not a DOCX even with the right name
        ByteArrayOutputStream docm = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(docm)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/vbaProject.bin"));
            zip.write(new byte[]{1, 2, 3});
        }
        multipart(official(BA_DINH), new Multipart().json("case", caseJson(BA_DINH, title))
                .file("to-trinh.docx", null, docm.toByteArray())).post("/api/v1/cases").then().statusCode(415);
        assertEquals(0, count("select count(*) from intake_case where title = ?", title));
        assertTrue(staged().isEmpty());
    }

    @Test
    void tooManyFilesIs422AndPlainTextIsAccepted() throws Exception {
        String title = "Quá nhiều tệp " + UUID.randomUUID();
        Multipart mp = new Multipart().json("case", caseJson(BA_DINH, title));
        for (int i = 1; i <= 6; i++) {
            mp.file("ghi-chu-" + i + ".txt", "text/plain", ("Ghi chú số " + i + " của xã.\n").getBytes(StandardCharsets.UTF_8));
        }
        multipart(official(BA_DINH), mp).post("/api/v1/cases").then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/too-many-attachments"))
                .body("detail", containsString("tối đa 5 tệp"));
        assertEquals(0, count("select count(*) from intake_case where title = ?", title));

        // five are fine; a text file with a foreign extension gets ".txt" added, plain text is served as UTF-8
        Multipart five = new Multipart().json("case", caseJson(BA_DINH, title));
        for (int i = 1; i <= 4; i++) {
            five.file("ghi-chu-" + i + ".txt", null, ("Ghi chú số " + i + ".\n").getBytes(StandardCharsets.UTF_8));
        }
        five.file("chay-toi.exe", "application/x-msdownload", "Chỉ là văn bản.".getBytes(StandardCharsets.UTF_8));
        Response r = multipart(official(BA_DINH), five).post("/api/v1/cases");
        r.then().statusCode(201).body("attachmentCount", equalTo(5))
                .body("attachments.fileName", org.hamcrest.Matchers.hasItem("chay-toi.exe.txt"));
        List<Map<String, Object>> list = r.path("attachments");
        String href = list.stream().filter(a -> a.get("fileName").equals("chay-toi.exe.txt")).map(a -> (String) a.get("href"))
                .findFirst().orElseThrow();
        Response d = given().header("Authorization", official(BA_DINH)).get(href);
        d.then().statusCode(200).header("Content-Type", containsString("text/plain"))
                .header("Content-Type", containsString("UTF-8"));
        assertEquals("Chỉ là văn bản.", new String(d.asByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void idempotencyKeyCoversTheFiles() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "Gửi lại kèm tệp " + key;
        String caseJson = caseJson(BA_DINH, title);
        byte[] pdf = pdf(5000);
        Multipart mp = new Multipart().json("case", caseJson).file(PDF_NAME, "application/pdf", pdf);
        byte[] body = mp.body();
        Response first = multipart(official(BA_DINH), mp).header("Idempotency-Key", key).post("/api/v1/cases");
        first.then().statusCode(201).body("attachmentCount", equalTo(1));
        Response again = given().config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", official(BA_DINH)).header("Idempotency-Key", key)
                .contentType(mp.contentType()).body(body).post("/api/v1/cases");
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        UUID id = UUID.fromString(first.path("id"));
        assertEquals(1, count("select count(*) from intake_case where title = ?", title));
        assertEquals(1, count("select count(*) from attachment where case_id = ?", id));
        try (Stream<Path> files = Files.list(Path.of(attachmentsDir).resolve(id.toString()))) {
            assertEquals(1, files.count(), "no second copy on disk");
        }
        // same key, same case, another file: refused
        byte[] changed = pdf(5001);
        multipart(official(BA_DINH), new Multipart().json("case", caseJson).file(PDF_NAME, "application/pdf", changed))
                .header("Idempotency-Key", key).post("/api/v1/cases").then().statusCode(422)
                .body("type", endsWith("/idempotency-key-reused"));
        assertTrue(staged().isEmpty());
    }

    @Test
    void casePartProblems() throws Exception {
        // invalid UTF-8 in the case part, sent as JSON (kept raw) and as a plain form field
        byte[] bad = caseJson(BA_DINH, "Lỗi mã hóa ký tự").getBytes(StandardCharsets.UTF_8);
        int at = new String(bad, StandardCharsets.ISO_8859_1).indexOf("Lỗi");
        bad[at + 1] = (byte) 0xC3;
        bad[at + 2] = (byte) 0x28;
        multipart(official(BA_DINH), new Multipart().part("case", null, "application/json", bad))
                .post("/api/v1/cases").then().statusCode(400).body("type", endsWith("/invalid-utf8"));
        multipart(official(BA_DINH), new Multipart().part("case", null, null, bad))
                .post("/api/v1/cases").then().statusCode(400).body("type", endsWith("/invalid-utf8"));
        // no case part, an unknown part, malformed JSON, validation as for JSON
        multipart(official(BA_DINH), new Multipart().file("a.pdf", null, pdf(100))).post("/api/v1/cases").then()
                .statusCode(400).body("type", endsWith("/missing-case-part"));
        multipart(official(BA_DINH), new Multipart().json("case", caseJson(BA_DINH, "Phần lạ trong yêu cầu"))
                .part("file", "a.pdf", null, pdf(100))).post("/api/v1/cases").then().statusCode(400)
                .body("type", endsWith("/unknown-part"));
        multipart(official(BA_DINH), new Multipart().json("case", "{\"commune\": 4,")).post("/api/v1/cases").then()
                .statusCode(400).body("type", endsWith("/malformed-json"));
        multipart(official(NGOC_HA), new Multipart().json("case", caseJson(BA_DINH, "Gửi thay xã khác kèm tệp"))
                .file("a.pdf", null, pdf(100))).post("/api/v1/cases").then().statusCode(403);
        // without files the multipart variant is the JSON variant
        multipart(official(BA_DINH), new Multipart().json("case", caseJson(BA_DINH, "Không kèm tệp " + UUID.randomUUID())))
                .post("/api/v1/cases").then().statusCode(201).body("attachmentCount", equalTo(0));
        assertTrue(staged().isEmpty());
    }

    @Test
    void aRolledBackSubmissionLeavesNeitherRowsNorFiles() throws Exception {
        String caseId = IntakeTesting.submitOk(BA_DINH, "Hồ sơ để thử rollback " + UUID.randomUUID());
        byte[] content = pdf(1234);
        List<AttachmentStore.Staged> staged = store.stage(List.of(
                new AttachmentStore.Upload("rollback.pdf", content.length, () -> new ByteArrayInputStream(content))));
        assertEquals(1, staged().size());
        List<Path> finals = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                store.attach(UUID.fromString(caseId), staged, "test", Instant.now());
                finals.add(Path.of(attachmentsDir).resolve(caseId).resolve(staged.get(0).id().toString()));
                assertTrue(Files.exists(finals.get(0)), "moved into place before commit");
                throw new IllegalStateException("simulated failure before commit");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        } finally {
            store.discard(staged);
        }
        assertFalse(Files.exists(finals.get(0)), "file removed on rollback");
        assertFalse(Files.exists(finals.get(0).getParent()), "empty case directory removed too");
        assertEquals(0, count("select count(*) from attachment where case_id = ?", UUID.fromString(caseId)));
        assertTrue(staged().isEmpty());
        assertNotEquals(0, content.length);
    }
}
