"""What each command loads: checking stays free of the drawing and PDF libraries, loading
WeasyPrint starts no library-search subprocesses, and fontTools' subsetter and instancer load
only when used. Counted, not timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from banenafspraak.render import weasyprint_internals

# What weasyprint_internals does (deferring fontTools) shows only with its switch on.
_with_internals = pytest.mark.skipif(
    not weasyprint_internals.enabled(), reason="weasyprint_internals switched off"
)
HEAVY = ("matplotlib", "weasyprint", "fontTools", "PIL")


def _fresh(code: str) -> dict:
    """Run `code` in a new interpreter in the project folder; it prints JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_check_imports_neither_matplotlib_nor_weasyprint():
    found = _fresh(
        "import json, sys\n"
        "from banenafspraak.run import cli\n"
        "code = cli.main(['--check'])\n"
        f"print(json.dumps({{'code': code, 'heavy': sorted({{m.split('.')[0] for m in "
        f"sys.modules}} & set({list(HEAVY)!r}))}}))"
    )
    assert found == {"code": 0, "heavy": []}


def test_the_build_forks_its_renderer_before_pandas_loads():
    """The command and the pipeline import no pandas: the renderer forked before the data is
    read must not carry it (figures/illustrative.py once imported Dataset for a type hint)."""
    found = _fresh(
        "import json, sys\n"
        "from banenafspraak.run import cli, pipeline\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'numpy'})))"
    )
    assert found == []


def test_loading_weasyprint_starts_no_subprocess():
    found = _fresh(
        "import json, subprocess\n"
        "started = []\n"
        "real = subprocess.Popen.__init__\n"
        "def spy(self, args, *rest, **named):\n"
        "    started.append(args)\n"
        "    return real(self, args, *rest, **named)\n"
        "subprocess.Popen.__init__ = spy\n"
        "from banenafspraak.render import documents\n"
        "from weasyprint.text import ffi\n"
        "print(json.dumps({'started': started, 'subset': ffi.harfbuzz_subset is not None}))"
    )
    assert found["started"] == []
    # The optional HarfBuzz-subset library is still found (when the system has it).
    subset = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    assert found["subset"] == ("libharfbuzz-subset.so.0" in subset)


@_with_internals
def test_weasyprint_loads_fonttools_subsetter_and_instancer_only_when_used():
    found = _fresh(
        "import json, sys\n"
        "from banenafspraak.render import documents\n"
        "from weasyprint.pdf import fonts\n"
        "spared = lambda: sorted(m for m in sys.modules if m.startswith('fontTools.subset.')\n"
        "    or m.startswith('fontTools.varLib'))\n"
        "before = spared()\n"
        "options = fonts.subset.Options(hinting=False)\n"
        "from fontTools.varLib import instancer\n"
        "print(json.dumps({'before': before, 'options': type(options).__module__,\n"
        "    'instancer': instancer.__name__, 'real': hasattr(instancer, 'OverlapMode'),\n"
        "    'call': fonts.instantiateVariableFont.__name__}))"
    )
    assert found["before"] == []
    assert found["options"] == "fontTools.subset"  # the subsetter loads when first used
    assert found["instancer"] == "fontTools.varLib.instancer" and found["real"]
    assert found["call"] == "_instantiate_variable_font"


@_with_internals
def test_the_deferred_instancer_is_the_real_one_when_called():
    from fontTools.ttLib import TTFont

    from banenafspraak.locations import FONTS
    from banenafspraak.render.weasyprint_internals.libraries import _instantiate_variable_font

    # Lato is static: the real instancer says so.
    with pytest.raises(ValueError, match="fvar"):
        _instantiate_variable_font(TTFont(FONTS / "Lato-Regular.ttf"), {}, static=True)


def test_compiled_templates_lie_beside_the_templates_and_are_read_back(tmp_path):
    code = (
        "import json, os\n"
        "from banenafspraak.render import documents\n"
        "if os.environ.get('COMPILE'):\n"
        "    documents.compile_templates()\n"
        "documents.warm()\n"
        "print(json.dumps({'folder': documents._COMPILED.directory,\n"
        "    'writing': documents._COMPILED.writing}))"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(tmp_path)}
    run = [sys.executable, "-c", code]
    done = subprocess.run(run, cwd=ROOT, env={**env, "COMPILE": "1"}, capture_output=True)
    assert done.returncode == 0, done.stderr
    found = json.loads(subprocess.run(run, cwd=ROOT, env=env, capture_output=True).stdout)
    assert found == {"folder": str(ROOT / "templates" / "__pycache__"), "writing": False}
    assert list((ROOT / "templates" / "__pycache__").glob("__jinja2_*.cache"))
    assert list(tmp_path.iterdir()) == []  # nothing in the temporary folder
