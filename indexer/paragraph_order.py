"""After typing: numbered paragraphs keep their plain ids, every paragraph gets its section, and
each footnote goes right after the paragraph that cites it."""

from __future__ import annotations

from indexer.clean_blocks import Block
from indexer.model import Paragraph


def numbered_ids_first(paragraphs: list[Paragraph]) -> None:
    """ "op1" is operative paragraph 1: an unnumbered one ("Resolves that:") before it yields the id."""
    by_id = {p.id: p for p in paragraphs}
    renames: dict[str, str] = {}
    for numbered in paragraphs:
        base, _, suffix = numbered.id.rpartition("-")
        plain = by_id.get(base)
        if numbered.kind != "operative" or suffix != "2" or plain is None:
            continue
        if (
            plain.kind == "operative"
            and plain.number is None
            and base.endswith(f"op{numbered.number}")
        ):
            renames[base], renames[numbered.id] = numbered.id, base
    if not renames:
        return
    for paragraph in paragraphs:
        owner = paragraph.id if paragraph.id in renames else paragraph.parent
        if owner in renames:
            paragraph.id = renames[owner] + paragraph.id[len(owner) :]
            paragraph.parent = renames.get(paragraph.parent or "", paragraph.parent)


def give_sections(paragraphs: list[Paragraph]) -> None:
    """Each paragraph falls under the headings above it; a run of headings ("II", its title) is one."""
    run: list[str] = []
    previous: Paragraph | None = None
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            run = (
                [*run, paragraph.text]
                if previous and previous.kind == "heading"
                else [paragraph.text]
            )
        paragraph.section = " — ".join(run) or None
        previous = paragraph


def attach_footnotes(paragraphs: list[Paragraph], footnotes: list[Block]) -> list[Paragraph]:
    out: list[Paragraph] = []
    taken = {p.id for p in paragraphs}
    pending = {note.marker: note for note in footnotes if note.marker}
    for paragraph in paragraphs:
        out.append(paragraph)
        ids = []
        for marker in paragraph.footnotes:
            note = pending.pop(marker, None)
            if note is None:
                continue
            fid = unique_id(f"fn{marker}" if marker.isdigit() else f"fnstar{len(marker)}", taken)
            out.append(
                Paragraph(
                    fid,
                    "footnote",
                    marker,
                    note.text,
                    parent=paragraph.id,
                    page=note.page,
                    section=paragraph.section,
                )
            )
            ids.append(fid)
        paragraph.footnotes = ids
    for marker, note in pending.items():  # cited from a trailer line: kept, unattached
        if not marker.isdigit():
            continue  # "* Any changes to the list of sponsors ...": a note on the header
        fid = unique_id(f"fn{marker}" if marker.isdigit() else f"fnstar{len(marker)}", taken)
        out.append(Paragraph(fid, "footnote", marker, note.text, page=note.page))
    return out


def unique_id(pid: str, taken: set[str]) -> str:
    """A repeated id takes a counter: fn1, fn1-2."""
    base, n = pid, 2
    while pid in taken:
        pid, n = f"{base}-{n}", n + 1
    taken.add(pid)
    return pid
