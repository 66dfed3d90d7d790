package vn.gov.noivu.pakn.intake.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Recognises the content type of an uploaded file from its bytes (magic numbers), never from the client's file name
 * or Content-Type header. Known: PDF, PNG, JPEG, DOCX and XLSX (a ZIP with {@code [Content_Types].xml} declaring the
 * main document part; macro-enabled documents are refused) and plain UTF-8 text (strictly valid UTF-8, no control
 * characters other than tab, line feed, carriage return and form feed, not starting with markup such as HTML, XML or
 * SVG). Everything else is unknown.
 */
public final class AttachmentTypes {

    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String TEXT = "text/plain";

    /** A recognised type, with the file name extensions that belong to it (the first is the canonical one). */
    public record Type(String contentType, String label, List<String> extensions) {
        public String canonicalExtension() {
            return extensions.get(0);
        }
    }

    public static final List<Type> KNOWN = List.of(
            new Type(PDF, "PDF", List.of("pdf")),
            new Type(PNG, "PNG", List.of("png")),
            new Type(JPEG, "JPEG", List.of("jpg", "jpeg", "jpe", "jfif")),
            new Type(DOCX, "DOCX", List.of("docx")),
            new Type(XLSX, "XLSX", List.of("xlsx")),
            new Type(TEXT, "văn bản UTF-8", List.of("txt", "text", "csv", "log", "md")));

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 0x03, 0x04};
    private static final String DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final int CONTENT_TYPES_MAX = 1 << 20;

    private AttachmentTypes() {
    }

    public static Optional<Type> byContentType(String contentType) {
        return KNOWN.stream().filter(t -> t.contentType().equals(contentType)).findFirst();
    }

    /** The type recognised from the file's content, or empty when it is none of the known types. */
    public static Optional<Type> detect(Path file) throws IOException {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            return Optional.empty();
        }
        byte[] h = Arrays.copyOf(head, n);
        if (startsWith(h, PDF_MAGIC)) {
            return byContentType(PDF);
        }
        if (startsWith(h, PNG_MAGIC)) {
            return byContentType(PNG);
        }
        if (startsWith(h, JPEG_MAGIC)) {
            return byContentType(JPEG);
        }
        if (startsWith(h, ZIP_MAGIC)) {
            return officeDocument(file).flatMap(AttachmentTypes::byContentType);
        }
        return plainText(file) ? byContentType(TEXT) : Optional.empty();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** DOCX or XLSX: only the ZIP directory and {@code [Content_Types].xml} are read (nothing else is inflated). */
    private static Optional<String> officeDocument(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry types = zip.getEntry("[Content_Types].xml");
            if (types == null) {
                return Optional.empty();
            }
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.endsWith(".bin") && name.contains("activex")) {
                    return Optional.empty(); // macros or ActiveX controls
                }
            }
            String xml;
            try (InputStream in = zip.getInputStream(types)) {
                xml = new String(in.readNBytes(CONTENT_TYPES_MAX), StandardCharsets.UTF_8);
            }
            if (xml.contains("macroEnabled")) {
                return Optional.empty();
            }
            if (xml.contains(DOCX_MAIN) && zip.getEntry("word/document.xml") != null) {
                return Optional.of(DOCX);
            }
            if (xml.contains(XLSX_MAIN) && zip.getEntry("xl/workbook.xml") != null) {
                return Optional.of(XLSX);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Strictly valid UTF-8 (an optional BOM), no control characters other than tab, LF, CR and FF, and not markup:
     * the first non-blank character is not {@code <} (HTML, XML or SVG renamed to .txt or .pdf is refused).
     */
    static boolean plainText(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new InputStreamReader(Files.newInputStream(file), decoder)) {
            char[] buf = new char[8192];
            boolean first = true;
            boolean sawContent = false;
            int n;
            while ((n = r.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (first && c == '\uFEFF') {
                        first = false;
                        continue;
                    }
                    first = false;
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c >= 0x7F && c <= 0x9F) {
                        return false;
                    }
                    if (!sawContent && !Character.isWhitespace(c)) {
                        if (c == '<') {
                            return false;
                        }
                        sawContent = true;
                    }
                }
            }
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
