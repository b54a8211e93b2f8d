-- Rollout progress, owned by the deployer's reconciler: operational state, not derived from Git and not
-- erased by an index rebuild (DeploymentProjection clears only deployment and deployment_history). One row
-- per model and environment for the rollout of the current desired state (keyed by its commit), so a
-- restarted Steward resumes at the step and analysis iteration it had reached. Outcomes a reviewer should
-- read (promoted, aborted with every check's result) are committed to Git as rollouts/<env>/<model>.yaml.

create table rollout (
  environment        varchar(64)   not null,
  model              varchar(128)  not null,
  desired_commit     varchar(64)   not null,
  version            integer       not null,
  service            varchar(63)   not null,
  plan               varchar(16)   not null,
  state              varchar(16)   not null,
  step               integer       not null,
  percent            integer,
  manifest           varchar(1048576) not null,
  stable_revision    varchar(128),
  stable_version     integer,
  canary_revision    varchar(128),
  applied_digest     varchar(71),
  applied_generation bigint,
  applied_at         timestamp with time zone,
  step_started_at    timestamp with time zone,
  in_place_at        timestamp with time zone,
  next_analysis_at   timestamp with time zone,
  failures           integer       not null,
  paused             boolean       not null,
  command            varchar(16),
  command_by         varchar(256),
  command_reason     varchar(1024),
  desired_at         timestamp with time zone not null,
  started_at         timestamp with time zone not null,
  transition_at      timestamp with time zone not null,
  transition_reason  varchar(64)   not null,
  transition_message varchar(4096) not null,
  last_error         varchar(4096),
  drift              varchar(4096),
  drift_generation   bigint,
  outcome_commit     varchar(64),
  primary key (environment, model)
);

-- Every analysis result of every rollout, in words; the primary key makes a repeated write after a
-- restart a no-op, so an iteration is never counted twice.
create table rollout_check (
  environment    varchar(64)   not null,
  model          varchar(128)  not null,
  desired_commit varchar(64)   not null,
  step           integer       not null,
  iteration      integer       not null,
  name           varchar(128)  not null,
  passed         boolean       not null,
  check_value    double precision,
  detail         varchar(4096) not null,
  checked_at     timestamp with time zone not null,
  primary key (environment, model, desired_commit, step, iteration, name)
);

-- Which model version each Knative revision serves, learnt when a revision appears for a spec Steward
-- applied: rollback pins a revision KServe still holds only when it knows the revision's version.
create table rollout_revision (
  environment varchar(64)   not null,
  model       varchar(128)  not null,
  revision    varchar(128)  not null,
  version     integer       not null,
  manifest    varchar(1048576) not null,
  seen_at     timestamp with time zone not null,
  primary key (environment, model, revision)
);
