"""What keeps the clerk's page the clerk's alone, on an office PC with a browser full of other sites.

- the server listens on 127.0.0.1 only (serve.py), and here refuses any request whose
  Host is not the loopback address: a foreign site that points its own name at
  127.0.0.1 (DNS rebinding) is turned away;
- a secret made at each start comes in the opening URL (`/?khoa=…`) and then lives in
  a cookie (HttpOnly, SameSite=Strict, named after the port so that two servers do not
  clash); a request without it gets a page saying how to open ntm;
- every state-changing request must come from this very page (its Origin);
- a request body larger than the upload limit is cut off with 413.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECRET_PARAMETER = "khoa"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = ("GET", "HEAD")


class BodyTooLarge(Exception):
    """The request body passed the upload limit while it was being read."""


def cookie_name(port: int) -> str:
    return f"ntm_khoa_{port}"


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _host_name(host: str) -> str:
    """'127.0.0.1:8765' → '127.0.0.1'; '[::1]:8765' → '[::1]'."""
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if ":" in host else host


def is_loopback_host(host: str, port: int) -> bool:
    if _host_name(host).lower() not in LOOPBACK_HOSTS:
        return False
    rest = host[len(_host_name(host)) :]
    return rest in ("", f":{port}")


def _cookies(header: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name:
            found[name] = value
    return found


REFUSED_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>ntm</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.5">
<h1>Không mở được trang</h1><p>{reason}</p></body></html>"""


async def _refuse(send: Send, status: int, reason: str) -> None:
    body = REFUSED_PAGE.format(reason=reason).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware in front of every route, static files included."""

    def __init__(self, app: ASGIApp, secret: str, port: int, max_body: int) -> None:
        self.app = app
        self.secret = secret
        self.port = port
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host = headers.get("host", "")
        if not is_loopback_host(host, self.port):
            await _refuse(send, 403, "Trang này chỉ mở được trên chính máy này, tại địa chỉ 127.0.0.1.")
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get(SECRET_PARAMETER, [""])[0]
        if scope["method"] == "GET" and given:
            if not hmac.compare_digest(given.encode(), self.secret.encode()):
                await _refuse(send, 403, "Mã mở trang không đúng. Hãy mở lại bằng địa chỉ mà lệnh <b>ntm serve</b> vừa in ra.")
                return
            # the secret leaves the address bar (and the history) at once: it lives on in the cookie
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [
                        (b"location", scope.get("path", "/").encode("utf-8")),
                        (
                            b"set-cookie",
                            f"{cookie_name(self.port)}={self.secret}; Path=/; HttpOnly; SameSite=Strict".encode(),
                        ),
                        (b"content-length", b"0"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        cookie = _cookies(headers.get("cookie", "")).get(cookie_name(self.port), "")
        if not hmac.compare_digest(cookie.encode(), self.secret.encode()):
            await _refuse(
                send,
                403,
                "Trang của ntm chỉ mở được bằng địa chỉ có mã bí mật mà lệnh <b>ntm serve</b> in ra "
                "(mỗi lần chạy một mã mới). Hãy mở đúng địa chỉ đó.",
            )
            return
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin", "")
            if not origin.startswith("http://") or not is_loopback_host(origin.removeprefix("http://"), self.port):
                await _refuse(send, 403, "Yêu cầu không đến từ trang của ntm nên bị từ chối.")
                return
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > self.max_body:
                await _refuse(send, 413, f"Tệp gửi lên quá lớn (giới hạn {self.max_body // (1024 * 1024)} MB mỗi lần).")
                return
            receive = self._limited(receive)
        await self.app(scope, receive, self._hardened(send))

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise BodyTooLarge()
            return message

        return limited

    @staticmethod
    def _hardened(send: Send) -> Send:
        async def hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                    (
                        b"content-security-policy",
                        b"default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
                    ),
                ]
                message["headers"] = headers
            await send(message)

        return hardened
