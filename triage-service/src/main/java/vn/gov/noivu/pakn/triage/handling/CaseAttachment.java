package vn.gov.noivu.pakn.triage.handling;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Metadata of a file attached to a case in intake-service (the bytes stay there). */
@Embeddable
public class CaseAttachment {

    @Column(name = "attachment_id")
    public String attachmentId;
    @Column(name = "file_name")
    public String fileName;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "size_bytes")
    public long sizeBytes;

    public CaseAttachment() {
    }

    public CaseAttachment(String attachmentId, String fileName, String contentType, long sizeBytes) {
        this.attachmentId = attachmentId;
        this.fileName = fileName;
        this.contentType = contentType;
        this.sizeBytes = sizeBytes;
    }
}
