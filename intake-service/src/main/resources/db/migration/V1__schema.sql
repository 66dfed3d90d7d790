-- intake-service schema: reference data, cases, the commune's actions, the triage snapshot, outbox and inbox.

create table province (
    code integer primary key,
    name text not null,
    type text not null
);

create table commune (
    code integer primary key,
    name text not null,
    type text not null,
    province_code integer not null references province (code)
);
create index commune_province_idx on commune (province_code, code);

-- Topics (chuyên đề) are data an administrator can change; codes are stable identifiers (Open311 service_code).
create table topic (
    code varchar(16) primary key,
    name text not null,
    description text,
    sort_order integer not null,
    active boolean not null default true
);

-- Per-year counter behind the human-readable code PAKN-<year>-<6 digits>.
create table case_code_counter (
    year integer primary key,
    last_value bigint not null
);

create table intake_case (
    id uuid primary key,
    code varchar(32) not null unique,
    commune_code integer not null references commune (code),
    province_code integer not null references province (code),
    topic_code varchar(16) not null references topic (code),
    kind varchar(16) not null,
    urgency varchar(16) not null,
    title text not null,
    description text not null,
    contact_name text not null,
    contact_phone varchar(32),
    contact_email varchar(254),
    submitted_at timestamptz not null,
    submitted_by_id text not null,
    submitted_by_name text,
    intake_version bigint not null,
    attachment_count integer not null default 0,
    -- latest lifecycle snapshot received from triage-service (highest triage caseversion wins)
    status varchar(16) not null,
    triage_version bigint not null default 0,
    responsible_unit_code text,
    responsible_unit_name text,
    assignee_name text,
    due_at timestamptz,
    sla_state varchar(16),
    info_request_question text,
    info_request_at timestamptz,
    answer_text text,
    answered_by_name text,
    answered_at timestamptz,
    -- the commune acted (reply, accept, reopen) and triage has not answered with a newer event yet
    awaiting_triage boolean not null default false,
    updated_at timestamptz not null
);
create index intake_case_commune_idx on intake_case (commune_code, submitted_at desc);
create index intake_case_province_idx on intake_case (province_code, submitted_at desc);
create index intake_case_status_idx on intake_case (status);

-- "Me too": other communes that joined a case instead of filing a duplicate.
create table case_support (
    case_id uuid not null references intake_case (id),
    commune_code integer not null references commune (code),
    supported_at timestamptz not null,
    supported_by text not null,
    primary key (case_id, commune_code)
);

-- Every event of a case, intake's and triage's, for the timeline.
create table case_timeline (
    id bigserial primary key,
    case_id uuid not null references intake_case (id),
    event_id text not null unique,
    event_type varchar(32) not null,
    producer varchar(16) not null,
    occurred_at timestamptz not null,
    actor_id text,
    actor_role text,
    actor_name text,
    reason text,
    text text,
    status varchar(16)
);
create index case_timeline_case_idx on case_timeline (case_id, occurred_at, id);

-- Transactional outbox: written in the transaction of the change, published by the relay.
create table outbox_event (
    seq bigserial primary key,
    event_id uuid not null unique,
    case_id uuid not null,
    case_version bigint not null,
    event_type varchar(32) not null,
    topic text not null,
    payload text not null,
    created_at timestamptz not null,
    published_at timestamptz,
    attempts integer not null default 0,
    last_error text
);
create index outbox_event_pending_idx on outbox_event (seq) where published_at is null;

-- Inbox: ids of triage events already applied (deduplication in the transaction of the effect).
create table processed_event (
    event_id text primary key,
    processed_at timestamptz not null
);

-- Idempotency-Key of POST /api/v1/cases: the first result per (caller, key) is replayed.
create table idempotency_key (
    caller_id text not null,
    idem_key varchar(200) not null,
    request_hash varchar(64) not null,
    case_id uuid,
    response_status integer,
    response_body text,
    location text,
    created_at timestamptz not null,
    primary key (caller_id, idem_key)
);

create table attachment (
    id uuid primary key,
    case_id uuid not null references intake_case (id),
    file_name text not null,
    content_type text not null,
    size_bytes bigint not null,
    sha256 varchar(64) not null,
    storage_path text not null,
    uploaded_at timestamptz not null,
    uploaded_by text not null
);
create index attachment_case_idx on attachment (case_id);
