"""Is the port free before gunicorn starts? If not, name the process holding it and the option to change."""

from __future__ import annotations

import errno
import os
import socket
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
LISTEN = "0A"  # the TCP state column of /proc/net/tcp for a listening socket


@dataclass(frozen=True)
class Holder:
    """The process listening on a port, as far as /proc shows it."""

    pid: int
    command: str


class PortUnavailable(RuntimeError):
    """The port cannot be bound; the message says who holds it and what to change."""


def check_port(host: str, port: int, option: str = "--port N (or AGREED_PORT)") -> None:
    """Bind and release host:port as gunicorn would; raise PortUnavailable saying what to do."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind((host, port))
        except OSError as error:
            raise PortUnavailable(_explain(error, host, port, option)) from error


def _explain(error: OSError, host: str, port: int, option: str) -> str:
    if error.errno == errno.EACCES:
        return f"port {port} needs root on this machine; choose a port above 1023 with {option}"
    if error.errno != errno.EADDRINUSE:
        return (
            f"cannot listen on {host}:{port} ({error.strerror}); choose another port with {option}"
        )
    holder = port_holder(port)
    who = (
        f"process {holder.pid} ({holder.command})"
        if holder
        else "another process (not visible to this user)"
    )
    stop = f"stop it (kill {holder.pid}) or " if holder else ""
    return (
        f"port {port} on {host} is already in use by {who}: {stop}choose another port with {option}"
    )


def port_holder(port: int, proc: Path = PROC) -> Holder | None:
    """The process with a socket listening on the port (IPv4 or IPv6), from /proc/net and /proc/*/fd."""
    sockets = {f"socket:[{inode}]" for inode in _listening_inodes(port, proc)}
    if not sockets:
        return None
    for fd_dir in proc.glob("[0-9]*/fd"):
        if _holds_any(fd_dir, sockets):
            return Holder(int(fd_dir.parent.name), _command(fd_dir.parent))
    return None


def _listening_inodes(port: int, proc: Path) -> set[str]:
    inodes = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (proc / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == LISTEN and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(inode)
    return inodes


def _holds_any(fd_dir: Path, sockets: set[str]) -> bool:
    """Does this process have one of the sockets open? (False when it ended or is not ours to read.)"""
    try:
        entries = list(fd_dir.iterdir())
    except OSError:
        return False
    for entry in entries:
        try:
            if os.readlink(entry) in sockets:
                return True
        except OSError:
            continue
    return False


def _command(process: Path) -> str:
    try:
        words = (process / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    command = " ".join(word.decode(errors="replace") for word in words if word) or "?"
    return command if len(command) <= 100 else command[:97] + "..."
