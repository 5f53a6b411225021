"""The PDF/UA-1 repair after WeasyPrint, on the written PDF (pikepdf): the structure tree in
`pdf_structure`, the content streams in `pdf_content`, read through `pdf_tree` and `pdf_text`."""
