"""Reading rendered reports back: the numbers a report shows, keyed by the cell they name."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Shown:
    ref: str
    field: str
    text: str
    status: str | None = None


@dataclass
class _State:
    row_ref: str | None = None
    cell: dict | None = None
    parts: list[str] = field(default_factory=list)


class ReportCells(HTMLParser):
    """Every `<td data-field>` with the cell it names (its own data-ref or its row's)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[Shown] = []
        self.images: list[dict[str, str]] = []
        self.captions = 0
        self.lang: str | None = None
        self._state = _State()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "tr":
            self._state.row_ref = attributes.get("data-ref")
        elif tag == "td" and "data-field" in attributes:
            self._state.cell = attributes
            self._state.parts = []
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "caption":
            self.captions += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._state.cell is not None:
            cell = self._state.cell
            self.cells.append(
                Shown(
                    ref=cell.get("data-ref") or self._state.row_ref or "",
                    field=cell["data-field"],
                    text=" ".join("".join(self._state.parts).split()),
                    status=cell.get("data-status"),
                )
            )
            self._state.cell = None
        elif tag == "tr":
            self._state.row_ref = None

    def handle_data(self, data: str) -> None:
        if self._state.cell is not None:
            self._state.parts.append(data)


def parse(html: str) -> ReportCells:
    parser = ReportCells()
    parser.feed(html)
    return parser
