"""A small client of ClamAV's daemon (clamd): the INSTREAM command over a Unix or TCP socket.

clamd's protocol is a few lines (man clamd: "zINSTREAM", chunks each prefixed by its length as four
bytes in network order, a zero length to end; the reply "stream: OK" or "stream: <name> FOUND").
The PyPI client ``clamd`` has not been released since 2014, so the few lines live here.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

CHUNK = 64 * 1024


class ScanError(Exception):
    """clamd could not be reached or could not scan: the file stays 待查毒 and is scanned again."""


def _connect(url: str, timeout: float) -> socket.socket:
    parts = urlsplit(url)
    try:
        if parts.scheme == "unix":
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(parts.path)
        elif parts.scheme == "tcp":
            sock = socket.create_connection((parts.hostname, parts.port or 3310), timeout=timeout)
        else:
            raise ScanError(f"CLAMD_URL must be unix:///path or tcp://host:port, got {url!r}")
    except OSError as error:
        raise ScanError(f"clamd unreachable at {url}: {error}") from error
    return sock


def scan(stream, url: str, timeout: float = 60) -> str | None:
    """The name of what clamd found in ``stream`` (a binary file object), or None if it is clean."""
    with _connect(url, timeout) as sock:
        try:
            sock.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK):
                sock.sendall(len(chunk).to_bytes(4, "big") + chunk)
            sock.sendall(b"\0\0\0\0")
            reply = _reply(sock)
        except OSError as error:
            raise ScanError(f"clamd at {url} failed: {error}") from error
    return _verdict(reply)


def _reply(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\0"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.rstrip(b"\0").decode(errors="replace").strip()


def _verdict(reply: str) -> str | None:
    result = reply.partition(": ")[2] if ": " in reply else reply
    if result == "OK":
        return None
    if result.endswith(" FOUND"):
        return result.removesuffix(" FOUND")
    raise ScanError(f"clamd answered {reply!r}")
