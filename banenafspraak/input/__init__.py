"""Stage 1, input: the config and the data files read, checked cell by cell, reconciled, and
selected for one region and period (`dataset.Dataset`)."""
