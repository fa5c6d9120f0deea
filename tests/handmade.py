"""A hand-made set of four resolutions with every field and text feature the engine contract tests use."""

from __future__ import annotations

import re

from indexer.model import Paragraph, Resolution


def _p(pid, kind, text, verb=None, cites=()):
    number = re.sub(r"\D", "", pid) or None
    return Paragraph(pid, kind, number, text, verb=verb, cites=list(cites))


def hand_made() -> list[Resolution]:
    """Four documents with every field and text feature a behaviour below relies on."""
    ga = "General Assembly"
    return [
        Resolution(
            "A/RES/74/1",
            ga,
            "resolution",
            74,
            "Third Committee",
            agenda_items=["107"],
            sponsors=["France", "Côte d’Ivoire"],
            date="2019-12-18",
            title="Capacity-building against cybercrime",
            source="unga/A_RES_74_1.pdf",
            paragraphs=[
                _p(
                    "pp1",
                    "preambular",
                    "Recalling its resolution 65/230 on the implementation of the Programme,",
                    "recall",
                    ["65/230"],
                ),
                _p(
                    "op1",
                    "operative",
                    "Requests the Secretary-General to continue capacity-building in Côte d’Ivoire;",
                    "request",
                ),
                _p(
                    "op2",
                    "operative",
                    "Decides to remain seized of the matter <urgent> & important;",
                    "decide",
                ),
            ],
        ),
        Resolution(
            "A/RES/70/5",
            ga,
            "resolution",
            70,
            "Second Committee",
            agenda_items=["20 (a)"],
            sponsors=["Brazil"],
            date="2015-12-22",
            title="Sustainable development",
            source="unga/A_RES_70_5.pdf",
            paragraphs=[
                _p(
                    "pp1",
                    "preambular",
                    "Noting the capacity building needs of developing countries,",
                    "note",
                ),
                _p(
                    "op1",
                    "operative",
                    "Calls for implementing sustainable development, development cooperation and development finance;",
                    "call",
                ),
                _p("op1a", "subparagraph", "women and girls in rural areas;"),
            ],
        ),
        Resolution(
            "S/RES/2334 (2016)",
            "Security Council",
            "resolution",
            None,
            None,
            date="2016-12-23",
            title="The situation in the Middle East",
            source="unsc/S_RES_2334.txt",
            paragraphs=[
                _p(
                    "op1",
                    "operative",
                    "Reaffirms that the establishment of settlements has no legal validity;",
                    "reaffirm",
                ),
                _p(
                    "op2",
                    "operative",
                    "Underlines that girls and boys and women are protected;",
                    "underline",
                ),
            ],
        ),
        Resolution(
            None,
            ga,
            "draft resolution",
            74,
            "Third Committee",
            sponsors=["France"],
            date="2019-11-01",
            title="Girls",
            source="seeds/000_abc.txt",
            paragraphs=[
                _p(
                    "op1",
                    "operative",
                    "Encourages Member States to implement national measures on girls and women;",
                    "encourage",
                ),
                _p("fn1", "footnote", "See the report on women."),
            ],
        ),
    ]


ALL = 10  # paragraphs in hand_made()

D1, D2, D3, D4 = "A/RES/74/1", "A/RES/70/5", "S/RES/2334 (2016)", "000_abc"
