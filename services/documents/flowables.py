"""ReportLab flowables for the fixed parts of a Decree 30 document (header, title, signature).

These parts are drawn line by line on the canvas rather than with tables of paragraphs, so
that the rules sit exactly under their text and "Số:" and the date share one baseline. Only
imported while rendering (it imports ReportLab at module level for its base classes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from services.documents.fonts import FontFamily
from services.documents.model import Header, RenderInfo, Signature

ASCENT = 0.891  # Times New Roman / Liberation Serif hhea ascender per em
DESCENT = 0.216
SINGLE = 1.15  # Word's "single" line spacing for these fonts, per em
RULE_WIDTH = 0.6  # pt
RULE_GAP = 3.5  # pt between a line box's bottom and its rule
SIGNING_SPACE = 32 * mm  # blank space for signature and seal (spec: about 30–37 mm)


def balanced_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Wrap ``text`` into as few lines as fit ``width``, made as even as possible.

    A long summary line broken greedily often leaves one word alone on its last line; the
    narrowest width that still gives the same number of lines balances them.
    """
    lines = simpleSplit(text, font, size, width)
    if len(lines) <= 1:
        return lines
    low, high = width / len(lines), width
    for _ in range(14):
        middle = (low + high) / 2
        if len(simpleSplit(text, font, size, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return simpleSplit(text, font, size, high)


@dataclass
class _Text:
    font: str
    size: float
    text: str
    x: float  # centre, or left edge when ``left``
    baseline: float  # distance from the flowable's top
    left: bool = False


@dataclass
class _Rule:
    x1: float
    x2: float
    y: float  # distance from the flowable's top


class _Drawn(Flowable):
    """A flowable made of positioned text lines and rules, measured from its top edge."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[_Text] = []
        self.rules: list[_Rule] = []
        self.height = 0.0

    def centred(self, font: str, size: float, text: str, centre: float, baseline: float) -> None:
        self.texts.append(_Text(font, size, text, centre, baseline))

    def rule_under(self, centre: float, length: float, baseline: float, size: float) -> float:
        y = baseline + DESCENT * size + RULE_GAP
        self.rules.append(_Rule(centre - length / 2, centre + length / 2, y))
        return y

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setStrokeColorRGB(0, 0, 0)
        for t in self.texts:
            canvas.setFont(t.font, t.size)
            if t.left:
                canvas.drawString(t.x, self.height - t.baseline, t.text)
            else:
                canvas.drawCentredString(t.x, self.height - t.baseline, t.text)
        canvas.setLineWidth(RULE_WIDTH)
        for r in self.rules:
            canvas.line(r.x1, self.height - r.y, r.x2, self.height - r.y)


class HeaderBlock(_Drawn):
    """Boxes 1–4: a borderless two-column header whose second row is "Số:" | date."""

    def __init__(self, header: Header, fonts: FontFamily, left: float, right: float) -> None:
        super().__init__()
        self.width = left + right
        self._lay_out(header, fonts, left, right)

    def _lay_out(self, h: Header, f: FontFamily, left: float, right: float) -> None:
        cl, cr = left / 2, left + right / 2
        baseline, size = 0.0, 13.0
        bottom_left = 0.0
        lines: list[tuple[str, str]] = []
        if h.parent_body:
            lines += [(f.regular, x) for x in simpleSplit(h.parent_body, f.regular, size, left)]
        body_lines = [x for line in h.body_lines for x in simpleSplit(line, f.bold, size, left)]
        lines += [(f.bold, x) for x in body_lines]
        for i, (font, text) in enumerate(lines):
            baseline = ASCENT * size + i * SINGLE * size
            self.centred(font, size, text, cl, baseline)
        if body_lines:
            longest = max(stringWidth(x, f.bold, size) for x in body_lines)
            bottom_left = self.rule_under(cl, 0.4 * longest, baseline, size)
        national = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        motto = "Độc lập - Tự do - Hạnh phúc"
        n_size = 13.0 if stringWidth(national, f.bold, 13) + 2 * mm <= right else 12.0
        m_size = 14.0 if stringWidth(motto, f.bold, 14) + 2 * mm <= right else 13.0
        b1 = ASCENT * n_size
        self.centred(f.bold, n_size, national, cr, b1)
        b2 = b1 + SINGLE * m_size
        self.centred(f.bold, m_size, motto, cr, b2)
        bottom_right = self.rule_under(cr, stringWidth(motto, f.bold, m_size), b2, m_size)
        row2 = max(bottom_left, bottom_right) + 6
        date = h.date_line
        d_size = next(
            (s for s in (14.0, 13.0, 12.0) if stringWidth(date, f.italic, s) <= right), 12.0
        )
        shared = row2 + ASCENT * 14
        self.centred(f.regular, 13, h.number_line, cl, shared)
        self.centred(f.italic, d_size, date, cr, shared)
        self.height = shared + DESCENT * 14

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height


class CentredBlock(_Drawn):
    """Centred lines (type name + summary, or an annex's label/title/reference) with a rule.

    ``items`` are (font, size, text); each is wrapped into balanced lines. The rule goes under
    the last item, ``rule_ratio`` times that item's longest line.
    """

    def __init__(
        self,
        items: Sequence[tuple[str, float, str]],
        width: float,
        *,
        rule_ratio: float = 0.4,
        space_before: float = 0,
        space_after: float = 0,
    ) -> None:
        super().__init__()
        self.width = width
        baseline = 0.0
        first = True
        longest = 0.0
        size = 14.0
        for font, size, text in items:
            for line in balanced_lines(text, font, size, width):
                baseline = ASCENT * size if first else baseline + SINGLE * size
                first = False
                self.centred(font, size, line, width / 2, baseline)
            longest = max(
                stringWidth(x, font, size) for x in balanced_lines(text, font, size, width)
            )
        bottom = baseline + DESCENT * size
        if rule_ratio:
            bottom = self.rule_under(width / 2, rule_ratio * longest, baseline, size)
        self.height = bottom
        self.spaceBefore = space_before
        self.spaceAfter = space_after

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height


class SignatureBlock(_Drawn):
    """Boxes 9b | 7a–7c: "Nơi nhận:" and its list beside the signing authority and name.

    The blank signing space is left empty; its absolute position is recorded in ``info`` so
    that an empty PDF signature field can be placed exactly over it.
    """

    def __init__(
        self,
        signature: Signature,
        recipients: Sequence[str] | None,
        fonts: FontFamily,
        left: float,
        right: float,
        info: RenderInfo,
    ) -> None:
        super().__init__()
        self.width = left + right
        self.info = info
        cr = left + right / 2
        size = 14.0
        baseline = ASCENT * size
        for i, line in enumerate(signature.title_lines):
            baseline = ASCENT * size + i * SINGLE * size
            self.centred(fonts.bold, size, line, cr, baseline)
        space_top = baseline + DESCENT * size
        self.space = (left, space_top, left + right, space_top + SIGNING_SPACE)
        name_baseline = space_top + SIGNING_SPACE + ASCENT * size
        if signature.name:
            self.centred(fonts.bold, size, signature.name, cr, name_baseline)
        right_bottom = name_baseline + DESCENT * size
        y = ASCENT * size
        if recipients is None:  # a form: nothing on the left
            self.height = right_bottom
            return
        # "Nơi nhận:" sits level with the first authority line.
        self.texts.append(_Text(fonts.bold_italic, 12, "Nơi nhận:", 0, ASCENT * size, left=True))
        for line in recipients:
            for j, part in enumerate(simpleSplit(line, fonts.regular, 11, left - 2 * mm)):
                y += SINGLE * 11
                self.texts.append(_Text(fonts.regular, 11, part, 2 * mm if j else 0, y, left=True))
        self.height = max(right_bottom, y + DESCENT * 11)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        super().draw()
        x1, top, x2, bottom = self.space
        ax1, ay1 = self.canv.absolutePosition(x1, self.height - bottom)
        ax2, ay2 = self.canv.absolutePosition(x2, self.height - top)
        self.info.signing_page = self.canv.getPageNumber() - 1
        self.info.signing_box = (ax1, ay1, ax2, ay2)
