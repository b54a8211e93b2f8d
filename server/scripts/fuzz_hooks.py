"""Schemathesis hooks for server/scripts/fuzz-api.sh (loaded through SCHEMATHESIS_HOOKS=fuzz_hooks).

- Check `no_commit_from_rejected_request`: a request answered 4xx or 5xx must leave the registry
  repository where it was (bad input changes nothing). The repository's HEAD is read right before and
  right after each call; the run uses one worker, so nothing else moves it in between.
- The drift endpoints read JSON lines and CSV: their generated text bodies are sent as text.
- `POST /api/v1/imports/mlflow` calls the tracking server a request names in `trackingUri`; generated
  values are dropped so that fuzzing never makes Steward connect to arbitrary hosts (without one, and
  with none configured, the import is refused with 400 before any connection).
"""

import os
import subprocess

import schemathesis

REPOSITORY = os.environ["STEWARD_FUZZ_REPOSITORY"]

schemathesis.serializer.alias("application/x-ndjson", "text/plain")
schemathesis.serializer.alias("text/csv", "text/plain")

_heads_before = {}
_moves = {}


def _head():
    result = subprocess.run(
        ["git", "--git-dir", REPOSITORY, "rev-parse", "--verify", "--quiet", "HEAD"],
        capture_output=True, text=True, check=False)
    return result.stdout.strip() or None


@schemathesis.hook
def map_body(context, body):
    if context.operation is not None and context.operation.path == "/api/v1/imports/mlflow" \
            and isinstance(body, dict):
        body.pop("trackingUri", None)
    return body


@schemathesis.hook
def before_call(context, case, kwargs):
    _heads_before[case.id] = _head()


@schemathesis.hook
def after_call(context, case, response):
    before = _heads_before.pop(case.id, None)
    # keyed by the response object (kept alive here), since a check may run again on a replayed response
    _moves[id(response)] = (response, before, _head())


@schemathesis.check
def no_commit_from_rejected_request(ctx, response, case):
    """A refused request (status >= 400) made no commit in the registry repository."""
    recorded = _moves.get(id(response))
    if recorded is None or response.status_code < 400:
        return None
    _, before, after = recorded
    if before != after:
        raise AssertionError(
            f"{case.operation.label} answered {response.status_code} but the registry repository moved "
            f"from {before} to {after}")
    return None
