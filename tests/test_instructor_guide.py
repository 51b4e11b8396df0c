"""docs/instructor-guide.md: its agendas add up, and its notebook times are the notebooks' own."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
AGENDAS = GUIDE[GUIDE.index("## 2. Agendas") : GUIDE.index("## 3. ")]


def _minutes(clock):
    hours, minutes = clock.split(":")
    return 60 * int(hours) + int(minutes)


def _agendas():
    """(heading, total minutes in the heading, [(start, end), ...]) for every agenda table."""
    found = []
    for block in re.split(r"\n(?=\*\*)", AGENDAS):
        heading = re.match(r"\*\*(.+?)\((\d+) h(?: (\d+) min)?", block)
        rows = re.findall(r"^\| (\d+:\d\d)-(\d+:\d\d) \|", block, flags=re.M)
        if heading and rows:
            total = 60 * int(heading.group(2)) + int(heading.group(3) or 0)
            found.append((heading.group(1).strip(), total, rows))
    return found


def test_there_are_a_half_day_and_a_full_day_agenda():
    names = [name.lower() for name, _, _ in _agendas()]
    assert any(name.startswith("half day") for name in names), names
    assert any(name.startswith("full day") for name in names), names


@pytest.mark.parametrize("name, total, rows", _agendas(), ids=lambda v: str(v)[:20])
def test_each_agenda_follows_on_without_gaps_and_adds_up_to_its_heading(name, total, rows):
    assert rows[0][0] == "0:00", name
    for (_, end), (start, _) in zip(rows, rows[1:]):
        assert start == end, f"{name}: a row ends at {end}, the next starts at {start}"
    for start, end in rows:
        assert _minutes(end) > _minutes(start), f"{name}: {start}-{end}"
    assert _minutes(rows[-1][1]) == total, (
        f"{name}: ends at {rows[-1][1]}, heading says {total} min"
    )


def _time_needed(path):
    """A notebook's own "Time needed", in minutes, from its first cell."""
    first = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
    match = re.search(r"about \**(\d+) minutes", first)
    assert match, f"{path.name} does not say how long it takes"
    return int(match.group(1))


def _table():
    """{notebook number: minutes} from the agendas' table of notebooks."""
    return {
        number: int(minutes)
        for number, minutes in re.findall(r"^\| (\d\d) [^|]+\| (\d+) min", AGENDAS, flags=re.M)
    }


def test_the_notebook_table_has_each_notebooks_own_time_needed():
    table = _table()
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert notebooks
    for path in notebooks:
        number = path.name[:2]
        assert number in table, f"the agendas' table has no row for {path.name}"
        assert table[number] == _time_needed(path), path.name


def test_the_stated_self_paced_total_is_the_tables_sum():
    stated = re.search(r"\((\d+) minutes", AGENDAS)
    assert stated and int(stated.group(1)) == sum(_table().values())
