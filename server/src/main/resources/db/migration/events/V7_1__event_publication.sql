-- Spring Modulith's JDBC event publication registry (schema v2, written to run on H2 and PostgreSQL alike):
-- one row per event and durable listener, inserted in the transaction that published the event and
-- deleted once the listener completed (spring.modulith.events.completion-mode=delete); rows left over after
-- a crash are published again at start-up. Not part of the rebuildable index: a rebuild never touches it.
create table event_publication (
  id                     uuid                     not null primary key,
  listener_id            varchar(512)             not null,
  event_type             varchar(512)             not null,
  serialized_event       varchar(1000000)         not null,
  publication_date       timestamp with time zone not null,
  completion_date        timestamp with time zone,
  status                 varchar(20),
  completion_attempts    integer,
  last_resubmission_date timestamp with time zone
);
create index event_publication_by_completion_date on event_publication (completion_date);
