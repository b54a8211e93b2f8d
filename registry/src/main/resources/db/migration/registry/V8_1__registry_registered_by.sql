-- "What did I register lately" (the web UI's home page for an engineer) without a scan of every version.
create index registry_entity_registered_by on registry_entity (kind, registered_by, registered_at);
