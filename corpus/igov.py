"""General Assembly agendas from the UN iGov API: fetched as the API returns them, read by their content.

`GET /igov/api/getlookups/getAgendas/80` answers a JSON list of items, each with `AG_Item` ("71 (c)"),
`AG_Title` (which may end in a space), `AG_Body` ("GA", a committee) and `AG_SessionNo`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.client import Client, FetchError
from corpus.fetch import write_atomically

IGOV = "https://igov.un.org"
_ITEM = re.compile(r"^\s*(\d+)\s*(?:\(?\s*([a-z]{1,2})\s*\)?)?\s*$", re.IGNORECASE)


@dataclass
class Agenda:
    """One session's agenda: item as printed ("71 (c)") -> its title."""

    session: int
    titles: dict[str, str] = field(default_factory=dict)
    source: str = ""


def agenda_url(base: str, session: int) -> str:
    return f"{base.rstrip('/')}/igov/api/getlookups/getAgendas/{session}"


def agenda_file(folder: Path, session: int) -> Path:
    return Path(folder) / f"agenda_{session}.json"


def normalise_item(item: str) -> str | None:
    """'71c', '71 c', '71 (c)', ' 71(c) ' -> '71 (c)'; '26' -> '26'; None when it is not an item."""
    match = _ITEM.match(item or "")
    if not match:
        return None
    number, letter = match.groups()
    return f"{int(number)} ({letter.lower()})" if letter else str(int(number))


def looks_like_agenda(data: object) -> bool:
    """The API's shape: a non-empty list of objects carrying AG_Item and AG_Title."""
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(entry, dict) and "AG_Item" in entry for entry in data[:20])
        and any("AG_Title" in entry for entry in data[:20])
    )


def parse_agenda(data: list[dict], source: str = "") -> Agenda | None:
    """The session's items and titles; None when the entries name no single session."""
    sessions = {str(e.get("AG_SessionNo", "")).strip() for e in data} - {""}
    if len(sessions) != 1 or not next(iter(sessions)).isdigit():
        return None
    agenda = Agenda(int(sessions.pop()), source=source)
    # The plenary list is the agenda; a committee's entry only fills an item the plenary lacks
    # (the API has committee entries whose numbers collide with other plenary items).
    for entry in sorted(data, key=lambda e: str(e.get("AG_Body", "")).strip() != "GA"):
        item = normalise_item(str(entry.get("AG_Item") or ""))
        title = " ".join(str(entry.get("AG_Title") or "").split())
        if item and title:
            agenda.titles.setdefault(item, title)
    return agenda


def read_agenda(path: Path) -> Agenda | None:
    """An iGov agenda file, or None when the file is something else."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return parse_agenda(data, str(path)) if looks_like_agenda(data) else None


def fetch_agenda(client: Client, folder: Path, session: int, base: str = IGOV) -> Path:
    """Save one session's agenda as the API returns it; raises FetchError when it answers otherwise."""
    response = client.get(agenda_url(base, session))
    if response.status != 200:
        raise FetchError(f"agenda of session {session}: HTTP {response.status}")
    try:
        data = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FetchError(f"agenda of session {session}: not JSON ({error})") from error
    if not looks_like_agenda(data) or parse_agenda(data) is None:
        raise FetchError(f"agenda of session {session}: not a list of agenda items")
    target = agenda_file(folder, session)
    Path(folder).mkdir(parents=True, exist_ok=True)
    write_atomically(target, response.body)
    return target
