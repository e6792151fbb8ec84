"""The reading corpus's test split is pinned: any change to it shows here (see
benchmarks/corpus/README.md). The split is never read while tuning; this digest is how that
stays checkable."""

from __future__ import annotations

import hashlib
from pathlib import Path

TEST_SPLIT = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus" / "test"
TEST_SPLIT_SHA256 = "f4efe280f277bade48bd665860334a136a9e6b4bd4f51d4471165e5afa6adef2"


def split_digest(root: Path) -> str:
    """SHA-256 over every file's path (relative, sorted) and bytes."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix().encode()
        data = path.read_bytes()
        h.update(len(rel).to_bytes(8, "big") + rel + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def test_the_test_split_is_unchanged():
    assert TEST_SPLIT.is_dir() and any(TEST_SPLIT.iterdir())
    # Compared without showing either side: the split's contents stay out of sight while tuning.
    assert split_digest(TEST_SPLIT) == TEST_SPLIT_SHA256, "the test split changed"



def test_no_dev_label_contradicts_itself():
    """A must-flag pair inside a must-not group can never be scored right: flagging it counts
    against the must-not group, missing it against the must-flag one."""
    import tomllib

    dev = TEST_SPLIT.parent / "dev"
    for labels in sorted(dev.glob("*/labels.toml")):
        data = tomllib.loads(labels.read_text(encoding="utf-8"))
        for flag in data.get("must_flag", []):
            for group in data.get("must_not_flag", []):
                assert not set(flag["claims"]) <= set(group["claims"]), (labels.parent.name, flag["claims"])
