"""The maintainers' password: scrypt hashes with a random salt, checked in constant time.

Make a hash for BOT_WEB_ADMIN_PASSWORD_HASH with `python -m handlers.web.passwd` (asks twice, prints the hash).
Format: scrypt$<n>$<r>$<p>$<salt, base64>$<key, base64>.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import secrets
import sys

N, R, P, KEY_BYTES = 2**14, 8, 1, 32
MIN_LENGTH = 10
_MAX_N = 2**20  # a hash asking for more work than this is refused rather than computed


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def make_hash(password: str, *, n: int = N, r: int = R, p: int = P) -> str:
    """A new salted scrypt hash of the password."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=2**27)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(key)}"


def well_formed(stored: str) -> bool:
    """Is this a hash make_hash could have written?"""
    try:
        _parse(stored)
    except ValueError:
        return False
    return True


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    scheme, n, r, p, salt, key = stored.strip().split("$")
    if scheme != "scrypt" or not (1 < int(n) <= _MAX_N) or not 0 < int(r) <= 32 or not 0 < int(p) <= 16:
        raise ValueError("not an scrypt hash of this program")
    return int(n), int(r), int(p), base64.b64decode(salt, validate=True), base64.b64decode(key, validate=True)


def verify(password: str, stored: str | None) -> bool:
    """Does the password match the stored hash? False for no hash or a malformed one; constant-time compare."""
    if not stored or not password:
        return False
    try:
        n, r, p, salt, key = _parse(stored)
    except ValueError:
        return False
    candidate = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(key), maxmem=2**27)
    return hmac.compare_digest(candidate, key)


def main() -> int:
    """Ask for the password twice and print its hash."""
    first = getpass.getpass("Mật khẩu quản trị mới: ")
    if len(first) < MIN_LENGTH:
        print(f"Mật khẩu cần ít nhất {MIN_LENGTH} ký tự.", file=sys.stderr)
        return 2
    if getpass.getpass("Nhập lại: ") != first:
        print("Hai lần nhập không khớp.", file=sys.stderr)
        return 2
    print("Đặt dòng sau vào môi trường hoặc tệp .env:")
    print(f"BOT_WEB_ADMIN_PASSWORD_HASH='{make_hash(first)}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
