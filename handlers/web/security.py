"""Security primitives of the web page: HMAC signing, CSRF tokens, a per-IP token bucket, response headers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field


class Signer:
    """HMAC-SHA256 over text with one secret key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def sign(self, purpose: str, value: str) -> str:
        """A MAC binding `value` to `purpose` (so a token for one use is never valid for another)."""
        return hmac.new(self._key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()[:40]

    def valid(self, purpose: str, value: str, mac: str) -> bool:
        """Constant-time check of a MAC made by sign()."""
        return hmac.compare_digest(self.sign(purpose, value), mac or "")

    def csrf_token(self, browser_id: str) -> str:
        """The form token of one browser (session-bound: valid only with that browser's id cookie)."""
        return self.sign("csrf", browser_id)

    def csrf_ok(self, browser_id: str | None, token: str | None) -> bool:
        """Does a posted form token belong to this browser?"""
        return bool(browser_id) and self.valid("csrf", browser_id or "", token or "")


@dataclass
class AdminSessions:
    """Signed, expiring maintainer sessions: cookie value '<expires>.<nonce>.<mac>'; logout revokes the nonce."""

    signer: Signer
    lifetime_s: float
    _revoked: dict[str, float] = field(default_factory=dict)

    def issue(self, now: float | None = None) -> str:
        """A new session cookie value."""
        expires = int((now or time.time()) + self.lifetime_s)
        nonce = secrets.token_urlsafe(16)
        return f"{expires}.{nonce}.{self.signer.sign('admin', f'{expires}.{nonce}')}"

    def valid(self, value: str | None, now: float | None = None) -> bool:
        """Signed by us, not expired, not logged out."""
        parts = (value or "").split(".")
        if len(parts) != 3 or not parts[0].isdigit():
            return False
        expires, nonce, mac = parts
        if not self.signer.valid("admin", f"{expires}.{nonce}", mac):
            return False
        return int(expires) > (now or time.time()) and nonce not in self._revoked

    def revoke(self, value: str | None) -> None:
        """Log a session out (kept until it would have expired anyway)."""
        parts = (value or "").split(".")
        if len(parts) == 3 and parts[0].isdigit():
            now = time.time()
            self._revoked = {n: e for n, e in self._revoked.items() if e > now}
            self._revoked[parts[1]] = float(parts[0])


class RateLimiter:
    """A token bucket per key (client address): `rate` tokens a second up to `burst`; rate 0 never limits."""

    MAX_KEYS = 10_000

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)

    def allow(self, key: str, now: float | None = None) -> float:
        """0.0 if the request may go on (one token taken), else the seconds to wait before the next one."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > self.MAX_KEYS:
            self._forget_idle(now)
        return 0.0

    def _forget_idle(self, now: float) -> None:
        """Drop buckets that have refilled: forgetting them changes nothing."""
        full_after = self.burst / self.rate
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}


def security_headers(frame_ancestors: str) -> dict[str, str]:
    """Headers sent with every response: a strict CSP (no inline script or style), nosniff, no referrer leaks."""
    ancestors = frame_ancestors.strip() or "'none'"
    headers = {
        "Content-Security-Policy": (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            f"form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors {ancestors}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if not frame_ancestors.strip():
        headers["X-Frame-Options"] = "DENY"
    return headers
