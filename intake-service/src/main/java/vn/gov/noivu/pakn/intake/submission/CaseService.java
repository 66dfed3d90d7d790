package vn.gov.noivu.pakn.intake.submission;

import vn.gov.noivu.pakn.commons.domain.Conflict;
import vn.gov.noivu.pakn.commons.domain.Forbidden;
import vn.gov.noivu.pakn.commons.domain.Invalid;
import vn.gov.noivu.pakn.commons.domain.NotFound;
import vn.gov.noivu.pakn.commons.id.Ids;
import vn.gov.noivu.pakn.intake.config.IntakeConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.gov.noivu.pakn.commons.problem.ProblemException;
import vn.gov.noivu.pakn.contract.Identity;
import vn.gov.noivu.pakn.events.CaseEventType;
import vn.gov.noivu.pakn.events.CaseKind;
import vn.gov.noivu.pakn.events.CaseStatus;
import vn.gov.noivu.pakn.events.Change;
import vn.gov.noivu.pakn.events.Urgency;
import vn.gov.noivu.pakn.intake.attachment.Attachment;
import vn.gov.noivu.pakn.intake.attachment.AttachmentStore;
import vn.gov.noivu.pakn.intake.reference.Commune;
import vn.gov.noivu.pakn.intake.reference.ReferenceRepository;
import vn.gov.noivu.pakn.intake.reference.Topic;
import vn.gov.noivu.pakn.intake.security.Requester;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Submitting, reading and the commune's own actions on cases. Every change writes its event to the outbox. */
@ApplicationScoped
public class CaseService {

    private static final Logger LOG = Logger.getLogger(CaseService.class);

    @Inject
    CaseRepository cases;

    @Inject
    ReferenceRepository reference;

    @Inject
    IdempotencyRepository idempotency;

    @Inject
    CaseEventWriter events;

    @Inject
    CaseAccess access;

    @Inject
    CaseMapper mapper;

    @Inject
    ObjectMapper json;

    @Inject
    AttachmentStore attachments;

    @Inject
    IntakeConfig config;

    /** Result of a submission: the response to send (the stored one when an Idempotency-Key is replayed). */
    public record Submitted(UUID caseId, String code, int status, String body, String location, boolean replayed) {
    }

    /** Earliest receipt time of an imported case: the communes exist since the merger of 1 July 2025. */
    public static final Instant IMPORT_EARLIEST = java.time.LocalDate.of(2025, 7, 1).atStartOfDay(
            java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();
    /** Reason recorded on the SUBMITTED event (and timeline) of an imported case. */
    public static final String IMPORT_REASON_PREFIX = "Nhập hồ sơ tiếp nhận ngày ";
    private static final java.time.format.DateTimeFormatter RECEIVED_DATE = java.time.format.DateTimeFormatter
            .ofPattern("dd/MM/yyyy").withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));

    /**
     * Historical import (cases a commune sent on paper or by e-mail before the system): only an administrator may
     * give a receipt time, for any commune; it must lie between the merger (1 July 2025) and now.
     */
    static void checkImport(Requester r, Instant receivedAt, Instant now) {
        if (!r.is(Identity.ADMIN)) {
            throw new Forbidden("import-not-allowed", "Không có quyền nhập hồ sơ cũ",
                    "chỉ quản trị hệ thống được nhập hồ sơ đã tiếp nhận trước đây (trường receivedAt)");
        }
        if (receivedAt.isAfter(now)) {
            throw new Invalid(Invalid.Kind.UNREADABLE, "invalid-received-at", "Thời điểm tiếp nhận không hợp lệ",
                    "thời điểm tiếp nhận không được ở tương lai",
                    List.of(new vn.gov.noivu.pakn.commons.problem.Problem.FieldError("receivedAt", "ở tương lai")));
        }
        if (receivedAt.isBefore(IMPORT_EARLIEST)) {
            throw new Invalid(Invalid.Kind.UNREADABLE, "invalid-received-at", "Thời điểm tiếp nhận không hợp lệ",
                    "thời điểm tiếp nhận không được trước ngày 01/07/2025 (các xã mới được thành lập từ ngày đó)",
                    List.of(new vn.gov.noivu.pakn.commons.problem.Problem.FieldError("receivedAt",
                            "trước ngày 01/07/2025")));
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Files a case for the requester's own commune. {@code request} must be normalised and validated already.
     *
     * @param idempotencyKey optional; with the same key and the same request the first result is returned and
     *                       nothing new is created; the same key with a different request is a 422 problem
     * @param requestHash    fingerprint of the normalised request, compared on replay
     */
    @Transactional
    public Submitted submit(Requester r, SubmitCaseRequest request, String idempotencyKey, String requestHash) {
        return submit(r, request, idempotencyKey, requestHash, List.of());
    }

    /**
     * As {@link #submit(Requester, SubmitCaseRequest, String, String)}, with attachments already checked and staged
     * ({@link AttachmentStore#stage}); their rows are written and the files moved into place in this transaction
     * (removed again if it rolls back). On an idempotent replay nothing is attached; the caller discards the staged
     * files in any case.
     */
    /**
     * At most {@code pakn.intake.rate-limit.submissions} new cases per user and window, counted from the cases table
     * (so every replica sees the same count; one index range scan of at most that many entries of
     * {@code intake_case_submitter_idx}). An idempotent replay is not a new submission and is never limited.
     */
    void enforceRateLimit(Requester r, Instant at) {
        IntakeConfig.RateLimit limit = config.rateLimit();
        if (cases.submittedSince(r.id(), at.minus(limit.window()), limit.submissions()) >= limit.submissions()) {
            throw new RateLimitedException(limit.window());
        }
    }

    /** 429 Too Many Requests, with the seconds to wait. */
    public static final class RateLimitedException extends ProblemException {
        private final java.time.Duration retryAfter;

        RateLimitedException(java.time.Duration retryAfter) {
            super(429, "rate-limited", "Gửi quá nhiều phản ánh", "đã vượt số phản ánh được gửi trong "
                    + retryAfter.toSeconds() + " giây; vui lòng thử lại sau");
            this.retryAfter = retryAfter;
        }

        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    @Transactional
    public Submitted submit(Requester r, SubmitCaseRequest request, String idempotencyKey, String requestHash,
            List<AttachmentStore.Staged> files) {
        Instant at = now();
        if (idempotencyKey != null && !idempotency.claim(r.id(), idempotencyKey, requestHash, at)) {
            IdempotencyRepository.Stored stored = idempotency.find(r.id(), idempotencyKey).orElseThrow();
            if (!stored.requestHash().equals(requestHash)) {
                throw Invalid.rule("idempotency-key-reused", "Khóa Idempotency-Key đã được dùng",
                        "khóa này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới", List.of());
            }
            if (stored.body() == null) {
                throw new Conflict("idempotency-in-progress", "yêu cầu với khóa này đang được xử lý");
            }
            UUID id = UUID.fromString(stored.location().substring(stored.location().lastIndexOf('/') + 1));
            return new Submitted(id, null, stored.status(), stored.body(), stored.location(), true);
        }

        Commune commune = reference.commune(request.commune())
                .orElseThrow(() -> Invalid.rule("unknown-commune", "Xã không tồn tại",
                        "không có đơn vị hành chính cấp xã mã " + request.commune(),
                        List.of(new vn.gov.noivu.pakn.commons.problem.Problem.FieldError("commune", "không tồn tại"))));
        Topic topic = reference.topic(request.topic()).filter(t -> t.active)
                .orElseThrow(() -> Invalid.rule("unknown-topic", "Chuyên đề không tồn tại",
                        "không có chuyên đề mã " + request.topic(),
                        List.of(new vn.gov.noivu.pakn.commons.problem.Problem.FieldError("topic", "không tồn tại"))));
        Instant receivedAt = request.receivedAt();
        if (receivedAt != null) {
            checkImport(r, receivedAt, at);
        } else if (!r.isCommuneOfficial() || r.communeCode() != commune.code.intValue()) {
            // The commune list is public reference data, so a 403 leaks nothing (documented in README).
            throw new Forbidden("commune-out-of-scope", "Không có quyền",
                    "chỉ cán bộ, công chức của xã được gửi phản ánh cho xã đó");
        }
        enforceRateLimit(r, at);
        Instant submittedAt = receivedAt != null ? receivedAt : at;

        IntakeCase c = new IntakeCase();
        c.id = Ids.next();
        c.code = cases.nextCode(submittedAt);
        c.communeCode = commune.code;
        c.provinceCode = commune.provinceCode;
        c.topicCode = topic.code;
        c.kind = SubmissionValidator.parse(CaseKind.class, request.kind());
        c.urgency = request.urgency() == null ? Urgency.NORMAL : SubmissionValidator.parse(Urgency.class,
                request.urgency());
        c.title = request.title();
        c.description = request.description();
        c.contactName = request.contact().name();
        c.contactPhone = request.contact().phone();
        c.contactEmail = request.contact().email();
        c.submittedAt = submittedAt;
        c.submittedById = r.id();
        c.submittedByName = r.name();
        c.status = CaseStatus.SUBMITTED;
        c.updatedAt = at;
        c.attachmentCount = files.size();
        // the first event's version and time are set before persist, so the row is written once (one INSERT, no
        // UPDATE of intake_version at commit); it is inserted before the attachments, the outbox row and the timeline
        c.intakeVersion = 1;
        cases.persist(c);
        // rows written, files renamed into place; a later rollback deletes the files again
        attachments.attach(c.id, files, r.id(), at);
        // after the files: the event's snapshot lists them
        events.recordFirst(c, CaseEventType.SUBMITTED, receivedAt == null ? Change.by(r.actor(), at)
                : new Change(r.actor(), at, IMPORT_REASON_PREFIX + RECEIVED_DATE.format(receivedAt)
                        + " (hồ sơ giấy/thư điện tử trước khi dùng hệ thống)", null, null));

        String location = "/api/v1/cases/" + c.id;
        String body = write(mapper.view(c, false, true));
        if (idempotencyKey != null) {
            idempotency.complete(r.id(), idempotencyKey, c.id, 201, body, location);
        }
        LOG.infof("case %s (%s) submitted by %s for commune %d with %d attachment(s)", c.code, c.id, r.id(),
                c.communeCode, files.size());
        return new Submitted(c.id, c.code, 201, body, location, false);
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public CaseView get(Requester r, UUID id) {
        IntakeCase c = access.readable(r, id);
        return mapper.view(c, true, access.canAct(r, c));
    }

    /**
     * Cases the requester may read, newest first, filtered by commune and status. The result is always cut to the
     * requester's scope: a commune official asking for another commune gets an empty page.
     */
    /** Filters of a case search; null means "any". */
    public record Filter(Integer commune, Integer province, Set<CaseStatus> statuses, String topic, List<String> codes,
            Instant from, Instant to) {
        public static Filter of(Integer commune, Set<CaseStatus> statuses) {
            return new Filter(commune, null, statuses, null, null, null, null);
        }
    }

    public record Found(List<IntakeCase> items, long total) {
    }

    /** Orders of a case list (the commune's page). */
    public enum Sort {
        NEWEST("submittedAt desc, code desc"),
        OLDEST("submittedAt asc, code asc"),
        DUE("dueAt asc nulls last, submittedAt desc, code desc"),
        TITLE("lower(title) asc, code asc");

        final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /**
     * Cases the requester may read, newest first. The result is always cut to the requester's scope: a commune
     * official asking for another commune gets an empty page.
     */
    @Transactional
    public Found search(Requester r, Filter f, int page, int size) {
        return search(r, f, null, Sort.NEWEST, page, size);
    }

    /**
     * As {@link #search(Requester, Filter, int, int)}, also matching {@code text} in the title or the code (case
     * insensitive; null: any), in the order {@code sort}.
     */
    @Transactional
    public Found search(Requester r, Filter f, String text, Sort sort, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!r.seesEverything()) {
            List<String> scope = new ArrayList<>();
            if (r.isCommuneOfficial()) {
                scope.add("communeCode = :own");
                params.put("own", r.communeCode());
            }
            if (r.is(Identity.LIAISON) && !r.provinceCodes().isEmpty()) {
                scope.add("provinceCode in :provinces");
                params.put("provinces", r.provinceCodes());
            }
            if (r.is(Identity.DEPARTMENT_HEAD) && r.unitCode() != null) {
                scope.add("responsibleUnitCode = :unit");
                params.put("unit", r.unitCode());
            }
            if (scope.isEmpty()) {
                return new Found(List.of(), 0);
            }
            where.append(" and (").append(String.join(" or ", scope)).append(")");
        }
        if (f.commune() != null) {
            where.append(" and communeCode = :commune");
            params.put("commune", f.commune());
        }
        if (f.province() != null) {
            where.append(" and provinceCode = :province");
            params.put("province", f.province());
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            where.append(" and status in :statuses");
            params.put("statuses", f.statuses());
        }
        if (f.topic() != null) {
            where.append(" and topicCode = :topic");
            params.put("topic", f.topic());
        }
        if (f.codes() != null && !f.codes().isEmpty()) {
            where.append(" and code in :codes");
            params.put("codes", f.codes());
        }
        if (f.from() != null) {
            where.append(" and submittedAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" and submittedAt <= :to");
            params.put("to", f.to());
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(title) like :text or lower(code) like :text)");
            params.put("text", "%" + text.strip().toLowerCase(java.util.Locale.forLanguageTag("vi"))
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        var query = cases.find(where + " order by " + (sort == null ? Sort.NEWEST : sort).orderBy, params);
        return new Found(query.page(page, size).list(), query.count());
    }

    @Transactional
    public CasePage list(Requester r, Integer commune, Set<CaseStatus> statuses, int page, int size) {
        return list(r, new Filter(commune, null, statuses, null, null, null, null), null, Sort.NEWEST, page, size);
    }

    /** A page of summaries for {@link #search(Requester, Filter, String, Sort, int, int)}. */
    @Transactional
    public CasePage list(Requester r, Filter filter, String text, Sort sort, int page, int size) {
        Found found = search(r, filter, text, sort, page, size);
        List<IntakeCase> items = found.items();
        Map<UUID, Integer> supporters = new HashMap<>();
        Map<Integer, String> communeNames = new HashMap<>();
        if (!items.isEmpty()) {
            List<UUID> ids = items.stream().map(c -> c.id).toList();
            for (Object[] row : cases.getEntityManager().createQuery(
                    "select s.key.caseId, count(s) from CaseSupport s where s.key.caseId in :ids group by s.key.caseId",
                    Object[].class).setParameter("ids", ids).getResultList()) {
                supporters.put((UUID) row[0], ((Number) row[1]).intValue());
            }
            for (Commune cm : Commune.<Commune>list("code in ?1",
                    items.stream().map(c -> c.communeCode).distinct().toList())) {
                communeNames.put(cm.code, cm.name);
            }
        }
        List<CaseSummary> summaries = items.stream()
                .map(c -> mapper.summary(c, communeNames.get(c.communeCode), supporters.getOrDefault(c.id, 0)))
                .toList();
        return new CasePage(summaries, page, size, found.total());
    }

    /** A readable case by its id (UUID) or its code (PAKN-...), or 404. */
    @Transactional
    public IntakeCase readableByIdOrCode(Requester r, String idOrCode) {
        IntakeCase c = null;
        if (idOrCode != null && idOrCode.startsWith("PAKN-")) {
            c = cases.findByCode(idOrCode).orElse(null);
        } else if (idOrCode != null) {
            try {
                c = cases.findById(UUID.fromString(idOrCode));
            } catch (IllegalArgumentException e) {
                c = null;
            }
        }
        if (c == null || !access.canRead(r, c)) {
            throw new NotFound(CaseAccess.CASE);
        }
        return c;
    }

    /** A stored attachment file and its metadata. */
    public record AttachmentFile(String fileName, String contentType, long size, String sha256, java.nio.file.Path path) {
    }

    /**
     * An attachment of a case the requester may read (the same rules as the case: out of scope, another case's
     * attachment or a missing one → 404).
     */
    @Transactional
    public AttachmentFile attachment(Requester r, UUID caseId, UUID attachmentId) {
        IntakeCase c = access.readable(r, caseId);
        Attachment a = Attachment.<Attachment>findByIdOptional(attachmentId).filter(x -> x.caseId.equals(c.id))
                .orElseThrow(() -> new NotFound("tệp đính kèm"));
        java.nio.file.Path file = attachments.file(a);
        if (!java.nio.file.Files.isRegularFile(file)) {
            LOG.errorf("attachment %s of case %s is missing on disk (%s)", a.id, c.id, file);
            throw new NotFound("tệp đính kèm");
        }
        return new AttachmentFile(a.fileName, a.contentType, a.sizeBytes, a.sha256, file);
    }

    /** The commune answers an open information request (INFO_PROVIDED). */
    @Transactional
    public CaseView replyToInfoRequest(Requester r, UUID id, String text) {
        return replyToInfoRequest(r, id, text, List.of());
    }

    /**
     * The commune answers an open information request (INFO_PROVIDED) with a text and files, checked and staged like
     * a submission's ({@link AttachmentStore#stage}); the files join the case's attachments and the event's snapshot
     * lists them (their {@code uploadedAt} is the change's time).
     */
    @Transactional
    public CaseView replyToInfoRequest(Requester r, UUID id, String text, List<AttachmentStore.Staged> files) {
        IntakeCase c = access.ownLocked(r, id);
        requireAllowed(c, CaseMapper.ACTION_INFO_REPLY, "hồ sơ không có yêu cầu bổ sung thông tin đang chờ xã trả lời");
        Instant at = now();
        c.awaitingTriage = true;
        if (!files.isEmpty()) {
            c.attachmentCount += files.size();
            attachments.attach(c.id, files, r.id(), at);
        }
        events.record(c, CaseEventType.INFO_PROVIDED, new Change(r.actor(), at, null, text, null));
        return mapper.view(c, true, true);
    }

    /** The commune accepts the answer (ANSWER_ACCEPTED); triage closes the case. */
    @Transactional
    public CaseView acceptAnswer(Requester r, UUID id) {
        return acceptAnswer(r, id, null, null);
    }

    /**
     * The commune accepts the answer with its satisfaction: {@code rating} 1-5 (null: not rated) and an optional
     * comment, carried to triage and search in the ANSWER_ACCEPTED event ({@code data.satisfaction}).
     */
    @Transactional
    public CaseView acceptAnswer(Requester r, UUID id, Integer rating, String comment) {
        IntakeCase c = access.ownLocked(r, id);
        requireAllowed(c, CaseMapper.ACTION_ACCEPT, "chỉ chấp nhận được khi hồ sơ đã được trả lời");
        Instant at = now();
        c.awaitingTriage = true;
        if (rating != null) {
            c.satisfactionRating = rating;
            c.satisfactionComment = comment;
            c.satisfactionAt = at;
        }
        events.record(c, CaseEventType.ANSWER_ACCEPTED, new Change(r.actor(), at, null, comment, null));
        return mapper.view(c, true, true);
    }

    /** The commune is not satisfied with the answer (REOPEN_REQUESTED, reason required). */
    @Transactional
    public CaseView requestReopen(Requester r, UUID id, String reason) {
        IntakeCase c = access.ownLocked(r, id);
        requireAllowed(c, CaseMapper.ACTION_REOPEN, "chỉ đề nghị xem xét lại được khi hồ sơ đã được trả lời hoặc đã đóng");
        c.awaitingTriage = true;
        events.record(c, CaseEventType.REOPEN_REQUESTED, new Change(r.actor(), now(), reason, null, null));
        return mapper.view(c, true, true);
    }

    private static void requireAllowed(IntakeCase c, String action, String detail) {
        if (c.awaitingTriage) {
            throw new Conflict("awaiting-triage",
                    "xã đã gửi thao tác trước đó; đang chờ bộ phận xử lý tiếp nhận");
        }
        if (!CaseMapper.allowedActions(c).contains(action)) {
            throw new Conflict("invalid-state", detail + " (trạng thái hiện tại: " + c.status.labelVi()
                    + ")");
        }
    }

    public record Supported(String caseId, String code, int supporters) {
    }

    /**
     * "Me too": another commune joins an existing case instead of filing a duplicate (SUPPORTED). The supporter learns
     * only the case code and how many communes support it, never the content or the submitting commune.
     */
    @Transactional
    public Supported support(Requester r, UUID id) {
        if (!r.isCommuneOfficial()) {
            throw new Forbidden("chỉ cán bộ, công chức cấp xã được cùng phản ánh");
        }
        IntakeCase c = cases.lock(id).orElseThrow(() -> new NotFound(CaseAccess.CASE));
        if (c.communeCode == r.communeCode()) {
            throw new Conflict("own-case", "đây là hồ sơ của chính xã");
        }
        if (CaseSupport.findById(new CaseSupport.Key(c.id, r.communeCode())) != null) {
            throw new Conflict("already-supported", "xã đã cùng phản ánh hồ sơ này");
        }
        Instant at = now();
        CaseSupport s = new CaseSupport();
        s.key = new CaseSupport.Key(c.id, r.communeCode());
        s.supportedAt = at;
        s.supportedBy = r.id();
        s.persistAndFlush();
        events.record(c, CaseEventType.SUPPORTED, new Change(r.actor(), at, null, null, String.valueOf(r.communeCode())));
        long count = CaseSupport.count("key.caseId", c.id);
        return new Supported(c.id.toString(), c.code, (int) count);
    }
}
