-- the per-user submission limit counts a user's recent cases
create index intake_case_submitter_idx on intake_case (submitted_by_id, submitted_at desc);
