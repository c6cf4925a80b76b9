"""Typesetting the languages of the Mekong region: each script in its Noto font, lines that
break between words (ICU marks the breaks where words are not spaced), no missing glyph."""

from __future__ import annotations

import icu
import pytest

from booklet import paths, weasy
from booklet.segment import ZERO_WIDTH_SPACE, mark_breaks, mark_breaks_in_html
from booklet.typeset import draw, typeset

#: A few sentences in each language: children under 15 should stay in school; the longer
#: they study, the better the job later; before leaving, learn about the job.
SAMPLES = {
    "th": "เด็กที่อายุต่ำกว่า 15 ปีควรเรียนหนังสือต่อ และไม่ควรย้ายไปทำงานที่อื่น "
          "ยิ่งเรียนนานเท่าไร ก็ยิ่งมีโอกาสได้งานที่ดีกว่าในอนาคต",
    "km": "កុមារដែលមានអាយុក្រោម ១៥ ឆ្នាំ គួរតែបន្តការសិក្សា ហើយមិនគួរចាកចេញទៅធ្វើការនៅកន្លែងឆ្ងាយទេ។ "
          "ការរៀនបានយូរ ជួយឱ្យអ្នករកការងារល្អជាងនៅពេលអនាគត។",
    "lo": "ເດັກນ້ອຍທີ່ມີອາຍຸຕໍ່າກວ່າ 15 ປີ ຄວນສືບຕໍ່ຮຽນໜັງສື ແລະ ບໍ່ຄວນຍ້າຍໄປເຮັດວຽກບ່ອນອື່ນ. "
          "ຍິ່ງຮຽນດົນເທົ່າໃດ ກໍຍິ່ງມີໂອກາດໄດ້ວຽກທີ່ດີກວ່າໃນອະນາຄົດ.",
    "my": "အသက် ၁၅ နှစ်အောက် ကလေးများသည် ကျောင်းဆက်တက်သင့်ပြီး အလုပ်လုပ်ရန် "
          "အခြားနေရာသို့ မပြောင်းရွှေ့သင့်ပါ။ ကျောင်းကြာကြာတက်လေ အနာဂတ်တွင် "
          "ပိုကောင်းသောအလုပ်ရနိုင်လေဖြစ်သည်။",
    "vi": "Trẻ em dưới 15 tuổi nên tiếp tục đi học và không nên đi nơi khác làm việc. "
          "Học càng lâu, cơ hội có việc làm tốt hơn trong tương lai càng lớn.",
    "zh-Hans": "十五岁以下的儿童应该继续上学，不应该离开家去外地工作。"
               "上学的时间越长，将来找到好工作的机会就越大。",
}
#: The column the paragraphs are set in: 45 mm, in CSS pixels.
COLUMN = 45 / 25.4 * 96


def column_html(language: str, text: str) -> str:
    """Return a paragraph in a 45 mm column, with the project's stylesheets."""
    sheets = "".join(f'<link rel="stylesheet" href="{(paths.STYLES / name).as_uri()}" '
                     f"data-shared>" for name in ("colours.css", "common.css"))
    return (f'<html lang="{language}"><head>{sheets}</head><body>'
            f'<p style="width: 45mm; margin: 0">{text}</p></body></html>')


def lines_of(pages) -> list:
    """Return the lines of the first page's paragraph."""
    return list(weasy.lines(pages.document.pages[0]))


@pytest.mark.parametrize("language", SAMPLES)
def test_a_paragraph_fits_a_narrow_column_without_missing_glyphs(language):
    pages = typeset(mark_breaks_in_html(column_html(language, SAMPLES[language]), language))
    drawn = draw(pages)
    lines = lines_of(pages)
    assert len(lines) >= 3
    widths = [line.width for line in lines]
    assert max(widths) <= COLUMN + 0.5, (max(widths), COLUMN)
    assert pages.warnings == () and drawn.warnings == ()


@pytest.mark.parametrize("language", ["km", "lo", "my"])
def test_without_the_segmenter_the_paragraph_runs_off(language):
    # The problem the segmenter solves: unsegmented, a line is wider than the column.
    pages = typeset(column_html(language, SAMPLES[language]))
    widths = [line.width for line in lines_of(pages)]
    assert max(widths) > COLUMN


def boundaries(text: str, iterator) -> set[int]:
    """Return the boundaries an ICU iterator finds in a text."""
    iterator.setText(text)
    return set(iterator)


@pytest.mark.parametrize("language", ["th", "km", "lo", "my"])
def test_breaks_fall_on_word_boundaries_and_never_inside_a_cluster(language):
    text = SAMPLES[language]
    marked = mark_breaks(text, language)
    assert marked.replace(ZERO_WIDTH_SPACE, "") == text
    positions, offset = set(), 0
    for piece in marked.split(ZERO_WIDTH_SPACE)[:-1]:
        offset += len(piece)
        positions.add(offset)
    assert len(positions) >= 5
    locale = icu.Locale(language)
    words = boundaries(text, icu.BreakIterator.createWordInstance(locale))
    clusters = boundaries(text, icu.BreakIterator.createCharacterInstance(locale))
    assert positions <= words, sorted(positions - words)
    assert positions <= clusters


def test_markup_is_left_alone():
    html = '<p title="ເດັກນ້ອຍທີ່ມີ">ເດັກນ້ອຍທີ່ມີ</p><style>p::after { content: "ເດັກນ້ອຍທີ່ມີ" }</style>'
    marked = mark_breaks_in_html(html, "lo")
    assert marked == html.replace(">ເດັກນ້ອຍທີ່ມີ<", f">ເດັກນ້ອຍ{ZERO_WIDTH_SPACE}ທີ່ມີ<")
    assert mark_breaks_in_html(html, "en") == html
