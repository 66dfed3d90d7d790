-- The outbox of every service has one shape (eventing's OutboxEvent): seq, event_type, the topic of each row, and the
-- W3C traceparent the relay sends as a Kafka header.
alter table outbox_event rename column id to seq;
alter table outbox_event rename column type to event_type;
alter table outbox_event add column topic text not null default 'pakn.triage.case-events';
alter table outbox_event alter column topic drop default;
alter table outbox_event add column traceparent text;
alter index outbox_event_pending rename to outbox_event_pending_idx;
