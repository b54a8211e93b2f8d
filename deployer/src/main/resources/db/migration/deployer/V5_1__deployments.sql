-- Desired deployments, owned by the deployer: derived from deployments/<environment>/<model>.yaml in the
-- registry repository and rebuildable from it. They replace the tables the approval gates kept before
-- the deployer owned deployments; the index replays Git once to fill them.

drop table if exists deployment_history;
drop table if exists deployment;

create table deployment (
  environment varchar(64)  not null,
  model       varchar(128) not null,
  version     integer      not null,
  action      varchar(16)  not null,
  target      varchar(16)  not null,
  written_by  varchar(256) not null,
  written_at  timestamp with time zone not null,
  commit_id   varchar(64)  not null,
  document    varchar(1048576) not null,
  primary key (environment, model)
);

-- Every desired state a model ever had in an environment, in commit order (seq): the ladder, the soak
-- rule and rollback read it.
create table deployment_history (
  environment          varchar(64)  not null,
  model                varchar(128) not null,
  commit_id            varchar(64)  not null,
  seq                  bigint       not null,
  version              integer      not null,
  model_version_digest varchar(71)  not null,
  action               varchar(16)  not null,
  written_at           timestamp with time zone not null,
  primary key (environment, model, commit_id)
);
create index deployment_history_order on deployment_history (environment, model, seq);

-- replay the repository once so the tables above are filled from the deployment records in Git
update registry_index_state set last_commit = null;
