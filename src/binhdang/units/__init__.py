"""The unit tree (đơn vị và đơn vị trực thuộc) over time: loading it as of a date, importing and
reconciling unit lists, merging units."""
