-- What the supervision of active runs asks the index for, derived from the run's current attempt: its number,
-- its launcher, the Steward instance that looks after it, and until when it may run (set once launched); and
-- whether the run succeeded with a version whose promotion its plan wants but has not been asked for yet.
alter table retrain_run add column attempt_number integer;
alter table retrain_run add column launcher varchar(32);
alter table retrain_run add column owner_instance varchar(200);
alter table retrain_run add column deadline timestamp with time zone;
alter table retrain_run add column promotion_pending boolean default false not null;
create index retrain_run_deadline on retrain_run (state, deadline);
create index retrain_run_owner on retrain_run (state, owner_instance);
create index retrain_run_promotion on retrain_run (promotion_pending);

-- Row locks are striped now (plan#<n>, run#<n>: a fixed set, made at first use); the per-run rows go. When drift
-- last started a run is read from the runs themselves, so the gate table goes too.
delete from retrain_lock;
drop table retrain_drift_gate;
