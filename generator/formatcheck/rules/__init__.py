"""The rules, grouped by the part of the document they look at."""
