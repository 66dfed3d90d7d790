-- triage-service schema: reference data (editable by admins), cases, audit trail, outbox and consumer bookkeeping.

create table province (
    code integer primary key,
    name text not null,
    kind text not null
);

create table responsible_unit (
    code      text primary key,
    name      text not null,
    head_id   text not null,
    head_name text not null,
    active    boolean not null default true
);

create table liaison (
    id             text primary key,
    name           text not null,
    province_code  integer not null references province (code),
    role           text not null check (role in ('PRIMARY', 'DEPUTY')),
    active         boolean not null default true,
    handover_count integer not null default 0,
    release_count  integer not null default 0
);
create unique index liaison_one_primary_per_province on liaison (province_code) where role = 'PRIMARY' and active;
create index liaison_province on liaison (province_code);

create table topic_route (
    topic_code           text primary key,
    topic_name           text not null,
    unit_code            text not null references responsible_unit (code),
    authority_level      text not null,
    task_template        text,
    deliverable_template text
);

create table sla_target (
    urgency      text primary key,
    working_days integer not null check (working_days between 1 and 90)
);

create table holiday (
    day  date primary key,
    name text not null
);

-- every edit of reference data, who/when/what/why; never updated nor deleted
create table admin_audit (
    id         bigserial primary key,
    at         timestamptz not null,
    actor_id   text not null,
    actor_name text,
    entity     text not null,
    entity_key text not null,
    action     text not null,
    before     text,
    after      text,
    reason     text
);

create table triage_case (
    id                    text primary key,
    code                  text not null,
    title                 text,
    description           text,
    kind                  text,
    urgency               text not null,
    commune_code          integer not null,
    commune_name          text,
    province_code         integer not null,
    province_name         text,
    topic_code            text,
    topic_name            text,
    submitted_at          timestamptz not null,
    submitted_by_id       text,
    submitted_by_name     text,
    supporter_count       integer not null default 0,
    intake_version        bigint not null,
    triage_version        bigint not null default 0,
    status                text not null,
    routed_liaison_id     text,
    assignee_id           text,
    assignee_name         text,
    task                  text,
    deliverable           text,
    due_at                timestamptz,
    at_risk_at            timestamptz,
    unit_code             text,
    unit_name             text,
    authority_level       text,
    claimed_at            timestamptz,
    last_worked_at        timestamptz,
    sla_paused_at         timestamptz,
    status_before_pause   text,
    handover_count        integer not null default 0,
    release_count         integer not null default 0,
    escalation_count      integer not null default 0,
    escalation_target     text,
    escalation_unit       text,
    escalation_reason     text,
    escalation_automatic  boolean,
    escalated_at          timestamptz,
    info_question         text,
    info_requested_at     timestamptz,
    answer_text           text,
    answered_by_id        text,
    answered_by_name      text,
    answered_at           timestamptz,
    recurring_issue_id    text,
    at_risk_notified_at   timestamptz,
    overdue_notified_at   timestamptz,
    auto_escalated_at     timestamptz,
    auto_escalation_cause text,
    claim_idle_flagged_at timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               bigint not null default 0
);
create index triage_case_province_status on triage_case (province_code, status);
create index triage_case_assignee on triage_case (assignee_id);
create index triage_case_escalation_unit on triage_case (escalation_unit);
create index triage_case_open_due on triage_case (due_at) where status in ('ROUTED', 'CLAIMED', 'ESCALATED', 'REOPENED');

-- immutable audit trail and timeline of every case: who, when, what, why
create table case_action (
    id           bigserial primary key,
    case_id      text not null references triage_case (id),
    event_id     uuid,
    type         text not null,
    actor_id     text not null,
    actor_role   text,
    actor_name   text,
    at           timestamptz not null,
    reason       text,
    text         text,
    target       text,
    status_after text
);
create index case_action_case on case_action (case_id, id);

create function forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'table % is append-only', tg_table_name;
end;
$$;
create trigger case_action_append_only before update or delete on case_action
    for each row execute function forbid_change();
create trigger admin_audit_append_only before update or delete on admin_audit
    for each row execute function forbid_change();

-- transactional outbox of the events on pakn.triage.case-events
create table outbox_event (
    id           bigserial primary key,
    event_id     uuid not null unique,
    case_id      text not null,
    type         text not null,
    case_version bigint not null,
    payload      text not null,
    created_at   timestamptz not null,
    published_at timestamptz,
    attempts     integer not null default 0,
    last_error   text
);
create index outbox_event_pending on outbox_event (id) where published_at is null;

-- consumer idempotence: one row per CloudEvent id (or parked record), written in the same transaction as its effect
create table processed_event (
    event_id     text primary key,
    case_id      text,
    type         text,
    case_version bigint,
    outcome      text not null,
    processed_at timestamptz not null default now()
);
