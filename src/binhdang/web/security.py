"""Security of the web layer: response headers, CSRF tokens, cookies.

CSRF uses signed double-submit tokens: each browser holds a random nonce in an HttpOnly,
SameSite=Strict cookie; every form carries ``HMAC(secret key, nonce)``. A page of another site
can neither read the cookie nor compute the token, so every state-changing request (all forms,
and API calls authenticated by the session cookie) is refused without it.
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
    return hmac.new(secret_key.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()


def csrf_valid(secret_key: str, nonce: str | None, submitted: str | None) -> bool:
    if not nonce or not submitted:
        return False
    return hmac.compare_digest(csrf_token(secret_key, nonce), submitted)


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
