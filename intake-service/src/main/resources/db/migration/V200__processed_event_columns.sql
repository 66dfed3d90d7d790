-- eventing's shared dedupe store (SqlProcessedEvents) records what it processed: the same columns in every service
alter table processed_event
    add column case_id      text,
    add column type         text,
    add column case_version bigint,
    add column outcome      text;
alter table processed_event alter column processed_at set default now();
