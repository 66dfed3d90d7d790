-- eventing's shared dedupe store (SqlProcessedEvents) records what it processed with the same columns in every
-- service; notification-service's own copy of that store is gone.
alter table processed_event
    alter column type type text,
    alter column case_id type text,
    add column case_version bigint,
    add column outcome      text;
