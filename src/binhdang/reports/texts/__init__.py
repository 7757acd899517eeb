"""The report's own texts: what the office writes itself, once per unit and year.

A yearly report ends with four texts no figure can write: the general assessment ("Đánh giá
chung"), the shortcomings and their causes ("Tồn tại, hạn chế và nguyên nhân"), the
directions and tasks for the next year ("Phương hướng, nhiệm vụ năm …") and the
recommendations ("Kiến nghị, đề xuất").

- :mod:`.parsing`: the four sections and their names; a text file read safely (bounded size,
  UTF-8, NFC, no control characters) and parsed into paragraphs, ``- `` bullets and
  ``**bold**`` — nothing else of Markdown or HTML is interpreted;
- :mod:`.tables` and :mod:`.service`: every save is a new version (who, when), the report
  uses the latest, older ones stay readable; clearing is a version too;
- :mod:`.draft`: the general assessment drafted from the report's figures while the user has
  written none (pure);
- :mod:`.report_sections`: the four report sections (orders 800–830), after the figures.

Adapters: ``binhdang report text …`` (:mod:`binhdang.cli.report_texts`) and the form of the
reports page (:mod:`binhdang.web.reports`).
"""
