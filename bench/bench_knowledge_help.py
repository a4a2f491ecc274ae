"""Micro-benchmark of the FAQ search and the heat-or-cold helper (not a test):
`python bench/bench_knowledge_help.py`.

The norm: a search or an advice in well under a millisecond, as for the library search.
"""

import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rugcoach.core.catalog import load_catalog  # noqa: E402
from rugcoach.core.knowledge.faq import search  # noqa: E402
from rugcoach.core.knowledge.heat import advise, all_answer_paths  # noqa: E402


def per_call_us(statement, number: int = 2000) -> float:
    best = min(timeit.repeat(statement, number=number, repeat=5))
    return best / number * 1e6


def main() -> None:
    catalog = load_catalog(ROOT / "content")
    faq, heat = catalog.knowledge.faq, catalog.knowledge.heat
    paths = list(all_answer_paths(heat))
    print(f"faq search, one word:     {per_call_us(lambda: search(faq, 'zwemmen', 'nl')):7.1f} µs")
    two_words = per_call_us(lambda: search(faq, "pijn zwanger", "en"))
    print(f"faq search, two words:    {two_words:7.1f} µs")
    print(f"faq search, no match:     {per_call_us(lambda: search(faq, 'xylofoon', 'nl')):7.1f} µs")
    print(f"heat advise, one path:    {per_call_us(lambda: advise(heat, paths[0])):7.1f} µs")
    all_paths_us = per_call_us(lambda: [advise(heat, p) for p in paths], number=100)
    print(f"heat advise, all {len(paths)} paths: {all_paths_us:7.1f} µs")


if __name__ == "__main__":
    main()
