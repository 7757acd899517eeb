"""Security of the web layer: response headers, CSRF tokens, cookies.

Every state-changing request from a browser (all forms, and API calls authenticated by the
session cookie) carries a CSRF token that a page of another site can neither read nor compute:

- **signed in**: ``HMAC(secret key, "csrf-session:" + session id)``. The session id lives only
  in the HttpOnly session cookie and on the server (as a digest), so the token is bound to
  this session: it changes at every sign-in, dies with the session, and a nonce cookie
  planted by someone else (cookie tossing from a sibling subdomain) gives no valid token;
- **before sign-in** (the sign-in and language forms): a signed double-submit of a random
  nonce held in an HttpOnly, SameSite=Strict cookie, ``HMAC(secret key, "csrf:" + nonce)``.

API calls with ``Authorization: Bearer`` carry no ambient credential and need no token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

NONCE_COOKIE = "bd_csrf"
SESSION_COOKIE = "bd_session"
LANG_COOKIE = "bd_lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Swagger UI sets inline styles; its page (the API docs, no personal data) relaxes style-src.
_CSP_DOCS = _CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def csrf_token(secret_key: str, nonce: str) -> str:
    """The pre-session token of a browser's nonce."""
    return hmac.new(secret_key.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def session_csrf_token(secret_key: str, session_secret: str) -> str:
    """The token of a signed-in session (its id is the session cookie's value)."""
    message = f"csrf-session:{session_secret}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def csrf_matches(expected: str, submitted: str | None) -> bool:
    """Constant-time comparison of the expected token with the submitted one."""
    if not submitted:
        return False
    return hmac.compare_digest(expected.encode(), str(submitted).encode())


def is_secure(connection: HTTPConnection, forced: bool | None) -> bool:
    return forced if forced is not None else connection.url.scheme == "https"


class SecurityMiddleware:
    """Adds the security headers to every response and gives each browser its CSRF nonce."""

    def __init__(self, app: ASGIApp, secure_cookies: bool | None = None) -> None:
        self.app = app
        self.secure_cookies = secure_cookies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        nonce = connection.cookies.get(NONCE_COOKIE)
        fresh = not nonce or len(nonce) < 20
        if fresh:
            nonce = secrets.token_urlsafe(24)
        scope.setdefault("state", {})["csrf_nonce"] = nonce
        secure = is_secure(connection, self.secure_cookies)
        path = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                names = {name.lower() for name, _ in headers}
                csp = _CSP_DOCS if path == "/api/docs" else _CSP
                extra = [
                    (b"content-security-policy", csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                if not path.startswith("/static/") and b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                if secure:
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                if fresh and not path.startswith(("/static/", "/api/")):
                    cookie = f"{NONCE_COOKIE}={nonce}; Path=/; HttpOnly; SameSite=Strict"
                    extra.append(
                        (b"set-cookie", (cookie + ("; Secure" if secure else "")).encode())
                    )
                headers.extend(extra)
            await send(message)

        await self.app(scope, receive, send_with_headers)
