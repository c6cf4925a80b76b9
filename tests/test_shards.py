"""Shards and merge: a build split into N deterministic, balanced shares, and the shares
joined again into the folder one whole build makes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from booklet.build import composed
from booklet.cli import main
from booklet.load import load
from booklet.merge import MergeError, merge
from booklet.plan import Request, expected_pages, shard_of

from conftest import PROJECT_CONTENT, SMALL


def files(folder: Path) -> dict[str, str]:
    """Return every file under a folder with its SHA-256."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def editions_of_the_project():
    content = load(PROJECT_CONTENT)
    return composed(content, Request(content=PROJECT_CONTENT, out=Path("unused")))


def test_shards_split_the_matrix_without_gap_or_overlap_the_same_way_every_time():
    editions = editions_of_the_project()
    shards = [shard_of(editions, (number, 4)) for number in range(1, 5)]
    keys = [[(edition.audience.id, edition.format, edition.publication.language,
              edition.edition_id) for edition in shard] for shard in shards]
    every = [key for shard in keys for key in shard]
    assert sorted(every) == sorted((edition.audience.id, edition.format,
                                    edition.publication.language, edition.edition_id)
                                   for edition in editions)
    assert len(every) == len(set(every))
    assert [shard_of(editions, (number, 4)) for number in range(1, 5)] == shards


def test_shards_are_balanced_by_expected_pages():
    editions = editions_of_the_project()
    loads = [sum(map(expected_pages, shard_of(editions, (number, 4))))
             for number in range(1, 5)]
    heaviest = max(map(expected_pages, editions))
    # Longest first to the lightest share: no share is more than one edition heavier.
    assert max(loads) - min(loads) <= heaviest


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0", "2/1"])
def test_a_bad_shard_is_one_line(text, tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["build", "--shard", text, "--out", str(tmp_path)])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        f"argument --shard: expected K/N, the K-th of N shards (1 <= K <= N <= 10000), such "
        f"as 2/8, found '{text}'")


@pytest.mark.slow
def test_merged_shards_are_the_whole_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1224806400")
    arguments = ["--content", str(SMALL), "--jobs", "2"]
    assert main(["build", *arguments, "--out", str(tmp_path / "whole")]) == 0
    for number in (1, 2, 3):
        assert main(["build", *arguments, "--shard", f"{number}/3", "--out",
                     str(tmp_path / f"shard-{number}")]) == 0
    shards = [files(tmp_path / f"shard-{number}") for number in (1, 2, 3)]
    assert all(any(name.endswith(".pdf") for name in shard) for shard in shards)
    assert main(["merge", *(str(tmp_path / f"shard-{number}") for number in (1, 2, 3)),
                 "--out", str(tmp_path / "merged"), "--content", str(SMALL)]) == 0
    assert files(tmp_path / "merged") == files(tmp_path / "whole")


def test_a_shard_whose_file_changed_is_refused(tmp_path):
    out = tmp_path / "shard"
    assert main(["build", "--content", str(SMALL), "--out", str(out), "--audience", "pupils",
                 "--format", "handout", "--variant", "screen"]) == 0
    (out / "en" / "pupils-handout-screen.pdf").write_bytes(b"%PDF-1.7 not the one")
    with pytest.raises(MergeError) as raised:
        merge([out, tmp_path / "nothing"], tmp_path / "merged", SMALL)
    assert raised.value.problems == [
        f"{out}/en/pupils-handout-screen.pdf: expected the file its manifest lists, found it "
        "missing or changed",
        f"{tmp_path}/nothing: expected a shard's output folder, with its manifest.json, "
        "found none"]
    assert not (tmp_path / "merged").exists()
