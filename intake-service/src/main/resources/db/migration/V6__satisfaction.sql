-- The commune's rating (1-5) and comment of the answer it accepted (ANSWER_ACCEPTED carries them to triage and
-- search as IntakeCaseData.satisfaction). A reopened case keeps the last rating until the next acceptance.
alter table intake_case add column satisfaction_rating smallint
    check (satisfaction_rating between 1 and 5);
alter table intake_case add column satisfaction_comment text;
alter table intake_case add column satisfaction_at timestamptz;
