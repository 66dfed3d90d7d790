-- notification-service: who was told what, on which channel, and what each user wants to be told.

-- Every case event applied (CloudEvent id), committed with its effects: a re-delivered event does nothing.
create table processed_event (
    event_id     varchar(64) primary key,
    type         varchar(40) not null,
    case_id      varchar(64) not null,
    processed_at timestamptz not null default now()
);

-- A small projection of each case, from both producers' snapshots (highest caseversion per producer wins): the
-- words of the notifications (title, commune) and the leaders' weekly digest (overdue by province, answer times).
create table case_projection (
    case_id            varchar(64) primary key,
    code               varchar(40),
    title              varchar(500),
    commune_code       integer,
    commune_name       varchar(200),
    province_code      integer,
    province_name      varchar(200),
    topic_code         varchar(10),
    topic_name         varchar(200),
    status             varchar(20),
    sla_state          varchar(20),
    unit_code          varchar(40),
    unit_name          varchar(200),
    due_at             timestamptz,
    submitted_at       timestamptz,
    answered_at        timestamptz,
    overdue_at         timestamptz,
    recurring_issue_id varchar(64),
    linked_at          timestamptz,
    intake_version     bigint not null default 0,
    triage_version     bigint not null default 0,
    updated_at         timestamptz not null default now()
);
create index case_projection_province on case_projection (province_code);

-- One notification to one recipient on one channel. The unique key makes replays harmless: at most one row, so at
-- most one e-mail and one inbox item, per (event, recipient, channel). The IN_APP rows are the users' inboxes; the
-- EMAIL rows are the mail queue (PENDING -> SENT, or FAILED with the reason; DIGEST waits for the daily digest).
create table delivery (
    id              bigserial primary key,
    event_id        varchar(80)  not null,
    recipient       varchar(255) not null,
    channel         varchar(20)  not null,
    kind            varchar(40)  not null,
    case_id         varchar(64),
    case_code       varchar(40),
    address         varchar(320),
    subject         varchar(500) not null,
    body_text       text         not null,
    body_html       text,
    link            varchar(1000),
    state           varchar(20)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      varchar(2000),
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz,
    read_at         timestamptz,
    digest_id       varchar(80),
    constraint delivery_once unique (event_id, recipient, channel)
);
-- the mail sender's queue scan and the admins' view by state
create index delivery_queue on delivery (state, next_attempt_at) where state in ('PENDING', 'DIGEST');
create index delivery_state on delivery (state, created_at desc);
-- a user's inbox, newest first, and its unread count
create index delivery_inbox on delivery (recipient, created_at desc) where channel = 'IN_APP';
create index delivery_unread on delivery (recipient) where channel = 'IN_APP' and read_at is null;

-- What a user wants per kind of notification; no row = the kind's default (IMMEDIATE).
create table preference (
    username varchar(255) not null,
    kind     varchar(40)  not null,
    mode     varchar(20)  not null,
    updated_at timestamptz not null default now(),
    primary key (username, kind)
);
