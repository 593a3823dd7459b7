"""The output folder's listing: what the gate scans at the end and what a rebuild may keep."""

from __future__ import annotations

from pathlib import Path

from gongshi.output import FileListing, walk_files


def _tree(root: Path) -> set[str]:
    made = {"top.txt", "a/f.txt", "c/d/e/deep.json"}
    made |= {f"{folder}/p{n}/index.html" for n, folder in enumerate(["a", "b", "c/d"] * 40)}
    for relpath in made:
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text("x")
    (root / "b" / "link").symlink_to(root / "a")  # not followed: a link is one entry
    return made | {"b/link"}


def test_two_shares_of_the_walk_are_the_whole_folder_once(tmp_path: Path) -> None:
    made = _tree(tmp_path)
    assert set(walk_files(str(tmp_path))) == made
    other = FileListing.start(tmp_path, part=1, parts=2)
    assert other is not None
    shares = walk_files(str(tmp_path), part=0, parts=2) + list(other.result())
    assert sorted(shares) == sorted(made)


def test_no_listing_for_a_folder_that_is_not_there(tmp_path: Path) -> None:
    assert FileListing.start(tmp_path / "missing") is None
