-- Retrain plans and runs: derived from retrain/ in the registry's Git repository, rebuildable from it.

create table retrain_plan (
  model         varchar(128) not null primary key,
  revision      integer      not null,
  digest        varchar(71)  not null,
  registered_by varchar(256) not null,
  registered_at timestamp with time zone not null,
  commit_id     varchar(64)  not null,
  document      varchar(1048576) not null
);

-- One row per trigger of a plan, so an event finds the plans it starts without reading every plan.
create table retrain_plan_trigger (
  model    varchar(128) not null,
  position integer      not null,
  kind     varchar(16)  not null,
  target   varchar(128),
  primary key (model, position)
);
create index retrain_plan_trigger_target on retrain_plan_trigger (kind, target);

create table retrain_run (
  id               varchar(64)  not null primary key,
  model            varchar(128) not null,
  plan_revision    integer      not null,
  trigger_kind     varchar(16)  not null,
  state            varchar(16)  not null,
  triggered_at     timestamp with time zone not null,
  updated_at       timestamp with time zone not null,
  produced_version integer,
  cause_kind       varchar(16)  not null,
  cause_name       varchar(128),
  cause_version    integer,
  cause_report     bigint,
  commit_id        varchar(64)  not null,
  document         varchar(1048576) not null
);
create index retrain_run_model on retrain_run (model, triggered_at);
create index retrain_run_state on retrain_run (state, model);
create index retrain_run_cause on retrain_run (cause_kind, cause_name, cause_version);

-- The token of each attempt, hashed; it counts only while its attempt is open, its run active and it unexpired
-- (kept after that, so that a late caller is told why its token no longer counts).
create table retrain_run_token (
  token_hash   varchar(71)  not null primary key,
  run_id       varchar(64)  not null,
  model        varchar(128) not null,
  attempt      integer      not null,
  attempt_open boolean      not null,
  expires_at   timestamp with time zone not null
);
create index retrain_run_token_run on retrain_run_token (run_id);

-- Operational state, not derived from Git (a rebuild leaves it): row locks that order the changes of one run
-- or plan across instances, the one version a run may register, and when drift last started a run of a plan.
create table retrain_lock (
  name varchar(200) not null primary key
);

create table retrain_registration_claim (
  run_id     varchar(64) not null primary key,
  claimed_at timestamp with time zone not null
);

create table retrain_drift_gate (
  model             varchar(128) not null primary key,
  last_triggered_at timestamp with time zone not null
);
