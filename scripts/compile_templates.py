"""Compile every template into templates/__pycache__ (run by `make compiled`), so that a build
does not compile them again; see CompiledTemplates in banenafspraak/render/documents.py."""

from banenafspraak.render import documents

if __name__ == "__main__":
    documents.compile_templates()
