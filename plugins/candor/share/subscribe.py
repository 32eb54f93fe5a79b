"""Following by email, and the Content-Security-Policy every page carries.

`CANDOR_SUBSCRIBE_URL` is the address the company's own mail service gives its
signup form (its `action`). With it, /feeds/ shows a plain form that posts there:
no script, and nothing is asked of that service until a reader presses the button.
The policy's `form-action` then allows that one origin besides the site's own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..build.problems import BuildStopped, Problem

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def signup_origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or " " in url:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def subscribe_settings(settings: dict) -> None:
    """The policy (`CANDOR_CSP`) and the form's settings, for every template."""
    settings.setdefault("CANDOR_SUBSCRIBE_URL", None)
    settings.setdefault("CANDOR_SUBSCRIBE_FIELD", "email")
    url = settings["CANDOR_SUBSCRIBE_URL"]
    origin = signup_origin(url) if isinstance(url, str) else None
    if url and origin is None:
        message = (
            f"is {url!r}; write the https:// address your mail service gives its signup "
            "form, or None"
        )
        raise BuildStopped([Problem("settings", "CANDOR_SUBSCRIBE_URL", message, True)])
    settings["CANDOR_CSP"] = f"{POLICY} {origin}" if origin else POLICY
