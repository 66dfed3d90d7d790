-- The commune's contact, its satisfaction with an accepted answer and the metadata of the files attached to a case, copied from the intake snapshot of every
-- intake event (IntakeCaseData.contact*, attachments) so the liaison page shows them. The files' bytes stay in
-- intake-service; the page streams a download from intake's API with the signed-in user's own token.
alter table triage_case
    add column contact_name     text,
    add column contact_phone    text,
    add column contact_email    text,
    add column attachment_count integer not null default 0,
    -- the commune's rating (1-5) and comment when it accepted the answer (IntakeCaseData.satisfaction)
    add column satisfaction_rating  integer check (satisfaction_rating between 1 and 5),
    add column satisfaction_comment text,
    add column satisfied_at         timestamptz;

create table case_attachment (
    case_id       text    not null references triage_case (id),
    position      integer not null,
    attachment_id text    not null,
    file_name     text    not null,
    content_type  text,
    size_bytes    bigint  not null,
    primary key (case_id, position)
);
