"""The quarterly Banenafspraak report builder, grouped by pipeline stage (see ARCHITECTURE.md):
input -> figures -> charts -> render, driven by run. The modules at this level are shared by
every stage and import none of them."""
