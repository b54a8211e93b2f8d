"""Python client of Steward's REST API.

``steward_client.Steward`` is a thin hand-written layer for the common calls (``register_version``,
``promote``, ``rollback``, ``compare``, and the JSON-lines drift uploads); ``steward_client.generated`` is
generated from Steward's OpenAPI document (server/api/openapi.json) by openapi-python-client and covers
every operation.
"""

from ._steward import Steward, StewardError

__all__ = ["Steward", "StewardError"]
