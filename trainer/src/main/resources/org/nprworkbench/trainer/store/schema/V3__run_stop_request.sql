-- Run store, schema version 3: a stop request on a run. `npr runs stop NAME` (or the window) sets it;
-- the training process reads it at every step boundary, saves a resumable checkpoint and ends the run
-- stopped. Resuming the run clears it.

alter table runs add column stop_requested_at timestamp(3) with time zone;
