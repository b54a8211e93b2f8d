-- Events announced for commits indexed before the application's listeners exist (the catch-up at start-up, a
-- commit during start-up) are owed: the commit after which they are owed ('' for the first commit) is kept here
-- in the index transaction, and they are published once the context is refreshed (RegistryIndex.startAnnouncing).
alter table registry_index_state add column owed_from varchar(64);
