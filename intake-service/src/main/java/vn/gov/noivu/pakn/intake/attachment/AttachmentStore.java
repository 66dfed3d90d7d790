package vn.gov.noivu.pakn.intake.attachment;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.id.Ids;
import vn.gov.noivu.pakn.commons.problem.Problem;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.text.VietnameseText;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Attachment files on disk under {@code pakn.intake.attachments-dir}:
 * <ol>
 *   <li>{@link #stage}: before the transaction, each upload is checked (count, size, type detected from the bytes),
 *       copied to {@code .staging/<random>.part} while its SHA-256 is computed;</li>
 *   <li>{@link #attach}: in the submitting transaction, the metadata rows are written and, as the last step before
 *       commit, the staged files are renamed (same file system, atomic) to {@code <case id>/<attachment id>}; when the
 *       transaction rolls back afterwards, a synchronization deletes them again;</li>
 *   <li>{@link #discard}: the caller always removes what is left in {@code .staging} (rejected or replayed
 *       requests).</li>
 * </ol>
 * So a committed row always has its file; a crash between rename and commit can only leave a file without a row
 * (removed by hand or a later sweep, never served). The stored name is random; the client's file name is only
 * metadata (NFC, no path, no control characters).
 */
@ApplicationScoped
public class AttachmentStore {

    private static final Logger LOG = Logger.getLogger(AttachmentStore.class);
    private static final String STAGING = ".staging";
    private static final int FILE_NAME_MAX = 200;
    private static final Duration STALE_STAGING = Duration.ofHours(1);

    /** Opens the bytes of an uploaded part (buffered by the HTTP layer on disk or in memory). */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** A client's file part: the name it declared, its size and its bytes. */
    public record Upload(String fileName, long size, Source source) {
    }

    /** A checked file waiting in {@code .staging} for the submitting transaction. */
    public record Staged(UUID id, String fileName, String contentType, long size, String sha256, Path path) {
    }

    /** What the idempotency fingerprint sees of a file (equal uploads → equal fingerprints). */
    public record Fingerprint(String fileName, String contentType, long size, String sha256) {
    }

    /** What the idempotency fingerprint of a submission with files covers: the request and every file. */
    public record WithAttachments(Object request, List<Fingerprint> attachments) {
    }

    /** Input of the request fingerprint: the request alone without files (as for JSON), else request + files. */
    public static Object fingerprintSource(Object request, List<Staged> files) {
        if (files.isEmpty()) {
            return request;
        }
        return new WithAttachments(request, files.stream()
                .map(f -> new Fingerprint(f.fileName(), f.contentType(), f.size(), f.sha256())).toList());
    }

    @Inject
    IntakeConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<io.quarkus.runtime.configuration.MemorySize> maxBodySize;

    void onStart(@Observes StartupEvent ev) {
        try {
            Files.createDirectories(staging());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attachments directory " + root(), e);
        }
        sweepStaging();
        long needed = (long) config.attachments().maxPerCase() * config.attachments().maxBytes() + (1 << 20);
        if (maxBodySize.isPresent() && maxBodySize.get().asLongValue() < needed) {
            LOG.warnf("quarkus.http.limits.max-body-size (%d bytes) is below max-per-case x max-bytes + 1 MiB (%d "
                    + "bytes): large submissions get a bare 413 from the HTTP layer", maxBodySize.get().asLongValue(),
                    needed);
        }
        LOG.infof("attachments in %s (max %d files of %d bytes; types %s)", root(), config.attachments().maxPerCase(),
                config.attachments().maxBytes(), config.attachments().allowedTypes());
    }

    public Path root() {
        return Path.of(config.attachmentsDir()).toAbsolutePath().normalize();
    }

    private Path staging() {
        return root().resolve(STAGING);
    }

    /** Staged files older than an hour belong to requests that died; removed at start. */
    void sweepStaging() {
        Instant limit = Instant.now().minus(STALE_STAGING);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging(), "*.part")) {
            for (Path f : files) {
                FileTime t = Files.getLastModifiedTime(f);
                if (t.toInstant().isBefore(limit)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot sweep %s: %s", staging(), e.getMessage());
        }
    }

    /**
     * Checks every upload and copies it to the staging area. Problems (all problem+json, Vietnamese): more than
     * {@code max-per-case} files → 422 {@code too-many-attachments}; an empty file → 422 {@code empty-attachment}; a
     * file above {@code max-bytes} → 413 {@code attachment-too-large}; a type that is not allowed (detected from the
     * bytes) → 415 {@code attachment-type-not-allowed}. On any failure nothing stays staged.
     */
    public List<Staged> stage(List<Upload> uploads) {
        int max = config.attachments().maxPerCase();
        if (uploads.size() > max) {
            throw Invalid.rule("too-many-attachments", "Quá nhiều tệp đính kèm",
                    "mỗi hồ sơ được đính kèm tối đa " + max + " tệp; yêu cầu có " + uploads.size() + " tệp",
                    List.of(new Problem.FieldError("files", "tối đa " + max + " tệp")));
        }
        long maxBytes = config.attachments().maxBytes();
        for (int i = 0; i < uploads.size(); i++) {
            Upload u = uploads.get(i);
            if (u.size() > maxBytes) {
                throw new Invalid(Invalid.Kind.TOO_LARGE, "attachment-too-large", "Tệp đính kèm quá lớn",
                        "tệp \"" + displayName(u.fileName()) + "\" có dung lượng " + humanSize(u.size()) + " ("
                                + u.size() + " byte), vượt quá giới hạn " + humanSize(maxBytes) + " (" + maxBytes
                                + " byte) cho mỗi tệp",
                        List.of(new Problem.FieldError("files[" + i + "]", "tối đa " + humanSize(maxBytes))));
            }
            if (u.size() == 0) {
                throw Invalid.rule("empty-attachment", "Tệp đính kèm rỗng",
                        "tệp \"" + displayName(u.fileName()) + "\" không có nội dung",
                        List.of(new Problem.FieldError("files[" + i + "]", "tệp rỗng")));
            }
        }
        List<Staged> staged = new ArrayList<>();
        try {
            for (int i = 0; i < uploads.size(); i++) {
                staged.add(stageOne(uploads.get(i), i));
            }
            return staged;
        } catch (RuntimeException e) {
            discard(staged);
            throw e;
        }
    }

    private Staged stageOne(Upload u, int index) {
        UUID id = Ids.next();
        Path target = staging().resolve(id + ".part");
        try {
            Files.createDirectories(staging());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = u.source().open();
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
                size = in.transferTo(out);
            }
            if (size > config.attachments().maxBytes() || size == 0) {
                throw new Invalid(Invalid.Kind.TOO_LARGE, "attachment-too-large", "Tệp đính kèm quá lớn",
                        "tệp \"" + displayName(u.fileName()) + "\" vượt quá giới hạn "
                                + humanSize(config.attachments().maxBytes()), List.of());
            }
            Optional<AttachmentTypes.Type> type = AttachmentTypes.detect(target)
                    .filter(t -> config.attachments().allowedTypes().contains(t.contentType()));
            if (type.isEmpty()) {
                throw new Invalid(Invalid.Kind.UNSUPPORTED_TYPE, "attachment-type-not-allowed", "Loại tệp không được phép",
                        "tệp \"" + displayName(u.fileName()) + "\" không thuộc loại được phép (" + allowedLabels()
                                + "); loại tệp được xác định từ nội dung tệp, không theo tên hay Content-Type",
                        List.of(new Problem.FieldError("files[" + index + "]", "loại tệp không được phép")));
            }
            return new Staged(id, storedName(u.fileName(), type.get()), type.get().contentType(), size,
                    HexFormat.of().formatHex(sha.digest()), target);
        } catch (IOException e) {
            deleteQuietly(target);
            throw new UncheckedIOException("cannot stage attachment", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /**
     * Writes the metadata rows of the case's staged files and moves the files into place; must run inside the
     * submitting transaction, as its last step. If the transaction rolls back, the moved files are deleted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void attach(UUID caseId, List<Staged> files, String uploadedBy, Instant at) {
        if (files.isEmpty()) {
            return;
        }
        for (Staged s : files) {
            Attachment a = new Attachment();
            a.id = s.id();
            a.caseId = caseId;
            a.fileName = s.fileName();
            a.contentType = s.contentType();
            a.sizeBytes = s.size();
            a.sha256 = s.sha256();
            a.storagePath = caseId + "/" + s.id();
            a.uploadedAt = at;
            a.uploadedBy = uploadedBy;
            a.persist();
        }
        Attachment.flush();
        List<Path> moved = new ArrayList<>();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    moved.forEach(AttachmentStore::deleteQuietly);
                    try {
                        Files.deleteIfExists(root().resolve(caseId.toString())); // only when empty
                    } catch (IOException e) {
                        // not empty (or already gone): leave it
                    }
                    LOG.infof("rolled back: removed %d attachment file(s) of case %s", moved.size(), caseId);
                }
            }
        });
        try {
            Path dir = Files.createDirectories(root().resolve(caseId.toString()));
            for (Staged s : files) {
                Path target = dir.resolve(s.id().toString());
                try {
                    Files.move(s.path(), target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(s.path(), target);
                }
                moved.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store attachments of case " + caseId, e);
        }
    }

    /** Deletes whatever of these files is still in the staging area. */
    public void discard(List<Staged> files) {
        if (files != null) {
            files.forEach(s -> deleteQuietly(s.path()));
        }
    }

    /** The stored file of an attachment row; never outside the attachments directory. */
    public Path file(Attachment a) {
        Path p = root().resolve(a.storagePath).normalize();
        if (!p.startsWith(root()) || p.equals(root())) {
            throw new IllegalStateException("attachment path outside the attachments directory: " + a.id);
        }
        return p;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", p, e.getMessage());
        }
    }

    /** The client's name without any path, NFC, no control characters, at most 200 code points, right extension. */
    static String storedName(String clientName, AttachmentTypes.Type type) {
        String name = clientName == null ? "" : clientName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = VietnameseText.nfc(name).replaceAll("[\\p{Cc}\\p{Cf}]", "").replaceAll("\\s+", " ").strip();
        name = name.replaceAll("^\\.+", "");
        if (name.isBlank()) {
            name = "tep-dinh-kem";
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        if (!type.extensions().contains(ext)) {
            name = name + "." + type.canonicalExtension();
        }
        if (name.codePointCount(0, name.length()) > FILE_NAME_MAX) {
            String suffix = "." + (type.extensions().contains(ext) ? ext : type.canonicalExtension());
            int keep = FILE_NAME_MAX - suffix.length();
            name = name.substring(0, name.offsetByCodePoints(0, keep)).strip() + suffix;
        }
        return name;
    }

    private static String displayName(String clientName) {
        String n = clientName == null ? "" : VietnameseText.nfc(clientName);
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        return n.length() > 100 ? n.substring(0, 100) + "…" : n;
    }

    public String allowedLabels() {
        return config.attachments().allowedTypes().stream()
                .map(t -> AttachmentTypes.byContentType(t).map(AttachmentTypes.Type::label).orElse(t))
                .collect(Collectors.joining(", "));
    }

    public static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " byte";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0).replace('.', ',').replace(",0 ", " ");
        }
        String s = String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0)).replace('.', ',');
        return s.replace(",0 MB", " MB");
    }
}
