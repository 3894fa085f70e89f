"""`ntm serve`: the clerk's web page for the office folder (SPEC §2).

Starlette + uvicorn, pages rendered on the server with Jinja2 (autoescaped), htmx
shipped in static/ (no internet needed). Every page calls the library function of
the matching command; see app.py. The safety rules are in guard.py.
"""

from generator.web.serve import serve

__all__ = ["serve"]
