"""Stage 4, render: the documents made from figures and charts over one set of templates, as
PDF/UA-1 (WeasyPrint, then the repair in `pdf_repair`) and as web pages."""
