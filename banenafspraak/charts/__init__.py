"""Stage 3, charts: each chart drawn from the figures as SVG with real text, with its alt text
and the data table behind it."""
