-- Four eyes on governance: a policy version takes effect only once a second policy admin approves it
-- (policies/<name>/approvals/<version>.yaml). The versions Steward registers itself ship with it and are
-- active at once; any other version indexed before this change waits for an approval.
alter table policy_version add column state varchar(16) default 'proposed' not null;
alter table policy_version add column decision varchar(65536);
update policy_version set state = 'active' where registered_by = 'steward';
create index policy_version_active on policy_version (name, state, version);
