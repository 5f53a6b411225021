"""Property-based: whatever is done to valid input, a run ends in a built report or in a
clean Dutch error, never in a traceback."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import yaml
from conftest import build, copy_project, to_xlsx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from banenafspraak.input.config import Config

CONFIG_KEYS = sorted(Config.model_fields)
DATA_FILES = [
    "kwartaalcijfers.csv",
    "stromen.csv",
    "landelijk.csv",
    "nulmeting.csv",
    "doelstellingen.csv",
    "regios.csv",
    "beschut_werk.csv",
    "kandidatenverkenner.csv",
    "correcties.csv",
]
# Characters an Excel cell cannot hold: those openpyxl refuses (the C0 controls but tab and the
# line breaks; IllegalCharacterError) and the two XML 1.0 has no place for (lxml refuses them on
# save). st.text never gives surrogates, which no file in UTF-8 can hold.
XLSX_ILLEGAL = (
    "".join(chr(c) for c in range(0xD800) if ILLEGAL_CHARACTERS_RE.match(chr(c))) + "\ufffe\uffff"
)


def excel_can_hold(text: str) -> bool:
    return not any(c in XLSX_ILLEGAL for c in text)


TYPED_CELLS = st.one_of(
    st.integers(-(10**7), 10**7).map(str),
    st.sampled_from(["", "1.777", "1,5", "2018-Q4", "-1", "46%", "nan", "1e9", "0", "9" * 30]),
)
# A CSV cell can hold any text (control characters too); `apply` keeps it on its line.
CELLS = st.one_of(st.text(max_size=12), TYPED_CELLS)
# config.yaml can hold any text but NEL (U+0085): PyYAML writes it as it is and reads it back
# as a line break, a space.
YAML_TEXT = st.characters(codec="utf-8", exclude_characters="\x85")
YAML_VALUES = st.one_of(
    st.text(YAML_TEXT, max_size=12),
    TYPED_CELLS,
    st.integers(),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(YAML_TEXT, max_size=5), st.text(YAML_TEXT, max_size=5), max_size=2),
)
# What an Excel cell can hold, and how it may be formatted.
XLSX_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(codec="utf-8", exclude_characters=XLSX_ILLEGAL), max_size=12),
    st.dates(),
    st.sampled_from(["=1+1", "=A1", "#DIV/0!", "1\u00a0777", "0,43", "43%"]),
)
NUMBER_FORMATS = st.sampled_from(["General", "0%", "0.0%", "@", "d-m-yyyy", "0.00", "#,##0"])
MUTATIONS = st.one_of(
    st.tuples(st.just("config-set"), st.sampled_from(CONFIG_KEYS), YAML_VALUES),
    st.tuples(st.just("config-drop"), st.sampled_from(CONFIG_KEYS)),
    st.tuples(
        st.just("cell"), st.sampled_from(DATA_FILES), st.integers(0, 40), st.integers(0, 40), CELLS
    ),
    st.tuples(st.just("drop-row"), st.sampled_from(DATA_FILES), st.integers(0, 40)),
    st.tuples(st.just("replace-file"), st.sampled_from(DATA_FILES), st.binary(max_size=60)),
    st.tuples(
        st.just("xlsx-cell"),
        st.sampled_from(DATA_FILES),
        st.integers(0, 40),
        st.integers(0, 40),
        XLSX_VALUES,
        NUMBER_FORMATS,
    ),
)


def as_xlsx(csv_path: Path) -> Path | None:
    """The file as an Excel workbook (made once, from the CSV); None if it is no longer a
    table of text (an earlier mutation replaced it) or holds text no workbook can (an earlier
    mutation wrote a control character into a cell)."""
    xlsx_path = csv_path.with_suffix(".xlsx")
    if xlsx_path.exists() or not csv_path.exists():
        return xlsx_path if xlsx_path.exists() else None
    try:
        if not excel_can_hold(csv_path.read_text(encoding="utf-8")):
            return None
        return to_xlsx(csv_path)
    except (UnicodeDecodeError, ValueError):  # not UTF-8, or rows of unequal length
        return None


def set_xlsx_cell(path: Path, row: int, column: int, value: object, number_format: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.active
    cell = sheet.cell(row=2 + row % max(sheet.max_row - 1, 1), column=1 + column % sheet.max_column)
    cell.value = value  # XLSX_VALUES holds only what a cell can
    cell.number_format = number_format
    book.save(path)


def apply(root: Path, mutation: tuple) -> None:
    kind = mutation[0]
    if kind.startswith("config"):
        path = root / "config.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if kind == "config-set":
            data[mutation[1]] = mutation[2]
        else:
            data.pop(mutation[1], None)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return
    path = root / "data" / mutation[1]
    if kind == "xlsx-cell":
        workbook = as_xlsx(path)
        if workbook is not None:
            set_xlsx_cell(workbook, *mutation[2:])
        return
    if not path.exists():
        return  # turned into a workbook by an earlier mutation
    if kind == "replace-file":
        path.write_bytes(mutation[2])
        return
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return  # an earlier mutation already replaced the file with bytes
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), None)
    if header is None or header + 1 >= len(lines):
        return
    first = header + 1
    rows = lines[first:]
    index = mutation[2] % len(rows)
    if kind == "drop-row":
        del rows[index]
    else:
        cells = rows[index].split(";")
        cells[mutation[3] % len(cells)] = mutation[4].replace("\n", " ")
        rows[index] = ";".join(cells)
    path.write_text("\n".join(lines[:first] + rows) + "\n", encoding="utf-8")


# 30 examples in CI; HYPOTHESIS_PROFILE=thorough runs 300 (a few minutes) to hunt for more.
settings.register_profile("ci", max_examples=30)
settings.register_profile("thorough", max_examples=300)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@settings(max_examples=200)
@given(XLSX_VALUES)
def test_xlsx_values_are_what_a_cell_can_hold(value):
    from openpyxl import Workbook, load_workbook

    if isinstance(value, str):
        assert not ILLEGAL_CHARACTERS_RE.search(value)
    book = Workbook()
    book.active.cell(row=1, column=1).value = value  # openpyxl refuses what it cannot write
    if isinstance(value, str):  # and the XML writer what XML cannot hold
        saved = io.BytesIO()
        book.save(saved)
        load_workbook(saved)


@settings(max_examples=300)
@given(YAML_VALUES)
def test_yaml_values_are_what_config_yaml_can_hold(value):
    assert yaml.safe_load(yaml.safe_dump({"key": value}, allow_unicode=True)) == {"key": value}


@settings(max_examples=300)
@given(CELLS)
def test_csv_cells_are_what_a_csv_file_can_hold(cell):
    assert cell.encode("utf-8").decode("utf-8") == cell


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MUTATIONS, min_size=1, max_size=3))
# A control character written into a CSV cell, then the file made a workbook: Excel cannot hold
# it, so the file stays a CSV (this failed with IllegalCharacterError in the test's own code).
@example(
    [
        ("cell", "kwartaalcijfers.csv", 0, 0, "\x1b"),
        ("xlsx-cell", "kwartaalcijfers.csv", 0, 0, None, "General"),
    ]
)
def test_any_input_builds_or_fails_cleanly(mutations):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        config = copy_project(root)
        for mutation in mutations:
            apply(root, mutation)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = build(config, root / "reports")
        assert "Traceback" not in err.getvalue()
        assert code in (0, 1), err.getvalue()
        if code == 0:
            written = list((root / "reports").rglob("*.pdf"))
            assert written and all(p.read_bytes().startswith(b"%PDF") for p in written)
        else:
            assert "Fout: " in err.getvalue() and "er is niets gebouwd" in err.getvalue()
            assert not (root / "reports").exists()
