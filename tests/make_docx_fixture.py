"""Write tests/fixtures/A_C.3_80_L.31.docx from the real draft's PDF, as a delegation's Word file would be.

Run from the repository root: `.venv/bin/python -m tests.make_docx_fixture`. The text is the draft's
own (read with the project's parser); the layout is Word's: a header block in a table, the lead
words of preambular paragraphs in italics, operative paragraphs numbered by Word itself ("List
Number" style, so their numbers are not in the text), subparagraphs with typed letters.
"""

from __future__ import annotations

from pathlib import Path

import docx

from indexer.parse import parse_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = FIXTURES / "A_C.3_80_L.31.pdf"
TARGET = FIXTURES / "A_C.3_80_L.31.docx"


def write_fixture(source: Path = SOURCE, target: Path = TARGET) -> Path:
    draft = parse_file(source)
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "United Nations"
    header.cell(0, 1).text = draft.symbol or ""
    header.cell(1, 0).text = draft.body or ""
    header.cell(1, 1).text = "Distr.: Limited\n5 November 2025\nOriginal: English"
    for line in (
        "Eightieth session",
        draft.committee or "",
        f"Agenda item {draft.agenda_items[0]}" if draft.agenda_items else "",
        draft.agenda_title or "",
        f"{' and '.join(draft.sponsors)}: draft resolution",
        draft.title or "",
        "The General Assembly,",
    ):
        if line:
            document.add_paragraph(line)
    for paragraph in draft.paragraphs:
        if paragraph.kind == "preambular":
            lead = paragraph.lead or ""
            written = document.add_paragraph()
            written.add_run(lead).italic = True
            written.add_run(paragraph.text[len(lead) :])
        elif paragraph.kind == "operative":
            document.add_paragraph(paragraph.text, style="List Number")
        elif paragraph.kind == "subparagraph":
            letter = (paragraph.number or "").split()[-1]
            document.add_paragraph(f"{letter}\t{paragraph.text}")
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(write_fixture())
