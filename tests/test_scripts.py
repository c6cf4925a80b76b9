"""The region's scripts set as a native reader expects: words kept whole, segment breaks
of the source joined, lines far enough apart that stacked marks never touch, Chinese
punctuation, and no syllable, cluster or particle alone on the last line of a heading.

The unit tests set short texts; the slow ones build the project's content in every
language of the region once, and measure each output on its laid-out boxes and its
rendered pages."""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from booklet import paths, pdfium, segment, weasy
from booklet.build import Request, build
from booklet.compose import compose
from booklet.load import load
from booklet.render import environment, render
from booklet.segment import (KEEP_CLOSE, KEEP_OPEN, WORD_JOINER, ZERO_WIDTH_SPACE,
                             mark_breaks, mark_breaks_in_html, set_text)
from booklet.translate import load_translation, translate
from booklet.typeset import draw, typeset

from conftest import PROJECT_CONTENT

#: The languages whose marks stack above and below the line, and those without spaces.
STACKED = ("th", "km", "lo", "my")
WITHOUT_SPACES = (*STACKED, "zh-Hans")
#: A word of the termbase in each script, which ICU's dictionary splits, in a sentence.
TERMS = {
    "th": ("เด็กและผู้หญิงอยู่ห่างจาก", "ผู้ค้ามนุษย์", "ได้"),
    "lo": ("ໂຄງການຕໍ່ຕ້ານ", "ການຄ້າມະນຸດ", "ໃນພາກພື້ນ"),
    "km": ("គម្រោងប្រឆាំង", "ការជួញដូរមនុស្ស", "នៅក្នុងតំបន់"),
    "my": ("ကလေးများကို", "လူကုန်ကူးသူ", "များမှ ကာကွယ်သည်"),
    "zh-Hans": ("帮助孩子远离", "人贩子", "的伤害"),
}
#: In each script written without spaces, the end of a line of YAML text and the start of
#: the next.
LINE_ENDS = {"zh-Hans": ("上学。", "它"), "ja": ("ます。", "これ"), "th": ("โขง", "โครงการ"),
             "lo": ("ເຂົ້າໃຈ", "ງ່າຍ"), "km": ("យល់។", "ការបោះពុម្ព"), "my": ("သည်။", "၎င်း")}
#: A heading of each language whose last unit ICU finds alone: a particle, a syllable.
HEADINGS = {
    "my": "စီမံကိန်းက ကလေးများနှင့် အမျိုးသမီးများကို ဘာကြောင့် ကူညီသလဲ။",
    "th": "ทำไมเด็กอายุต่ำกว่า 15 ปีจึงไม่ควรย้ายไปทำงาน",
    "lo": "ເປັນຫຍັງເດັກອາຍຸຕໍ່າກວ່າ 15 ປີ ບໍ່ຄວນຍ້າຍໄປເຮັດວຽກ",
    "km": "ហេតុអ្វីបានជាកុមារអាយុក្រោម ១៥ ឆ្នាំ មិនគួរធ្វើការ",
    "zh-Hans": "如果有人逼我像奴隶一样干活，是我的错吗？",
    "vi": "Vì sao trẻ em dưới 15 tuổi không nên đi làm xa?",
}
#: Syllables of each script that reach far above or below the line: tone marks on upper
#: vowels, letters with tails, subscript consonants, medials and stacked consonants.
STACKS = {
    "th": "ฎีกา ปฏิบัติ กฎหมาย ญี่ปุ่น ฐานะ ปั้นดิน ฟื้นฟู ผู้ใหญ่ ปู่ย่า ตุ๊กตา บุญคุณ ภูมิใจ ชื่อ",
    "lo": "ຫຼື ນ້ຳ ເກົ້າ ຊື່ ຜູ້ ສູ້ ຟື້ນຟູ ປັ້ນ ເຫຼົ້າ ຍູ້ ລູ່ ໂຫຼ ປີ້ ຕື່ມ",
    "km": "ស្ត្រី ក្សត្រ ល្បឿន ក្បួន ឈ្លើយ ផ្ទៀងផ្ទាត់ ព្រឹក ឃ្លាំង ស្រូវ ញ្ញាណ ស្ដ្រោះ",
    "my": "ကြွေ ချွေး ဦး ပြည့် နှုတ် လျှို့ဝှက် မြှုပ် ကမ္ဘာ ကြို့ ပြွန် ဖြူ ချို ညွှန်ကြားချက်",
}
#: Rendering resolution of the ink measures, in dots per inch.
DPI = 200


def visible(text: str) -> str:
    """Return laid-out text without the characters that do not show."""
    return text.replace(ZERO_WIDTH_SPACE, "").replace(WORD_JOINER, "")


def plain(html: str) -> str:
    """Return set text without the marks and spans the setting added."""
    return html.replace(KEEP_OPEN, "").replace(KEEP_CLOSE, "").replace(ZERO_WIDTH_SPACE, "")


def breakable_inside(html: str, start: int, end: int, language: str = "") -> bool:
    """Return whether a line may break inside a stretch of set text, given by its offsets in
    the plain text: at a zero-width space, at a space outside a kept span, and anywhere
    outside one in the languages Pango breaks by itself (Thai, Chinese)."""
    if language.split("-")[0] in segment.BREAKS_BY_ITSELF and end - start > 1:
        return not any(f"{KEEP_OPEN}{plain(html)[start:end]}" in span
                       for span in re.findall(f"{re.escape(KEEP_OPEN)}.*?{KEEP_CLOSE}", html))
    position, kept = 0, False
    for piece in re.split(f"({re.escape(KEEP_OPEN)}|{re.escape(KEEP_CLOSE)}|{ZERO_WIDTH_SPACE})",
                          html):
        if piece in (KEEP_OPEN, KEEP_CLOSE):
            kept = piece == KEEP_OPEN
        elif piece == ZERO_WIDTH_SPACE:
            if start < position < end:
                return True
        else:
            for offset, character in enumerate(piece):
                if character == " " and not kept and start < position + offset + 1 < end:
                    return True
            position += len(piece)
    return False


# Words kept whole ---------------------------------------------------------------------

@pytest.mark.parametrize("language", list(TERMS))
def test_a_term_icu_would_split_is_kept_whole(language):
    before, term, after = TERMS[language]
    text = before + term + after
    kept = segment.kept_whole(language, [term], [])
    start = len(before)
    if language in segment.SEGMENTED:
        # What the issue measured: ICU's dictionary breaks inside the term.
        assert breakable_inside(mark_breaks(text, language), start, start + len(term))
    html = set_text(text, language, kept)
    assert plain(html) == text
    assert not breakable_inside(html, start, start + len(term), language), html
    assert ZERO_WIDTH_SPACE in html or language == "zh-Hans"


def test_a_term_breaks_at_its_spaces_like_any_phrase_and_latin_is_left_alone():
    assert segment.kept_whole("my", ["လိင်ပိုင်းဆိုင်ရာ အမြတ်ထုတ်ခြင်း"], []) == (
        "လိင်ပိုင်းဆိုင်ရာ", "အမြတ်ထုတ်ခြင်း")
    assert segment.kept_whole("zh-Hans", ["没有信息、没有计划就离开家"], []) == (
        "没有信息", "没有计划就离开家")
    assert segment.kept_whole("vi", ["mua bán người"], ["lao động"]) == ()


def test_the_exceptions_of_linebreaks_yaml_are_kept_whole_in_their_language():
    content = load(PROJECT_CONTENT)
    assert content.keep_together["th"] and content.keep_together["lo"]
    for language, words in content.keep_together.items():
        kept = segment.kept_whole(language, [], words)
        for word in words:
            html = set_text(f"{word}{word}", language, kept)
            assert plain(html) == word * 2
            assert not breakable_inside(html, 0, len(word), language), (language, word)


def test_a_kept_span_is_not_taken_inside_a_cluster():
    # ລູ is a word of its own, but inside ລູ່ it is half a syllable.
    assert segment.kept_spans("ລູ່ມ", "lo", ("ລູ",)) == []
    assert segment.kept_spans("ລູມ", "lo", ("ລູ",)) == [(0, 2)]


def test_a_word_joiner_glues_a_phrase_and_is_taken_out():
    thai = set_text(f"ซอย ผู้{WORD_JOINER}พิพากษา ตัดสิน", "th")
    assert thai == f"ซอย {KEEP_OPEN}ผู้พิพากษา{KEEP_CLOSE} ตัดสิน"
    lao = set_text(f"ການຄ້າ{WORD_JOINER}ມະນຸດ", "lo")
    assert lao == "ການຄ້າມະນຸດ"


def test_burmese_lines_break_between_syllables_only():
    marked = mark_breaks("ပထမ၊ ကမ္ဘာ့နိုင်ငံ အေးဂျင့်ကို ကွန်ဗင်းရှင်း", "my")
    assert "\u1039" + ZERO_WIDTH_SPACE not in marked
    assert not re.search(f"{ZERO_WIDTH_SPACE}[\u1000-\u1021]\u1037?[\u103a\u1039]", marked)
    assert marked.count(ZERO_WIDTH_SPACE) >= 4


def column(language: str, body: str, width: str = "30mm") -> str:
    """Return a page of a language with the project's stylesheets and a narrow column."""
    sheets = "".join(f'<link rel="stylesheet" href="{(paths.STYLES / name).as_uri()}" '
                     f"data-shared>" for name in ("colours.css", "common.css"))
    return (f'<html lang="{language}"><head>{sheets}<style>@page {{ size: 120mm 297mm; '
            f'margin: 5mm }} p {{ width: {width}; margin: 0 0 3mm }}</style></head>'
            f"<body>{body}</body></html>")


def lines_of_blocks(document) -> list[tuple[str, list[str]]]:
    """Return each block of a laid-out document: its text, and the text of each line."""
    blocks: dict[int, tuple[str, list[str]]] = {}
    for page in document.pages:
        for line in weasy.lines(page):
            if not line.in_margin and line.text.strip() and line.block is not None:
                source = " ".join(visible("".join(line.block.itertext())).split())
                blocks.setdefault(id(line.block), (source, []))[1].append(line.text)
    return list(blocks.values())


def split_words(blocks: list[tuple[str, list[str]]], words: tuple[str, ...]
                ) -> tuple[list[str], int]:
    """Return the words broken across two lines in blocks, and how many occurrences of
    the words the blocks hold. Two lines join where the block's text runs on from the end
    of one into the start of the next without a space."""
    split, found = [], 0
    for source, lines in blocks:
        found += sum(len(list(segment.occurrences(source, word))) for word in words)
        for upper, lower in itertools.pairwise(lines):
            tail, head = visible(upper).rstrip()[-12:], visible(lower).lstrip()[:12]
            for start in segment.occurrences(source, tail + head):
                junction = start + len(tail)
                split += [word for word in words for first in segment.occurrences(source, word)
                          if first < junction < first + len(word)]
    return split, found


def test_in_thai_a_kept_word_stays_whole_though_pango_breaks_thai_by_itself():
    words = ("ผู้ค้ามนุษย์", "การค้ามนุษย์", "ผู้หญิง", "ผู้พิพากษา")
    text = "".join(f"เด็ก{word}ได้" for word in words * 3)
    kept = segment.kept_whole("th", words[:2], words[2:])
    unkept = lines_of_blocks(typeset(column("th", f"<p>{mark_breaks(text, 'th')}</p>",
                                            "18mm")).document)
    assert split_words(unkept, words)[0]
    laid_out = lines_of_blocks(typeset(column("th", f"<p>{set_text(text, 'th', kept)}</p>",
                                              "18mm")).document)
    split, found = split_words(laid_out, words)
    assert found == 12 and not split, split


# Segment breaks -----------------------------------------------------------------------

@pytest.mark.parametrize("language", list(LINE_ENDS))
def test_a_line_break_of_the_source_between_spaceless_characters_disappears(language):
    end, start = LINE_ENDS[language]
    html = mark_breaks_in_html(f"<p>{end}\n{start}</p>", language)
    assert plain(html) == f"<p>{end}{start}</p>"
    pages = typeset(column(language, html, "100mm"))
    assert [line.text.replace(ZERO_WIDTH_SPACE, "") for line in weasy.lines(
        pages.document.pages[0])] == [end + start]
    # Beside a Latin letter, a line break stays a space.
    assert plain(set_text(f"{start}\nLatin\nword\n{end}", language)).count("\n") == 3


def test_chinese_punctuation_carries_its_own_space_and_colons_are_full_width():
    assert set_text("的事实。 每个版本", "zh-Hans") == "的事实。每个版本"
    assert set_text("儿童 （包括女孩） 和妇女", "zh-Hans") == "儿童（包括女孩）和妇女"
    assert set_text("来源: ", "zh-Hans") == "来源："
    assert set_text("国际计划 TICW 项目，第 138 号公约", "zh-Hans") == \
        "国际计划 TICW 项目，第 138 号公约"
    assert set_text("Source: ", "en") == "Source: "


def test_the_chinese_credit_reads_source_in_full_width_with_the_title_in_title_marks():
    content = load(PROJECT_CONTENT)
    translation, lines = load_translation(PROJECT_CONTENT, "zh-Hans")
    chinese = translate(content, translation, lines, ["children"], False)[0]
    edition = compose(chinese, chinese.audience("children"), "handout")
    html = render(edition, datetime.datetime(2008, 10, 24), environment())
    assert "来源：<cite>" in html and "来源:" not in html
    pages = typeset(html, "screen")
    text = "".join(line.text for page in pages.document.pages for line in weasy.lines(page))
    title = content.publication.source.title
    assert f"来源：《{title}》" in text.replace(ZERO_WIDTH_SPACE, "")


# Titles -------------------------------------------------------------------------------

def last_line_units(language: str, line: str) -> int:
    """Return how many units ICU finds on a line: words, or in Chinese characters."""
    line = visible(line).strip()
    breaker = segment.line_breaker(language.split("-")[0])
    breaker.setText(line)
    return len([offset for offset in breaker if 0 < offset]) if line else 0


@pytest.mark.parametrize("language", list(HEADINGS))
def test_a_heading_never_ends_with_one_unit_alone(language):
    heading = HEADINGS[language]
    set_heading = mark_breaks_in_html(f"<h3>{heading}</h3><p>{heading}</p>", language)
    title, paragraph = re.match("<h3>(.*)</h3><p>(.*)</p>", set_heading).groups()
    assert plain(title) == plain(paragraph) == heading
    # Every width at which the paragraph's last line holds one unit alone: the heading's
    # holds two.
    alone = 0
    for width in range(24, 100, 3):
        pages = typeset(column(language, f"<p>{title}</p><p>{paragraph}</p>", f"{width}mm"))
        blocks = [lines for _, lines in lines_of_blocks(pages.document)]
        if len(blocks[1]) > 1 and last_line_units(language, blocks[1][-1]) < 2:
            alone += 1
        if len(blocks[0]) > 1:
            assert last_line_units(language, blocks[0][-1]) >= 2, (width, blocks[0])
    assert alone, "no width left a unit alone: the test proves nothing"


def test_only_headings_and_titles_get_their_last_units_kept_together():
    html = ('<h2 id="x">ສາລະບານ ຂອງ ປຶ້ມ</h2><p class="audience">ເດັກ ແລະ ໄວໜຸ່ມ</p>'
            '<li class="question"><a href="#x">ຖາມ ຕອບ</a></li><p>ເດັກ ແລະ ໄວໜຸ່ມ</p>')
    assert mark_breaks_in_html(html, "lo").count(KEEP_OPEN) == 3
    assert mark_breaks_in_html(html, "en") == html


# Line pitch ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Gap:
    """The clear space between the ink of two lines, one under the other."""

    points: float
    page: int
    #: The tag and size of the upper line, such as ``h1 30pt``.
    role: str
    upper: str
    lower: str


def ink_gaps(document, pictures: list[Image.Image]) -> list[Gap]:
    """Return the gap between the ink of each line and of the line under it, measured on
    the rendered pages: the tallest run of blank rows between their baselines, across the
    width both lines' text covers."""
    gaps = []
    for number, (page, picture) in enumerate(zip(document.pages, pictures), 1):
        grey = picture.convert("L")
        scale = picture.width / page.width
        lines = [line for line in weasy.lines(page) if line.text.strip(ZERO_WIDTH_SPACE + " ")]
        for upper, lower in itertools.pairwise(lines):
            if lower.baseline <= upper.baseline or lower.left >= upper.right \
                    or upper.left >= lower.right:
                continue  # Side by side, or in another column.
            box = (int(min(upper.left, lower.left) * scale),
                   int(upper.baseline * scale) + 1,
                   int(max(upper.right, lower.right) * scale) + 1,
                   int(lower.baseline * scale))
            role = f"{upper.tags[-1]} {max(size for _, size, _ in upper.texts):g}pt"
            gaps.append(Gap(blank_rows(grey.crop(box)) * 72 / DPI, number, role,
                            upper.text[-12:], lower.text[:12]))
    return gaps


def blank_rows(band: Image.Image) -> int:
    """Return the tallest run of rows without ink (any pixel darker than near white)."""
    ink = band.point(lambda value: 255 if value < 240 else 0)
    tallest = run = 0
    for row in range(band.height):
        if ink.crop((0, row, band.width, row + 1)).getbbox() is None:
            run += 1
            tallest = max(tallest, run)
        else:
            run = 0
    return tallest


def rendered(html: str, tmp_path: Path) -> tuple[object, list[Image.Image]]:
    """Lay out and draw a document; return its pages and pictures of them."""
    pages = typeset(html)
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(draw(pages).pdf)
    width = int(pages.document.pages[0].width * weasy.POINT * DPI / 72)
    return pages.document, pdfium.page_images(pdf, width)


@pytest.mark.parametrize("language", STACKED)
def test_stacked_marks_never_touch_the_next_line_at_any_leading(language, tmp_path):
    # Each leading of the type scale, at a size it is used at, with the syllables that
    # reach furthest above and below, in columns of several widths so that they meet.
    roles = [("leading", "var(--body)", "normal"), ("leading-heading", "14pt", "bold"),
             ("leading-display", "30pt", "bold"), ("leading-small", "var(--tiny)", "normal")]
    body = "".join(
        f'<p style="line-height: var(--{leading}); font-size: {size}; font-weight: {weight};'
        f' width: {width}mm">{mark_breaks(STACKS[language], language)}</p>'
        for leading, size, weight in roles for width in (30, 47, 70))
    document, pictures = rendered(column(language, body), tmp_path)
    gaps = ink_gaps(document, pictures)
    assert len(gaps) > 20
    touching = [gap for gap in gaps if gap.points <= 0]
    assert not touching, touching[:5]


# Every output of the region's languages ----------------------------------------------

#: The languages built for the checks on every output; English to compare sizes with.
BUILT = ("en", *WITHOUT_SPACES, "vi")


@dataclass
class Output:
    """A built output: its language, its PDF, its laid-out pages."""

    language: str
    pdf: Path
    document: object
    #: Its path in the output folder.
    name: str


@pytest.fixture(scope="session")
def outputs(tmp_path_factory) -> list[Output]:
    """Build the children's and young migrants' screen editions in every language of the
    region (and English), country editions too, once; lay out each again from the HTML the
    build wrote."""
    out = tmp_path_factory.mktemp("scripts-build")
    build(Request(content=PROJECT_CONTENT, out=out, audiences=("children", "migrants"),
                  variants=("screen",), languages=BUILT, emit_html=True, jobs=2))
    built = []
    for pdf in sorted(out.rglob("*.pdf")):
        pages = typeset(pdf.with_suffix(".html").read_text(encoding="utf-8"), "screen")
        built.append(Output(pdf.parent.name, pdf, pages.document,
                            str(pdf.relative_to(out))))
    return built


def of(outputs: list[Output], languages: tuple[str, ...]) -> list[Output]:
    """Return the outputs in some languages, checking each has its four at least."""
    chosen = [output for output in outputs if output.language in languages]
    assert len(chosen) >= 4 * len(languages)
    return chosen


@pytest.mark.slow
def test_no_word_kept_whole_is_split_in_any_output(outputs):
    content = load(PROJECT_CONTENT)
    counts = {}
    for output in of(outputs, WITHOUT_SPACES):
        terms = [term.preferred[output.language] for term in content.terms]
        kept = segment.kept_whole(output.language, terms,
                                  content.keep_together.get(output.language, ()))
        split, found = split_words(lines_of_blocks(output.document), kept)
        assert not split, (output.name, split)
        counts[output.language] = counts.get(output.language, 0) + found
    assert all(count >= 50 for count in counts.values()), counts


@pytest.mark.slow
def test_the_ink_of_one_line_never_touches_the_next_in_any_output(outputs):
    smallest: dict[str, Gap] = {}
    for output in of(outputs, STACKED):
        width = int(output.document.pages[0].width * weasy.POINT * DPI / 72)
        gaps = ink_gaps(output.document, pdfium.page_images(output.pdf, width))
        touching = [gap for gap in gaps if gap.points <= 0]
        assert not touching, (output.name, touching[:5])
        for gap in gaps:
            key = f"{output.language} {gap.role}"
            if key not in smallest or gap.points < smallest[key].points:
                smallest[key] = gap
    # Every role of the type scale was measured on two lines at least once, covers too.
    assert {key.split()[0] for key in smallest if " h1 " in f" {key} "} >= {"my"}


@pytest.mark.slow
def test_no_heading_or_title_ends_with_one_unit_alone_in_any_output(outputs):
    checked = 0
    for output in of(outputs, (*WITHOUT_SPACES, "vi")):
        for page in output.document.pages:
            titles: dict[int, list[str]] = {}
            for line in weasy.lines(page):
                if set(line.tags) & {"h1", "h2", "h3"} or line.classes & {
                        "series", "audience", "section", "question"}:
                    titles.setdefault(id(line.block), []).append(line.text)
            for lines in titles.values():
                if len(lines) > 1:
                    checked += 1
                    assert last_line_units(output.language, lines[-1]) >= 2, (
                        output.name, lines)
    assert checked >= 20


@pytest.mark.slow
def test_chinese_outputs_have_no_latin_space_beside_chinese_punctuation(outputs):
    for output in of(outputs, ("zh-Hans",)):
        text = "".join(line.text for page in output.document.pages
                       for line in weasy.lines(page))
        assert not re.search(f"[ ][{segment.CJK_PUNCTUATION}]|[{segment.CJK_PUNCTUATION}][ ]",
                             text), output.name
        assert "来源：《" in text, output.name


@pytest.mark.slow
def test_khmer_lao_and_burmese_text_is_set_larger_than_latin(outputs):
    def body_size(output: Output) -> float:
        sizes = [size for page in output.document.pages for line in weasy.lines(page)
                 if "qa" in line.classes and "p" in line.tags for _, size, _ in line.texts]
        return max(set(sizes), key=sizes.count)

    english = {output.pdf.name: body_size(output) for output in of(outputs, ("en",))}
    for output in of(outputs, ("km", "lo", "my")):
        assert body_size(output) >= english[output.pdf.name] * 1.05, output.name
    for output in of(outputs, ("th", "vi", "zh-Hans")):
        assert body_size(output) == pytest.approx(english[output.pdf.name]), output.name
