"""Files in: reading CSV/XLSX as they really arrive, matching headers, parsing values,
validating rows, and reconciling each list against the stored history."""
