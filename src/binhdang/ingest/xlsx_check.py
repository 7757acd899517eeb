"""Checking an XLSX package before the Excel reader sees it, with the standard library only.

Every part is inflated as a stream, a chunk at a time, and counted against the limits (size,
compression ratio, CRC), so the check holds at most a chunk however the file lies. The XML of
the sheet to read and of the shared strings is scanned on the way with regular expressions run
over whole chunks (C speed: the 120 MB sheet of a 200,000-row list in ~3 s of CPU, while the
child parses it on another core): the declared range (``<dimension ref>``, which may lie or be
absent), the number of rows, any row or column reference beyond the limits, text longer than a
cell may be, the size of each shared string, the declared number of shared strings (the reader
reserves memory for it), the nesting depth.

The result says which sheet to read and whether the file is small and fully known — the place
of every cell worked out as the reader will, and the grid small — in which case parsing it in
this process is safe (see :data:`IN_PROCESS_XML_BYTES`); anything else is parsed in a child
process with a memory limit (:mod:`binhdang.ingest.child`).
"""

from __future__ import annotations

import re
import string
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from binhdang.errors import BinhdangError
from binhdang.ingest.limits import (
    MAX_PARTS,
    MAX_XML_DEPTH,
    MB,
    ReadLimits,
    above,
    column_index,
    column_letters,
    grid,
    megabytes,
    refused,
)

CHUNK = 1024 * 1024
RATIO_FLOOR = 1 * MB
"""Parts inflating to less than this are not ratio-checked: a small part cannot be a bomb, and
short XML full of repeats (styles, empty rows) compresses well."""

IN_PROCESS_XML_BYTES = 4 * MB
IN_PROCESS_CELLS = 1_000_000
"""A package is parsed in this process only when its sheet and shared strings together inflate
to at most 4 MB (a list of about 6,000 rows), expat has read the sheet and placed every cell as
the reader will (:class:`_Positions`), the grid from A1 to the farthest cell holds at most a
million cells and the shared-string table declares at most as many. The reader sizes its
memory from exactly those (its grid, ~32 bytes a cell; the Python lists, ~8; the string table
it reserves) plus the strings it reads: under 100 MB, with nothing left to what the file
declares. A child process would cost far more than the parse: for a 300-row list ~0.14 s of
CPU (0.5 s on a busy machine) against ~0.01 s."""

Progress = Callable[[int, int], None]
"""Called with (bytes checked so far, bytes in all)."""

_NAME = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ROW = re.compile(_NAME + rb"row(?=[\s/>])")
_ROW_FAST = re.compile(rb"<row[\s/>]")
_SHEET_DATA = re.compile(_NAME + rb"sheetData[\s/>]")
_SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>")
_DIMENSION = re.compile(_NAME + rb"dimension\s[^>]*?(?<=\s)ref\s*=\s*[\"']([^\"']*)[\"']")
_SST = re.compile(_NAME + rb"sst\s[^>]*?(?<=\s)uniqueCount\s*=\s*[\"']\s*([0-9]+)")
_CELL = re.compile(rb"<c[\s/>]")
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_PLACE = re.compile(r"([A-Za-z]*)([0-9]+)")
_SI = re.compile(_NAME + rb"si[\s/>]")
_SI_FAST = re.compile(rb"<si[\s/>]")
_ENTITY = re.compile(rb"&#?\w+;")


@dataclass
class XlsxPlan:
    """What the check found: the sheet to read, and where it may be parsed."""

    sheet: str
    names: list[str]
    in_process: bool
    xml_bytes: int = 0
    cells: int = 0


def check_xlsx(
    path: Path,
    file: str,
    sheet: str | None,
    limits: ReadLimits,
    progress: Progress | None = None,
) -> XlsxPlan:
    """Check the package at ``path`` (named ``file`` in messages) and choose its sheet.

    Raises :class:`BinhdangError` for a package that breaks a limit, is damaged, or lacks the
    sheet asked for."""
    _check_entry_count(path, file)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise _corrupt(file, exc) from exc
    with archive:
        infos = archive.infolist()
        parts = _index(infos, file)
        for info in infos:
            _check_declared(info, file, limits)
        reader = _PartReader(archive, file, limits, sum(i.file_size for i in infos), progress)
        workbook, sheets = _workbook(reader, parts)
        names = [name for name, _ in sheets]
        if not names:
            raise _corrupt(file, "workbook.xml: no sheet")
        target = _choose(names, sheet, file)
        location = dict(sheets)[target]
        sheet_part = parts.get(location.replace("\\", "/").lower()) if location else None
        base = workbook.rpartition("/")[0] + "/" if "/" in workbook else ""
        strings_part = parts.get(f"{base}sharedstrings.xml".lower())
        scans: dict[str, _Scan] = {}
        for info in infos:
            if sheet_part is not None and info is sheet_part:
                scan: _Scan = _SheetScan(file, info.filename, limits)
            elif strings_part is not None and info is strings_part:
                scan = _StringsScan(file, info.filename, limits)
            elif sheet_part is None and _is_worksheet(info.filename):
                scan = _SheetScan(file, info.filename, limits)  # unsure which: check them all
            else:
                scan = _Scan(file, info.filename, limits)
            reader.read(info, scan if _is_xml(info.filename) else None)
            scans[info.filename] = scan
    if sheet_part is None:
        return XlsxPlan(target, names, in_process=False)
    sheet_scan = scans[sheet_part.filename]
    strings_scan = scans.get(strings_part.filename) if strings_part is not None else None
    assert isinstance(sheet_scan, _SheetScan)
    declared_strings = 0
    if isinstance(strings_scan, _StringsScan):
        declared_strings = strings_scan.declared
        if declared_strings > limits.max_rows * limits.max_columns:
            raise refused(
                "strings_declared",
                file,
                found=declared_strings,
                limit=limits.max_rows * limits.max_columns,
            )
    xml_bytes = sheet_part.file_size + (strings_part.file_size if strings_part else 0)
    cells = sheet_scan.grid_cells()
    in_process = (
        xml_bytes <= IN_PROCESS_XML_BYTES
        and cells is not None
        and cells <= IN_PROCESS_CELLS
        and declared_strings <= IN_PROCESS_CELLS
    )
    return XlsxPlan(target, names, in_process, xml_bytes, cells or 0)


def large(path: Path, file: str) -> bool:
    """Whether the package's worksheets and shared strings declare more than
    :data:`IN_PROCESS_XML_BYTES`: such a file goes to the child process whatever the check
    finds, so the child can start parsing while the check runs."""
    _check_entry_count(path, file)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        return False  # the check will say what is wrong
    names = (info.filename.replace("\\", "/").lower() for info in infos)
    sizes = (info.file_size for info in infos)
    xml = sum(
        size
        for name, size in zip(names, sizes, strict=True)
        if "/worksheets/" in name or name.endswith("sharedstrings.xml")
    )
    return xml > IN_PROCESS_XML_BYTES


# --- the package --------------------------------------------------------------------------------


def _corrupt(file: str, reason: object) -> BinhdangError:
    return BinhdangError.of("file.corrupt", file=file, kind="Excel", reason=reason)


def _check_entry_count(path: Path, file: str) -> None:
    """Refuse a package declaring too many parts before ``zipfile`` builds an object for each
    (two million tiny entries fit in 100 MB and would cost gigabytes)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 65_557))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return  # zipfile will say what is wrong
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    if entries >= MAX_PARTS:  # 0xFFFF (ZIP64) included: no workbook has that many parts
        raise refused("parts", file, found=entries, limit=MAX_PARTS)


def _index(infos: list[zipfile.ZipInfo], file: str) -> dict[str, zipfile.ZipInfo]:
    """Parts by name as the Excel reader finds them (case-insensitive, ``\\`` as ``/``); a name
    given twice is refused, since the reader might read the copy that was not checked."""
    parts: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        key = info.filename.replace("\\", "/").lower()
        if key in parts:
            raise _corrupt(file, f"{info.filename} ×2")
        parts[key] = info
    return parts


def _check_declared(info: zipfile.ZipInfo, file: str, limits: ReadLimits) -> None:
    """The sizes the package declares; the inflating stream checks what it really holds."""
    if info.file_size > limits.max_part_bytes:
        raise refused("part", file, part=info.filename, limit=megabytes(limits.max_part_bytes))
    _check_ratio(info.filename, info.file_size, info.compress_size, file, limits)


def _check_ratio(part: str, size: int, compressed: int, file: str, limits: ReadLimits) -> None:
    if size > RATIO_FLOOR and size > limits.max_ratio * max(compressed, 1):
        raise refused(
            "ratio", file, part=part, found=size // max(compressed, 1), limit=limits.max_ratio
        )


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _is_worksheet(name: str) -> bool:
    lower = name.replace("\\", "/").lower()
    return "/worksheets/" in lower and lower.endswith(".xml")


class _PartReader:
    """Inflates parts a chunk at a time, never past the limit, whatever the package declares."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        file: str,
        limits: ReadLimits,
        total: int,
        progress: Progress | None,
    ) -> None:
        self.archive, self.file, self.limits = archive, file, limits
        self.total, self.done, self.progress = max(total, 1), 0, progress

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        size = 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > self.limits.max_part_bytes:
                        raise refused(
                            "part",
                            self.file,
                            part=info.filename,
                            limit=megabytes(self.limits.max_part_bytes),
                        )
                    _check_ratio(info.filename, size, info.compress_size, self.file, self.limits)
                    self.done += len(chunk)
                    if self.progress:
                        self.progress(min(self.done, self.total), self.total)
                    yield chunk
        except BinhdangError:
            raise
        except (
            zipfile.BadZipFile,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
            RuntimeError,
            LookupError,
        ) as exc:
            # a wrong CRC (the declared size lied), an unknown method, a password…
            raise _corrupt(self.file, f"{info.filename}: {exc}") from exc

    def read(self, info: zipfile.ZipInfo, scan: _Scan | None) -> None:
        for chunk in self.chunks(info):
            if scan is not None:
                scan.feed(chunk)
        if scan is not None:
            scan.close()


# --- which sheet --------------------------------------------------------------------------------


def _workbook(
    reader: _PartReader, parts: dict[str, zipfile.ZipInfo]
) -> tuple[str, list[tuple[str, str]]]:
    """The workbook part's name and its sheets as (name, path of the part or "")."""
    workbook = "xl/workbook.xml"
    root_rels = parts.get("_rels/.rels")
    if root_rels is not None:
        for _, kind, target in _relationships(reader, root_rels):
            if kind.endswith("/officeDocument") and target:
                workbook = target.lstrip("/")
                break
    info = parts.get(workbook.lower())
    if info is None:
        raise _corrupt(reader.file, f"{workbook}: missing")
    folder = workbook.rpartition("/")[0] + "/" if "/" in workbook else ""
    rels_info = parts.get(f"{folder}_rels/workbook.xml.rels")
    targets: dict[str, str] = {}
    if rels_info is not None:
        for rel_id, _kind, target in _relationships(reader, rels_info):
            # as the reader resolves it: absolute, or relative to the workbook's folder
            targets[rel_id] = target[1:] if target.startswith("/") else folder + target
    # not "sheets": the export guard (tests/test_export_formulas.py) reads sheet.append as a write
    listed: list[tuple[str, str]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if name.rpartition(":")[2] == "sheet":
            rel = next((v for k, v in attributes.items() if k.rpartition(":")[2] == "id"), "")
            listed.append((attributes.get("name", ""), targets.get(rel, "")))

    _parse(reader, info, start)
    return workbook, listed


def _relationships(reader: _PartReader, info: zipfile.ZipInfo) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if name.rpartition(":")[2] == "Relationship":
            found.append(
                (attributes.get("Id", ""), attributes.get("Type", ""), attributes.get("Target", ""))
            )

    _parse(reader, info, start)
    return found


def _parse(
    reader: _PartReader, info: zipfile.ZipInfo, start: Callable[[str, dict[str, str]], None]
) -> None:
    """Parse a small XML part with expat, streamed through the same guard as every part (size,
    nesting, token length); a document type declaration is refused (SpreadsheetML has none,
    and entities are how XML bombs multiply)."""
    guard = _Scan(reader.file, info.filename, reader.limits)
    parser = expat.ParserCreate()

    def no_doctype(*_: object) -> None:
        raise _corrupt(reader.file, f"{info.filename}: DOCTYPE")

    parser.StartDoctypeDeclHandler = no_doctype
    parser.StartElementHandler = start
    try:
        for chunk in reader.chunks(info):
            for piece in guard.pieces(chunk):
                parser.Parse(piece, False)
        guard.close()
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _corrupt(reader.file, f"{info.filename}: {exc}") from exc


def _choose(names: list[str], sheet: str | None, file: str) -> str:
    if sheet is None:
        return names[0]
    wanted = sheet.strip().casefold()
    for name in names:
        if name.strip().casefold() == wanted:
            return name
    raise BinhdangError.of("file.no_sheet", file=file, sheet=sheet, available=", ".join(names))


# --- scanning XML a chunk at a time -------------------------------------------------------------


class _Scan:
    """What every XML part is checked for: no token (a text or a tag) longer than a cell may
    be, no nesting deeper than :data:`MAX_XML_DEPTH`.

    Chunks are cut after their last ``>`` so each piece holds whole tags and whole texts; the
    rest waits for the next chunk, and a rest that outgrows the longest possible cell is refused
    at once (memory stays bounded). Depth is counted from the number of opening, closing and
    empty tags in windows of 16 KB (cut after a ``>``), so a spike inside one window can pass
    (by at most ~5,000 levels): the check is there to refuse nesting by the ten thousands,
    which is what breaks parsers that recurse. Every search starts with a literal (``>``,
    ``<row``, `` r="``), which the regular-expression engine finds at memory speed."""

    WINDOW = 16384

    def __init__(self, file: str, part: str, limits: ReadLimits) -> None:
        self.file, self.part, self.limits = file, part, limits
        self.rest = b""
        self.depth = 0
        # the longest encoding of one character is an entity such as &#1114111; (10 bytes)
        self.max_token = limits.max_cell_chars * 10 + 1024
        self.long_text = re.compile(rb">[^<]{%d}" % (limits.max_cell_chars + 1))
        self.long_tag = re.compile(rb"<[^>]{%d}" % (limits.max_cell_chars + 1))

    def pieces(self, chunk: bytes) -> Iterator[bytes]:
        data = self.rest + chunk if self.rest else chunk
        cut = data.rfind(b">") + 1
        self.rest = data[cut:]
        if len(self.rest) > self.max_token:
            raise refused("cell", self.file, limit=self.limits.max_cell_chars)
        if cut:
            piece = data[:cut]
            self._guard(piece)
            yield piece

    def feed(self, chunk: bytes) -> None:
        for piece in self.pieces(chunk):
            self.scan(piece)

    def close(self) -> None:
        if self.rest.strip():
            self._guard(self.rest)
            self.scan(self.rest)
        self.rest = b""

    def scan(self, piece: bytes) -> None:
        """What a kind of part checks beyond the guard."""

    def _guard(self, piece: bytes) -> None:
        for pattern in (self.long_text, self.long_tag):
            at = 0
            while match := pattern.search(piece, at):
                end = piece.find(b"<" if pattern is self.long_text else b">", match.end())
                token = piece[match.start() + 1 : end if end >= 0 else len(piece)]
                if _characters(token) > self.limits.max_cell_chars:
                    raise refused("cell", self.file, limit=self.limits.max_cell_chars)
                at = match.end()
        other = piece.count(b"<?") + piece.count(b"<!")  # declarations, comments: rare
        depth, start, size = self.depth, 0, len(piece)
        while start < size:  # windows cut after a ">", so that no tag is split
            end = piece.rfind(b">", start, start + self.WINDOW) + 1
            if end <= start:
                end = piece.find(b">", start + self.WINDOW) + 1 or size
            window = piece[start:end]
            closing = window.count(b"</")
            if other:
                closing += window.count(b"<?") + window.count(b"<!")
            depth += window.count(b"<") - 2 * closing - window.count(b"/>")
            if depth > MAX_XML_DEPTH:
                raise refused("depth", self.file, part=self.part, limit=MAX_XML_DEPTH)
            start = end
        self.depth = depth


def _characters(token: bytes) -> int:
    """How many characters a piece of XML text stands for (an entity is one)."""
    entities = _ENTITY.findall(token)
    return len(token.decode("utf-8", "replace")) - sum(len(e) - 1 for e in entities)


def _pick(
    piece: bytes, name: bytes, fast: re.Pattern[bytes], general: re.Pattern[bytes]
) -> re.Pattern[bytes]:
    """The literal pattern (``<row``), or the one allowing a namespace prefix (``<x:row``)
    when the piece has such an element (looked for as the literal ``:row``)."""
    return general if b":" + name in piece else fast


class _SheetScan(_Scan):
    """A worksheet: its declared range, its rows, its references.

    While streaming: the ``<dimension>``, the number of ``<row>`` elements, references beyond
    the limits written the usual way (`` r="XFD1048576"``). A sheet small enough to parse in
    this process is kept and checked exactly at the end: every spelling of a reference
    (quotes, spaces, a tab), cells without one, the farthest cell."""

    def __init__(self, file: str, part: str, limits: ReadLimits) -> None:
        super().__init__(file, part, limits)
        self.in_data = False
        self.data_ended = False
        self.rows = 0
        self.keep: bytearray | None = bytearray()  # a small sheet's XML, checked at the end
        rows = above(str(limits.max_rows), string.digits).encode()
        columns = above(column_letters(limits.max_columns), string.ascii_uppercase).encode()
        far = rb"((?:[A-Za-z]*0*" + rows + rb")|(?:" + columns + rb"[0-9]*))"
        self.far = re.compile(rb' r="' + far + rb'"', re.IGNORECASE)

    def scan(self, piece: bytes) -> None:
        if not self.in_data:
            found = _DIMENSION.search(piece) if b"dimension" in piece else None
            if found:
                self._check_dimension(found.group(1).decode("ascii", "replace"))
            if _SHEET_DATA.search(piece):
                self.in_data = True
        if self.data_ended:
            return
        if b"sheetData" in piece and _SHEET_DATA_END.search(piece):
            self.data_ended = True
        self.rows += len(_pick(piece, b"row", _ROW_FAST, _ROW).findall(piece))
        if self.rows > self.limits.max_rows:
            raise refused("rows", self.file, found=f"≥ {self.rows}", limit=self.limits.max_rows)
        far = self.far.search(piece)
        if far:  # name a cell rather than its row, when the row has one
            nearby = self.far.finditer(piece, far.start(), far.start() + 65536)
            self._refuse_far(next((m for m in nearby if not m.group(1).isdigit()), far))
        if self.keep is not None:
            if len(self.keep) + len(piece) <= IN_PROCESS_XML_BYTES:
                self.keep += piece
            else:
                self.keep = None

    def _refuse_far(self, far: re.Match[bytes]) -> None:
        limits = self.limits
        ref = far.group(1).decode("ascii", "replace")
        if ref.isdigit():  # a row element's number
            raise refused("rows", self.file, found=ref, limit=limits.max_rows)
        raise refused(
            "cell_ref",
            self.file,
            found=ref.upper(),
            limit=grid(limits.max_rows, limits.max_columns),
        )

    def _check_dimension(self, ref: str) -> None:
        """A declared range beyond the limits is refused at once (a 3-million-row sheet says so
        in its first kilobyte); a smaller one proves nothing, the rows are counted anyway."""
        limits = self.limits
        for corner in ref.split(":"):
            match = re.fullmatch(r"([A-Za-z]+)([0-9]+)", corner.strip())
            if match is None:
                continue  # the reader judges a malformed range
            if (
                column_index(match.group(1)) > limits.max_columns
                or int(match.group(2)) > limits.max_rows
            ):
                raise refused(
                    "declared",
                    self.file,
                    found=ref,
                    limit=grid(limits.max_rows, limits.max_columns),
                )

    def grid_cells(self) -> int | None:
        """Cells from A1 to the farthest cell of a small sheet, placed as the reader places
        them; None when not known (a large sheet, XML expat cannot read). A cell beyond the
        limits, however its reference is written (quotes, spaces), is refused.

        Usually every cell starts ``<c r="B7"``, as Excel, LibreOffice and openpyxl write it:
        then the references are the places, found by one search. Otherwise expat reads the
        sheet and :class:`_Positions` follows the reader's rules."""
        if self.keep is None:
            return None
        kept, self.keep = bytes(self.keep), None
        references = _CELL_REF.findall(kept)
        if len(references) == len(_CELL.findall(kept)) and not _PREFIXED_CELL.search(kept):
            rows = max((int(digits) for _, digits in references), default=0)
            letters = max(
                {letters for letters, _ in references}, key=lambda c: (len(c), c), default=b"A"
            )
            far = (rows, column_index(letters.decode("ascii")))
        else:
            positions = _Positions()
            parser = expat.ParserCreate()
            parser.StartElementHandler = positions.start
            parser.EndElementHandler = positions.end
            try:
                parser.Parse(kept, True)
            except (expat.ExpatError, ValueError):
                return None  # the reader is more lenient: let the child judge
            far = (positions.rows, positions.columns)
        limits = self.limits
        if far[0] > limits.max_rows or far[1] > limits.max_columns:
            raise refused(
                "cell_ref",
                self.file,
                found=f"{column_letters(far[1])}{far[0]}",
                limit=grid(limits.max_rows, limits.max_columns),
            )
        return far[0] * max(far[1], 1)


class _Positions:
    """Where the Excel reader puts each cell (python-calamine's cells reader): a ``<row r>``
    sets the row, the end of a row moves to the next and back to column A; a cell's own ``r``
    sets its place and the column, a cell without one takes the current place; each cell moves
    one column on. Counts every cell, valued or not (the reader skips empty ones: an
    overestimate, on the safe side). ``rows``/``columns``: the farthest, 1-based."""

    def __init__(self) -> None:
        self.row = self.column = 0  # 0-based, as the reader counts
        self.rows = self.columns = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == "c" or name.endswith(":c"):
            if "r" in attributes:
                row, self.column = _place(attributes["r"])
            else:
                row = self.row
            self.rows = max(self.rows, row + 1)
            self.columns = max(self.columns, self.column + 1)
        elif (name == "row" or name.endswith(":row")) and "r" in attributes:
            self.row = _place(attributes["r"])[0]

    def end(self, name: str) -> None:
        if name == "c" or name.endswith(":c"):
            self.column += 1
        elif name == "row" or name.endswith(":row"):
            self.row, self.column = self.row + 1, 0


def _place(reference: str) -> tuple[int, int]:
    """``"C7"`` → (6, 2), 0-based, as the reader reads it (letters optional for a row)."""
    match = _PLACE.fullmatch(reference)
    if match is None or int(match.group(2)) == 0:
        raise ValueError(reference)  # the reader refuses it too
    return int(match.group(2)) - 1, max(column_index(match.group(1)) - 1, 0)


class _StringsScan(_Scan):
    """The shared strings: the count the table declares (the reader reserves memory for that
    many) and the length of each string, which may be made of many runs."""

    def __init__(self, file: str, part: str, limits: ReadLimits) -> None:
        super().__init__(file, part, limits)
        self.declared = 0
        self.current = 0  # bytes of the string being read
        self.max_string = self.max_token

    def scan(self, piece: bytes) -> None:
        if not self.declared:
            found = _SST.search(piece)
            if found:
                self.declared = int(found.group(1))
        segments = _pick(piece, b"si", _SI_FAST, _SI).split(piece)
        self.current += len(segments[0])
        self._check(self.current)
        for segment in segments[1:]:
            self.current = len(segment)
            self._check(self.current)

    def _check(self, size: int) -> None:
        if size > self.max_string:
            raise refused("shared_string", self.file, limit=self.limits.max_cell_chars)
