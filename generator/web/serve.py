"""Starting and stopping the server: loopback only, a new secret each start, the browser opened."""

from __future__ import annotations

import secrets
import socket
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path

from generator.errors import UsageError
from generator.pdf import find_soffice
from generator.web.app import create_app
from generator.web.desk import Desk
from generator.web.guard import SECRET_PARAMETER

HOST = "127.0.0.1"  # never another interface: the page is for this PC only
DEFAULT_PORT = 8765


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1: the port asked for, or any free one when it is taken."""
    for candidate in (port, 0):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind((HOST, candidate))
        except OSError:
            sock.close()
            continue
        sock.listen(64)
        return sock
    raise UsageError(f"Không mở được cổng nào trên {HOST}.")


def serve(
    folder: Path,
    port: int = DEFAULT_PORT,
    open_browser: bool = True,
    announce: Callable[[str], None] = print,
) -> None:
    """Runs until Ctrl+C. `folder` is the office folder (inputs/, outputs/, archive/)."""
    import uvicorn

    if not folder.is_dir():
        raise UsageError(f"Không có thư mục '{folder}'.")
    (folder / "inputs").mkdir(exist_ok=True)  # where the dropped workbooks go
    sock = bind(port)
    actual = sock.getsockname()[1]
    secret = secrets.token_urlsafe(24)
    desk = Desk(folder, secret)
    desk.office.start(find_soffice())  # warm LibreOffice in the background, for the first preview
    url = f"http://{HOST}:{actual}/?{SECRET_PARAMETER}={secret}"
    config = uvicorn.Config(create_app(desk, actual), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)

    def open_page() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        announce(f"Trang của ntm cho thư mục {desk.folder}:\n  {url}\nĐể dừng: bấm Ctrl+C trong cửa sổ này.")
        if open_browser:
            webbrowser.open(url)

    threading.Thread(target=open_page, daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # Ctrl+C is how the clerk stops the page: uvicorn has already finished the requests
    finally:
        desk.close()
        sock.close()
    announce("Đã dừng trang của ntm.")
