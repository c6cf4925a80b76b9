"""The termbase: its schema, every avoided term found at its line in the content and the
translations, print editions refused while one is in the text, and the glossary."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from booklet.build import Request, build_with_report
from booklet.cli import main
from booklet.errors import ContentError
from booklet.load import load
from booklet.glossary import glossary
from booklet.terms import find_avoided_terms, pattern, refuse_avoided_terms, termbase_problems

from conftest import PROJECT_CONTENT, SMALL

DOCS = Path(__file__).parent.parent / "docs"
#: Why the tests of the project's own termbase may not run yet.
NO_TERMBASE = "content/terms.yaml does not exist yet: the project's termbase is being written"

TERMS = """\
terms:
  - id: sexual-exploitation
    concept: The use of a person for sex by someone who gains from it.
    preferred:
      en: sexual exploitation
      th: การแสวงประโยชน์ทางเพศ
      vi: bóc lột tình dục
    avoid:
      - term: sex work
        lang: en
        reason: A child is never a sex worker (Luxembourg Guidelines, 2016).
      - term: ขายบริการทางเพศ
        lang: th
        reason: Makes the victim the seller.
      - term: bán dâm
        lang: vi
        reason: >
          Makes the victim the seller.
  - id: migrant-worker
    concept: A person who moves to work.
    preferred:
      en: migrant worker
    avoid:
      - term: illegal migrant
        lang: en
        audiences: [pupils]
        reason: A person is not illegal.
"""

# A term split over two lines of a block, another on a later line of the same block; the
# pupils-only term in texts that only officials (and everyone) read.
QUESTIONS = """\
questions:
  - id: why-school
    question: Why stay in school?
    answer: |
      The longer you stay in school, the better the work you can find later.

      - You learn to read contracts.
      - No one may push a child into SEX
        WORK, whatever they promise.
      - Sex work is never work for a child.
    audiences: [pupils, officials]
    pictures: [school, contract, warning, child]
    versions:
      - audiences: [officials]
        question: Why keep children in school?
        answer: Some children are treated as an illegal migrant.
  - id: what-officials-do
    question: What can officials do?
    answer: They can register honest agents and help any illegal migrant.
    audiences: [officials]
"""

MISSION = """\
mission: >
  We help people move for work in safety, and
  never into sex work.
"""

# In Thai: a term in the second item of a list on one line, one broken over two lines,
# one with a zero-width space inside it.
THAI = """\
language: th
status: draft
publication:
  title: ชุดทดสอบ
audiences:
  pupils:
    key_messages: [ไปโรงเรียนก่อน, อย่าขายบริการทางเพศ]
    introduction: |
      หนังสือเล่มนี้เขียนให้คุณ ไม่มีใครควรถูกบังคับให้ขายบริการ
      ทางเพศ ถามครูถ้าไม่เข้าใจ
questions:
  why-school:
    pupils:
      question: ทำไมต้องเรียนหนังสือ
      answer: "ไม่มีใครควรขาย\u200bบริการทางเพศ\\n\\n- ก\\n- ข\\n- ค"
"""

# In Vietnamese, in capitals and decomposed (NFD), as some keyboards write it.
VIETNAMESE = unicodedata.normalize("NFD", """\
language: vi
status: draft
publication: {}
audiences:
  pupils:
    introduction: Cuốn sách này dành cho bạn.
questions:
  why-school:
    pupils:
      question: Vì sao phải đi học?
      answer: |
        Bạn đi học càng lâu, càng tốt.
        Không ai được ép trẻ em BÁN DÂM.

        - Một.
        - Hai.
        - Ba.
""")


@pytest.fixture
def planted(small_content: Path) -> Path:
    """The small fixture with a termbase, and avoided terms planted in its texts and in a
    Thai and a Vietnamese translation."""
    (small_content / "terms.yaml").write_text(TERMS, encoding="utf-8")
    (small_content / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    publication = small_content / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    start, end = text.index("mission:"), text.index("attribution:")
    publication.write_text(text[:start] + MISSION + text[end:], encoding="utf-8")
    audiences = small_content / "audiences.yaml"
    audiences.write_text(audiences.read_text(encoding="utf-8").replace(
        "This booklet is for you.", "This booklet is for you. No one is an illegal migrant."
    ).replace("This booklet is for officials.",
              "This booklet is for officials who meet an illegal migrant."), encoding="utf-8")
    translations = small_content / "translations"
    translations.mkdir()
    (translations / "th.yaml").write_text(THAI, encoding="utf-8")
    (translations / "vi.yaml").write_text(VIETNAMESE, encoding="utf-8")
    return small_content


def where(hits) -> list[tuple[str, int, str, str]]:
    """Return each hit as (file name, line, key path, term avoided)."""
    return [(Path(hit.file).name, hit.line, hit.path, hit.avoided.term) for hit in hits]


def test_every_planted_term_is_found_at_its_line(planted):
    assert where(find_avoided_terms(load(planted))) == [
        ("audiences.yaml", 5, "audiences[0].introduction", "illegal migrant"),
        ("publication.yaml", 10, "mission", "sex work"),
        ("questions.yaml", 8, "questions[0].answer", "sex work"),
        ("questions.yaml", 10, "questions[0].answer", "sex work"),
        ("th.yaml", 7, "audiences.pupils.key_messages[1]", "ขายบริการทางเพศ"),
        ("th.yaml", 9, "audiences.pupils.introduction", "ขายบริการทางเพศ"),
        ("th.yaml", 15, "questions.why-school.pupils.answer", "ขายบริการทางเพศ"),
        ("vi.yaml", 13, "questions.why-school.pupils.answer", "bán dâm"),
    ]


def test_a_hit_names_the_term_the_concept_the_reason_and_the_term_to_use(planted):
    messages = [str(hit.problem()) for hit in find_avoided_terms(load(planted))]
    assert messages[2] == (
        f"{planted / 'questions.yaml'}:8: questions[0].answer: avoid 'sex work' "
        "(sexual-exploitation): A child is never a sex worker (Luxembourg Guidelines, "
        "2016); use 'sexual exploitation'")
    assert messages[-1] == (
        f"{planted / 'translations' / 'vi.yaml'}:13: questions.why-school.pupils.answer: "
        "avoid 'bán dâm' (sexual-exploitation): Makes the victim the seller; "
        "use 'bóc lột tình dục'")


def test_a_term_avoided_for_some_audiences_is_looked_for_only_in_what_they_read(planted):
    # The officials' introduction, their own answer, and the question only they (and the
    # complete booklet) read all say "illegal migrant"; only the pupils' text is reported.
    found = [hit for hit in find_avoided_terms(load(planted))
             if hit.avoided.term == "illegal migrant"]
    assert [(hit.path, hit.readers) for hit in found] == [
        ("audiences[0].introduction", frozenset({"pupils"}))]


def test_terms_are_matched_on_words_with_spaces_and_anywhere_without():
    assert pattern("sex work", "en").search("Sex\n    work") is not None
    assert pattern("sex work", "en").search("sex workers") is None
    assert pattern("bán dâm", "vi").search("bán dâmx") is None
    assert pattern("ขายบริการ", "th").search("การขายบริการทางเพศ") is not None
    assert pattern("性工作", "zh-Hans").search("性工作者") is not None


def test_languages_can_be_chosen(planted):
    content = load(planted)
    assert {Path(hit.file).name for hit in find_avoided_terms(content, ("th",))} == {"th.yaml"}


def test_content_without_a_termbase_has_no_terms():
    content = load(SMALL)
    assert content.terms == ()
    assert find_avoided_terms(content) == []


def test_the_print_variant_is_refused_before_anything_is_laid_out(planted, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ContentError) as raised:
        build_with_report(Request(content=planted, out=out, variants=("print",)))
    lines = raised.value.lines()
    assert (f"{planted / 'questions.yaml'}:8: questions[0].answer: avoid 'sex work' "
            "(sexual-exploitation): A child is never a sex worker (Luxembourg Guidelines, "
            "2016); use 'sexual exploitation'") in lines
    assert lines[-1] == (f"{planted / 'terms.yaml'}: expected no term to avoid in the text "
                         "of a print or imposed edition, found 8; change the text, or build "
                         "only --variant screen")
    assert not out.exists()


def test_only_the_terms_in_what_a_build_prints_refuse_it(planted, tmp_path):
    request = Request(content=planted, out=tmp_path, audiences=("officials",),
                      languages=("en",), variants=("imposed",))
    with pytest.raises(ContentError) as raised:
        refuse_avoided_terms(load(planted), request)
    # The officials read the publication's mission, and none of the other planted texts.
    assert [problem.path for problem in raised.value.problems] == ["mission", ""]


def test_a_screen_build_warns_and_goes_on(planted, tmp_path, capsys):
    refuse_avoided_terms(load(planted), Request(content=planted, out=tmp_path,
                                                variants=("screen",)))
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 8
    assert warnings[0] == (f"warning: {planted / 'audiences.yaml'}:5: "
                           "audiences[0].introduction: avoid 'illegal migrant' "
                           "(migrant-worker): A person is not illegal; use 'migrant worker'")


def test_check_reports_every_term_and_fails(planted, capsys):
    assert main(["--check", "--content", str(planted)]) == 1
    captured = capsys.readouterr()
    assert "terms: 2 concept(s); 8 term(s) to avoid found" in captured.out
    errors = [line for line in captured.err.splitlines() if "avoid '" in line]
    assert len(errors) == 8 and all(line.startswith("error: ") for line in errors)


BAD_TERMS = """\
terms:
  - id: sexual-exploitation
    concept: The use of a person for sex by someone who gains from it.
    preferred:
      en: sexual exploitation
      fr: exploitation sexuelle
    avoid:
      - term: sex work
        lang: en
        reason: A child is never a sex worker.
        audiences: [pupils, parents]
      - term: Sex  Work
        lang: en
        reason: Twice.
      - term: Sexarbeit
        lang: de
        reason: Not a language of the content.
      - term: exploitation
        lang: en
        reason: Inside the preferred term.
  - id: sexual-exploitation
    concept: Twice.
    preferred:
      th: การแสวงประโยชน์ทางเพศ
    avoid:
      - term: ขายตัว
        lang: th
"""


def test_a_bad_termbase_is_reported_at_its_lines(small_content):
    path = small_content / "terms.yaml"
    path.write_text(BAD_TERMS, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load(small_content)
    known = "(en)"
    assert raised.value.lines() == [
        f"{path}:26: terms[1].avoid[0].reason: expected text, found nothing (the key is "
        "required)",
        f"{path}:21: terms[1].id: expected a unique id, found 'sexual-exploitation' again "
        "(first at line 2)",
        f"{path}:6: terms[0].preferred.fr: expected a language of the content {known}, "
        "found 'fr'",
        f"{path}:11: terms[0].avoid[0].audiences[1]: expected a known audience id (pupils, "
        "officials, everyone), found 'parents'",
        f"{path}:12: terms[0].avoid[1].term: expected each avoided term once, found "
        "'Sex  Work' (en) again (first at line 8)",
        f"{path}:16: terms[0].avoid[2].lang: expected a language of the content {known}, "
        "found 'de'",
        f"{path}:18: terms[0].avoid[3].term: expected a term not in the preferred term "
        "'sexual exploitation', found 'exploitation'",
        f"{path}:24: terms[1].preferred: expected a preferred term in 'en', found none",
        f"{path}:24: terms[1].preferred.th: expected a language of the content {known}, "
        "found 'th'",
        f"{path}:27: terms[1].avoid[0].lang: expected a language of the content {known}, "
        "found 'th'",
    ]


def test_the_termbase_file_must_hold_terms(small_content):
    path = small_content / "terms.yaml"
    path.write_text("terms: sex work\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load(small_content)
    assert raised.value.lines() == [
        f"{path}:1: terms: expected a list of term, found text 'sex work'"]


def test_the_glossary_lists_each_concept_with_its_terms_per_language(planted):
    text = glossary(load(planted))
    assert "## sexual-exploitation\n\nThe use of a person for sex by someone who gains " \
           "from it.\n" in text
    assert ("| `th` | การแสวงประโยชน์ทางเพศ | ขายบริการทางเพศ | Makes the victim the "
            "seller. |") in text
    assert ("| `en` | migrant worker | illegal migrant | A person is not illegal. (in texts "
            "for pupils only) |") in text
    assert "| `vi` | (none chosen yet) |  |  |" in text


@pytest.mark.skipif(not (PROJECT_CONTENT / "terms.yaml").exists(), reason=NO_TERMBASE)
def test_the_glossary_is_up_to_date_with_the_termbase():
    assert (DOCS / "glossary.md").read_text(encoding="utf-8") == \
        glossary(load(PROJECT_CONTENT)), "rewrite it: python -m booklet.glossary docs/glossary.md"


@pytest.mark.skipif(not (PROJECT_CONTENT / "terms.yaml").exists(), reason=NO_TERMBASE)
def test_the_project_content_uses_no_term_to_avoid():
    hits = find_avoided_terms(load(PROJECT_CONTENT))
    assert [str(hit.problem()) for hit in hits] == []


def test_termbase_problems_is_the_loaders_check():
    # The loader runs it on every content folder; one without a termbase has none.
    from booklet.load import Lines

    assert termbase_problems(load(SMALL), Lines({})) == []
