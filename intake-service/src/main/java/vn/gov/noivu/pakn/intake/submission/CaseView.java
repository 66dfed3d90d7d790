package vn.gov.noivu.pakn.intake.submission;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** A case as the API shows it; {@code timeline} and {@code attachments} only in the single-case view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseView(
        String id,
        String code,
        Ref commune,
        Ref province,
        Ref topic,
        Labelled kind,
        Labelled urgency,
        String title,
        String description,
        Contact contact,
        Labelled status,
        Instant submittedAt,
        String submittedBy,
        int supporters,
        List<Integer> supportingCommunes,
        int attachmentCount,
        Ref responsibleUnit,
        String assigneeName,
        Instant dueAt,
        String slaState,
        InfoRequest openInfoRequest,
        Answer answer,
        Satisfaction satisfaction,
        boolean awaitingTriage,
        List<String> allowedActions,
        List<AttachmentView> attachments,
        List<TimelineItem> timeline) {

    public record Ref(String code, String name) {
    }

    public record Labelled(String code, String label) {
    }

    public record Contact(String name, String phone, String email) {
    }

    public record InfoRequest(String question, Instant requestedAt) {
    }

    public record Answer(String text, String answeredBy, Instant answeredAt) {
    }

    /** The commune's rating (1-5) and comment of the answer it accepted. */
    public record Satisfaction(int rating, String comment, Instant at) {
    }

    /** Metadata of an attachment; {@code href} downloads it (same access rules as the case). */
    public record AttachmentView(String id, String fileName, String contentType, long sizeBytes, Instant uploadedAt,
            String href) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineItem(String eventId, String type, String label, String producer, Instant at, String actorName,
            String actorRole, String reason, String text, String status) {
    }
}
