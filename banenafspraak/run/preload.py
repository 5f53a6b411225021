"""Loading the drawing and rendering libraries (Matplotlib, WeasyPrint) before a build, out of
the garbage collector's way.

Importing pandas, Matplotlib and WeasyPrint creates several hundred thousand objects that live
as long as the process. Python's cyclic garbage collector sweeps them again and again while
they are imported and while the documents are rendered, which cost about 0.15 CPU seconds
of the imports and 0.3 of a region's build here. The entry point (build.py) pauses the
collector before the first import; `load()` imports the rest, then moves everything alive
into the collector's permanent generation (`gc.freeze`) and lets it run again for what the
build itself makes. A process forked afterwards (the second renderer, batch workers) starts
with the same frozen objects and shares their memory pages with its parent.
"""

from __future__ import annotations

import gc

_loaded = False


def load() -> None:
    """Import everything a build renders with and do what its first document would do once
    per process (fonts, style sheets, templates), then freeze it all and resume collecting.
    Once per process: a batch worker, forked after its parent loaded, finds it done."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    gc.disable()
    try:
        from banenafspraak.charts import (
            drawing,  # noqa: F401
            factsheet_charts,  # noqa: F401
            report_charts,  # noqa: F401
        )
        from banenafspraak.render import (
            documents,  # noqa: F401
            web,  # noqa: F401
        )

        drawing.setup()
        documents.warm()
        web.page_css()  # the web style sheet with its embedded fonts, read once
    finally:
        gc.freeze()
        gc.enable()
