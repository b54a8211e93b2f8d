-- Who writes the shared registry repository when several replicas run (docs/high-availability.md): the
-- replica holding the election (a PostgreSQL advisory lock or a Kubernetes Lease) bumps the generation,
-- names itself by the address the others forward writes to, and renews the row while it leads.
create table steward_leader (
  id          int primary key,
  generation  bigint not null,
  holder      varchar(1024),
  acquired_at timestamp with time zone,
  renewed_at  timestamp with time zone
);
insert into steward_leader (id, generation) values (1, 0);
