"""Synthetic data of the real shape, for benchmarks: people, groups, places and events
with relations, cited statements with citing chains, quotes, dated events and
disagreements, in the same YAML an editor writes. Seeded, so every run is the same.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from kb.model import KINDS
from kb.tools.schema import schema_comment

# Shares of each kind, close to the real data's.
_SHARES = {"person": 0.25, "group": 0.3, "place": 0.2, "event": 0.25}
_TYPES = {"group": "armed group", "place": "city", "event": "strike"}


def write_tree(root: Path, entities: int, *, seed: int = 7) -> Path:
    """Write `entities` entries (and a source per three entries) under root/data."""
    rng = random.Random(seed)
    ids = {kind: [f"{kind}-{i}" for i in range(max(1, round(entities * share)))]
           for kind, share in _SHARES.items()}
    sources = [f"source-{i}" for i in range(max(2, entities // 3))]
    data = root / "data"
    _write(data / KINDS["group"].folder / "outlet.yaml", "group", _entry(
        "The Outlet", "group", "An outlet.", sources[:2], []))
    titles = _titles(rng, _names(rng, len(sources)))
    for i, source in enumerate(sources):
        relays = f"relays: {sources[i - 1]}\n" if i % 5 == 4 else ""
        _write(data / KINDS["source"].folder / f"{source}.yaml", "source",
               f"title: {next(titles)}\ntype: article\noutlet: outlet\n"
               f"date: {_published(source)}\ndate_basis: printed\n{relays}")
    people = ids["person"]
    names = _names(rng, sum(len(kind_ids) for kind_ids in ids.values()))
    for kind, kind_ids in ids.items():
        for n, entry_id in enumerate(kind_ids):
            text = _entry(next(names), kind, f"A {kind} in the story, number {n}.",
                          rng.sample(sources, 2), people, rng=rng, ids=ids)
            _write(data / KINDS[kind].folder / f"{entry_id}.yaml", kind, text)
    return data


_SYLLABLES = ("ba", "da", "fa", "ha", "ja", "ka", "la", "ma", "na", "qa", "ra", "sa", "ta",
              "wa", "za", "bi", "di", "hi", "ki", "li", "mi", "ni", "ri", "si", "ti", "bu",
              "du", "hu", "ju", "ku", "mu", "nu", "ru", "su", "tu", "yu", "sh", "kh")


def _names(rng: random.Random, count: int) -> Iterator[str]:
    """Distinct names shaped like the story's ('Rasi al-Kumadi'), so that search is
    measured on words as varied as real names, not 'Person 1' ... 'Person 9999'."""
    seen: set[str] = set()
    while len(seen) < count:
        first = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
        last = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        name = f"{first.title()} al-{last.title()}"
        if name not in seen:
            seen.add(name)
            yield name


_HEADLINE_WORDS = ("strike", "talks", "vote", "attack", "officials", "troops", "withdrawal",
                   "parliament", "militia", "coalition", "drone", "base", "border", "killed",
                   "government", "envoy", "sanctions", "protest", "election", "ceasefire",
                   "minister", "commander", "rockets", "embassy", "deal", "warns", "calls",
                   "denies", "meets", "rejects")


def _titles(rng: random.Random, names: Iterator[str]) -> Iterator[str]:
    """Headlines of a name and three common news words, so that the search index's
    shards are as uneven as real titles make them, not all under 'Report'."""
    for name in names:
        words = rng.sample(_HEADLINE_WORDS, 3)
        yield f"{name} {words[0]} {words[1]} {words[2]}"


def _published(source: str) -> str:
    """The publication date of synthetic source 'source-<i>', spread over 2024."""
    i = int(source.rpartition("-")[2])
    return f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"


def _write(path: Path, kind: str, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_comment(kind) + "\n" + text, encoding="utf-8")


def _cite(sources: list[str], rng: random.Random | None) -> str:
    if rng and rng.random() < 0.3:  # a citing chain: one source relaying another
        return f"\n      - source: {sources[0]}\n        citing: {sources[1]}"
    return f" [{sources[0]}]"


def _entry(name: str, kind: str, summary: str, sources: list[str], people: list[str],
           *, rng: random.Random | None = None,
           ids: dict[str, list[str]] | None = None) -> str:
    lines = [f"name: {name}"]
    if kind in _TYPES:
        lines.append(f"type: {_TYPES[kind]}")
    if kind == "event" and rng:
        lines.append(f"date: 2023-{rng.randint(1, 12):02d}")  # before every source
    # another transliteration, as sources give
    alias = name.replace(" al-", " el-") if " al-" in name else f"{name} (also)"
    lines += [f"aliases:\n  - name: {alias}\n    cite: [{sources[1]}]",
              f"summary:\n  text: {summary}\n  cite: [{sources[0]}]"]
    if rng is None or ids is None:
        return "\n".join(lines) + "\n"
    speaker = rng.choice(people)
    lines.append(
        "facts:\n"
        f"  - text: Something reported about {name}.\n    cite:{_cite(sources, rng)}\n"
        f"  - text: Someone spoke about {name}.\n    cite:\n"
        f"      - source: {sources[0]}\n        quote:\n"
        f"          text: words about {name}\n          speaker: {speaker}\n"
        # said the day it was published, as most real quotes are dated
        f"          said: {_published(sources[0])}")
    if kind == "event":
        places = rng.sample(ids["place"], 1)
        lines.append(f"places: [{places[0]}]")
        lines.append("participants:\n" + "".join(
            f"  - entity: {p}\n    role: took part\n" for p in rng.sample(people, 2)).rstrip())
    else:
        target = rng.choice(ids["group"])
        lines.append(f"relations:\n  - type: affiliated_with\n    target: {target}\n"
                     f"    cite:{_cite(sources, rng)}")
    if rng.random() < 0.1:
        lines.append("disputes:\n  - about: A number\n    versions:\n"
                     f"      - value: one\n        cite: [{sources[0]}]\n"
                     f"      - value: two\n        cite: [{sources[1]}]")
    return "\n".join(lines) + "\n"
