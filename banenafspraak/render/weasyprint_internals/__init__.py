"""Everything that reaches into WeasyPrint's private modules."""
