"""Official reports: the yearly gender-equality report as DOCX, XLSX, HTML and PDF.

The report is assembled from **sections**. Each section is one function that reads the
database for a unit and a date and returns typed content; the output formats (DOCX, HTML,
XLSX, PDF) render that content, so a figure is computed once and is the same everywhere.

Flow: :func:`binhdang.reports.build.build_report` (one read-only connection) →
:class:`binhdang.reports.content.Report` → ``docx.py`` / ``html.py`` / ``xlsx.py`` →
``pdf.py`` (LibreOffice, from the DOCX) → :mod:`binhdang.reports.service` writes the files
atomically (temporary file, then rename: a failure leaves no partial file). For speed the
service starts LibreOffice while the report is built, hands each section's charts to a child
process as soon as the section is built (chart specs are plain frozen dataclasses, so they
pickle), and converts the PDF while the XLSX and HTML are written.

How to add a section (training, awards, committee activities, policies…)
-----------------------------------------------------------------------
1. In **your own area**, create a module named ``report_sections.py`` (for example
   ``src/binhdang/committee/report_sections.py``). Every ``binhdang.<area>.report_sections``
   module is found and imported automatically; nothing in ``reports/`` needs editing.
2. Write one function decorated with :func:`binhdang.reports.sections.section`::

       from binhdang.reports.content import Paragraph, SectionContent
       from binhdang.reports.sections import section
       from binhdang.reports.source import ReportSource
       from binhdang.reports.women_men import WITH_MEN, Group, column, women_and_men

       @section("training", order=300, title="training.report.title")  # a message key
       def training(source: ReportSource) -> SectionContent | None:
           first, last = source.period.bounds  # the reporting period, ended by the issue date
           rows = ...  # query source.connection for source.unit, records between first and last
           if not rows:  # nothing recorded: say so, and which list would fill the section
               return SectionContent(blocks=(Paragraph(text("training.report.no_data",
                                                            source.lang)),))
           return SectionContent(
               data=TrainingFigures(...),  # any typed object; templates see it as data.training
               blocks=(
                   Paragraph(text("report.training.summary", source.lang, ...)),
                   women_and_men(  # women and men by course type: one call
                       "training", caption, source.lang,
                       by=column("training.col.course_type", source.lang),
                       groups=[Group.counted(r.label, r.women, r.men) for r in rows],
                       figures=WITH_MEN,  # people, women, men, share (default: no men)
                       total=Group(text("report.row.total", source.lang), everyone),
                       sheet="Đào tạo",  # sheet=None: not in the annex
                   ),
               ),
           )

   Records that happen on a day (documents, activities, courses, award decisions, movements,
   leaves) count inside ``source.period`` only (:mod:`binhdang.reports.period`: by default
   the annual period of Decree 09/2019/NĐ-CP, 15/12 to 14/12, and never after the issue
   date); staff figures are those of ``source.as_of``. Return ``None`` only when the section
   cannot apply at all; "no data" is said in words (a measured zero stays a 0). Per-unit lists
   are summed by the report unit's direct children in the body
   (:func:`binhdang.reports.branches.detail_tables`): the full list goes to the annex and, with
   ``--appendix``, after the signature (``ReportTable(appendix=True)``); a unit code may only be
   an annex column (``Column(..., annex_only=True)``, at the far right).

   ``order`` places the section (100 staff, 200 leadership, 300 training, 400 awards,
   500 committee plans and activities, 600 policies such as retirement and maternity,
   700 targets). Headings are numbered (I, II, …) when the report is rendered.

   :func:`~binhdang.reports.women_men.women_and_men` writes the columns (headers and kinds),
   the rows, the running number (``numbered=True``), the total row and the annex-only unit
   code column (``code=``) of every "women and men by X" table the same way;
   :func:`~binhdang.reports.women_men.women_and_men_chart` draws its groups as bars. Any
   other table is a :class:`~binhdang.reports.content.ReportTable` with ``column(key, lang,
   kind)`` headers; a per-unit list summed by branch for the body is
   :func:`binhdang.reports.branches.branch_table`.
3. Blocks are :class:`~binhdang.reports.content.Paragraph` (text),
   :class:`~binhdang.reports.content.ReportTable` (typed cells: ``count`` = int, ``percent`` =
   :class:`~decimal.Decimal` from ``indicators.catalogue.percent``, ``text``, ``date``) and
   :class:`~binhdang.reports.content.ChartBlock` (a :mod:`binhdang.reports.charts` spec).
   Cells stay raw: DOCX/HTML format them through :mod:`binhdang.formatting`, XLSX stores
   numbers with number formats. A table with ``sheet="…"`` also becomes a sheet of the XLSX
   annex; ``in_body=False`` keeps it out of the DOCX/HTML body.
4. Template blocks. The DOCX template renders every section with one generic block
   (heading, then its paragraphs, tables and charts in order), so no Word file needs editing.
   For HTML you may ship your own block: ``@section(..., html_template=Path(__file__).parent
   / "templates" / "training.html.j2")`` — a Jinja fragment that receives ``section``
   (heading, blocks, data) and the helpers ``cell``/``table``; without it the generic block
   ``reports/templates/html/section.html.j2`` is used. Custom Word templates can address your
   typed data directly as ``{{ data.training.<field> }}``.
5. Texts: put every sentence in your area's messages module (vi + en, its
   ``MESSAGES`` table), state what the data shows (use
   :func:`binhdang.reports.narrative.direction` for rose/stayed/fell), format numbers with
   :mod:`binhdang.formatting`.
6. Test: ``build_report`` on your factory data, then assert on ``report.section("training")``;
   the format tests of ``tests/test_report_*.py`` already cover rendering of any block.
"""
