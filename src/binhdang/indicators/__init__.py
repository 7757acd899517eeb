"""Indicators: the catalogue (definitions and sources), counting in the database, the pure
computation from counts, and rendering as table/JSON/CSV."""
