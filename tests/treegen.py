"""A generated tree of documents for the run tests: the seeds' texts with small variations."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def make_tree(folder: Path, count: int = 60) -> Path:
    """``count`` documents under ``folder`` (in four sub-folders, some Markdown), varied from the seeds:
    the years and fractions change, so the findings differ from file to file."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for i in range(count):
        text = texts[i % len(texts)]
        text = text.replace("2020", str(2015 + i % 9)).replace("7/13", f"{7 + i % 3}/13")
        if i % 7 == 0:
            text = f"Ghi chú {i}.\n\n" + text  # shifts every offset
        suffix = ".md" if i % 10 == 3 else ".txt"
        target = folder / f"part{i % 4}" / f"doc{i:03d}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder
