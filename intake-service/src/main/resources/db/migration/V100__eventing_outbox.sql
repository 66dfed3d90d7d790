-- The outbox of every service has one shape (eventing's OutboxEvent): case_id as text (the CloudEvent subject, the
-- Kafka key) and the W3C traceparent the relay sends as a Kafka header.
alter table outbox_event alter column case_id type text using case_id::text;
alter table outbox_event add column traceparent text;
