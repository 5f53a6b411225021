"""Stage 2, figures: every derived number of the documents, computed once from the dataset,
and what the documents say beside them (trends, sources, the adviser's commentary)."""
