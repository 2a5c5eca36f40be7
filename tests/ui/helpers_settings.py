"""Helpers for the settings and welcome tests: web servers that are not OpExDesk (plain
http, and https with a self-signed certificate) to check the "Test connection" messages."""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class _NotOurs(http.server.BaseHTTPRequestHandler):
    """Answers like a router's login page: HTML, no OpExDesk signature."""

    def do_GET(self) -> None:  # noqa: N802
        body = b"<html>router login</html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@dataclass(frozen=True)
class ForeignServers:
    plain: str  # http://127.0.0.1:port
    tls: str  # https://127.0.0.1:port with a self-signed certificate
    certificate: Path  # that certificate (works as its own CA file)


@contextmanager
def foreign_servers(tmp: Path) -> Iterator[ForeignServers]:
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    plain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotOurs)
    tls = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotOurs)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    tls.socket = context.wrap_socket(tls.socket, server_side=True)
    for server in (plain, tls):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield ForeignServers(
            f"http://127.0.0.1:{plain.server_port}", f"https://127.0.0.1:{tls.server_port}", cert
        )
    finally:
        for server in (plain, tls):
            server.shutdown()
            server.server_close()


def mnemonics(root: QWidget) -> list[str]:
    """The Alt+letter keys of the visible labels, buttons and tabs under ``root``."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar

    texts: list[str] = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if widget.isVisibleTo(root):
            texts.append(widget.text())
    for bar in root.findChildren(QTabBar):
        texts += [bar.tabText(i) for i in range(bar.count())]
    keys = []
    for text in texts:
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            keys.append(match.group(1).lower())
    return keys
