"""Hostile files are refused with one clear error naming the file and the limit it broke.

Each file is built here (never committed): by the library, the CLI as a separate process (exit
1, no traceback, the database unchanged) and the web upload of an editor (a check-only preview,
after which the server still answers). The XLSX packages are written by hand with ``zipfile``,
their XML from generators, so that even the 3-million-row sheet costs about a second to build.
"""

from __future__ import annotations

import io
import os
import random
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.errors import BinhdangError
from binhdang.ingest.child import ChildParse
from binhdang.ingest.limits import ReadLimits
from binhdang.ingest.reader import read_sheet
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import run_cli, snapshot
from tests.imports import import_units

BINHDANG = Path(sys.executable).with_name("binhdang")

# --- XLSX packages by hand ------------------------------------------------------------------

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    b'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships"><sheets><sheet name="Danh s\xc3\xa1ch" sheetId="1" r:id="rId1"/></sheets>'
    b"</workbook>"
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    b'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/></Relationships>'
)
_MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER_ROW = (
    b'<row r="1">'
    + b"".join(
        b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (bytes([65 + i]), name.encode())
        for i, name in enumerate(STAFF_HEADER)
    )
    + b"</row>"
)


def sheet(rows: Iterable[bytes], dimension: str | None = None) -> Iterator[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + _MAIN + b">"
    if dimension:
        yield b'<dimension ref="%s"/>' % dimension.encode()
    yield b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def package(
    path: Path,
    worksheet: Iterable[bytes],
    strings: bytes | None = None,
    extra: dict[str, bytes] | None = None,
    stored: bool = False,
) -> Path:
    """An XLSX with one sheet whose XML is streamed from ``worksheet`` (``stored``: not
    compressed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as part:
            buffer = bytearray()
            for piece in worksheet:
                buffer += piece
                if len(buffer) > 1 << 20:
                    part.write(buffer)
                    buffer.clear()
            part.write(buffer)
        if strings is not None:
            archive.writestr("xl/sharedStrings.xml", strings)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def data_rows(first: int, last: int) -> Iterator[bytes]:
    """Rows ``first``..``last`` with one numeric cell each, 10,000 rows a piece."""
    for start in range(first, last + 1, 10_000):
        yield b"".join(
            b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n)
            for n in range(start, min(start + 10_000, last + 1))
        )


def far_cell(folder: Path) -> Path:
    """The 4.7 KB workbook of the report: one cell at XFD1048576 (a 512 GB grid)."""
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return package(folder / "o_xa.xlsx", sheet([HEADER_ROW, far]))


def lying_dimension(folder: Path) -> Path:
    return package(folder / "vung.xlsx", sheet([HEADER_ROW], dimension="A1:XFD1048576"))


def huge_shared_string(folder: Path) -> Path:
    """One shared string of 40 runs of 30,000 characters: each run is allowed, the string not
    (random hexadecimal digits, so the part does not compress like a bomb)."""
    noise = random.Random(11)
    runs = b"".join(b"<r><t>%s</t></r>" % noise.randbytes(15_000).hex().encode() for _ in range(40))
    strings = b"<sst " + _MAIN + b' count="1" uniqueCount="1"><si>' + runs + b"</si></sst>"
    cell = b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return package(folder / "chuoi.xlsx", sheet([HEADER_ROW, cell]), strings=strings)


def declared_strings(folder: Path) -> Path:
    """A shared-string table declaring 10^11 strings: the reader reserves room for them."""
    strings = b"<sst " + _MAIN + b' uniqueCount="100000000000"><si><t>x</t></si></sst>'
    cell = b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return package(folder / "bang_chuoi.xlsx", sheet([HEADER_ROW, cell]), strings=strings)


def zip_bomb(folder: Path, name: str = "bom.xlsx") -> Path:
    """A 32 MB part of zeros, compressed over 200 times."""
    return package(
        folder / name, sheet([HEADER_ROW]), extra={"xl/media/image1.png": bytes(32 * 1024 * 1024)}
    )


def lying_zip_bomb(folder: Path) -> Path:
    """The same bomb, its headers claiming 1,000 bytes: the reader must stop there, not trust
    the header and inflate the 32 MB."""
    path = zip_bomb(folder, "bom_gia.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        bomb = archive.getinfo("xl/media/image1.png")
    struct.pack_into("<I", data, bomb.header_offset + 22, 1000)  # local header
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # central directory: the entry of that name
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == b"xl/media/image1.png":
            struct.pack_into("<I", data, at + 24, 1000)
        at = data.find(b"PK\x01\x02", at + 46)
    path.write_bytes(bytes(data))
    return path


def deep_nesting(folder: Path) -> Path:
    deep = b'<row r="2"><c r="A2" t="inlineStr"><is>' + b"<r>" * 100_000 + b"</is></c></row>"
    return package(folder / "long.xlsx", sheet([HEADER_ROW, deep]))


def three_million_rows(folder: Path) -> Path:
    """3,000,001 rows and no ``<dimension>``: refused by counting, long before the end. The
    rows carry no number (their position is their number, which the format allows), so the
    78 MB sheet is one repeated block, stored uncompressed: it builds in a blink."""
    row = b"<row><c><v>1</v></c></row>"
    rows = (row * 100_000 for _ in range(30))
    return package(folder / "ba_trieu.xlsx", sheet([HEADER_ROW, *rows]), stored=True)


def child_abort(folder: Path) -> Path:
    """A sheet too large to parse in this process, whose far cell is written with single
    quotes: the streaming check does not look for that spelling, the reader in the child asks
    for 512 GB and aborts. The error still names the file and the limit."""
    far = b"<row r=\"120002\"><c r='XFD1048576'><v>1</v></c></row>"
    return package(folder / "vo.xlsx", sheet([HEADER_ROW, *data_rows(2, 120_001), far]))


def csv_file(path: Path, rows: Iterable[str]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(",".join(STAFF_HEADER) + "\r\n")
        handle.writelines(rows)
    return path


def csv_long_cell(folder: Path) -> Path:
    return csv_file(folder / "o_dai.csv", ["QT1," + "A" * 100_000 + ",Nữ\r\n"])


def csv_giant_field(folder: Path) -> Path:
    """Over the csv module's own limit (131,072 characters)."""
    return csv_file(folder / "truong.csv", ['QT1,"' + "A" * 300_000 + '",Nữ\r\n'])


def csv_too_many_rows(folder: Path) -> Path:
    return csv_file(folder / "nhieu_dong.csv", ["QT,Người,Nữ\r\n" * 260_000])


def csv_too_many_columns(folder: Path) -> Path:
    return csv_file(folder / "nhieu_cot.csv", ["QT1" + ",x" * 300 + "\r\n"])


HOSTILE: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    # builder, message key, a text the message names
    "far cell": (far_cell, "file.limit.cell_ref", "XFD1048576"),
    "lying dimension": (lying_dimension, "file.limit.declared", "A1:XFD1048576"),
    "huge shared string": (huge_shared_string, "file.limit.shared_string", "32767"),
    "declared strings": (declared_strings, "file.limit.strings_declared", "100000000000"),
    "zip bomb": (zip_bomb, "file.limit.ratio", "xl/media/image1.png"),
    "lying zip bomb": (lying_zip_bomb, "file.corrupt", "xl/media/image1.png"),
    "deep nesting": (deep_nesting, "file.limit.depth", "xl/worksheets/sheet1.xml"),
    "3 million rows": (three_million_rows, "file.limit.rows", "(≥ "),  # counted, not read whole
    "native abort": (child_abort, "file.limit.memory", "BINHDANG_READ_MEMORY_MB"),
    "csv long cell": (csv_long_cell, "file.limit.cell", "(B2)"),
    "csv giant field": (csv_giant_field, "file.limit.cell", "32767"),
    "csv too many rows": (csv_too_many_rows, "file.limit.rows", "250000"),
    "csv too many columns": (csv_too_many_columns, "file.limit.columns", "301"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {case: build(folder) for case, (build, _, _) in HOSTILE.items()}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_library_refuses_each_hostile_file_clearly(hostile: dict[str, Path], case: str) -> None:
    _, key, named = HOSTILE[case]
    path = hostile[case]
    with pytest.raises(BinhdangError) as refused:
        read_sheet(path)
    assert refused.value.message.key == key
    for lang in ("vi", "en"):
        message = refused.value.message.render(lang)
        assert path.name in message and named in message


def test_the_far_cell_file_is_as_small_as_reported(hostile: dict[str, Path]) -> None:
    assert hostile["far cell"].stat().st_size < 5000
    assert hostile["zip bomb"].stat().st_size < 1024 * 1024  # 32 MB inside


def test_the_cli_refuses_each_hostile_file_and_keeps_the_database(
    hostile: dict[str, Path],
    db_url: str,
    engine: Engine,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    before = snapshot(engine, with_log=True)
    for case, (_, key, named) in HOSTILE.items():
        path = hostile[case]
        done = run_cli(
            capsys,
            "import",
            "staff",
            str(path),
            "--as-of",
            "01/10/2022",
            "--db",
            db_url,
            "--lang",
            "en",
        )
        assert done.code == 1, (case, done.err)
        assert "Traceback" not in done.err and path.name in done.err and named in done.err
        if key.startswith("file.limit."):
            assert "too large or damaged" in done.err, (case, done.err)
    assert snapshot(engine, with_log=True) == before


# the cases that reach the native reader or the child: as a user runs them, one process each
IN_A_PROCESS = ("far cell", "declared strings", "3 million rows", "native abort")


def test_the_binhdang_command_survives_them(
    hostile: dict[str, Path], db_url: str, engine: Engine, tmp_path: Path
) -> None:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    before = snapshot(engine, with_log=True)
    runs = {  # side by side: each process spends a second importing binhdang
        case: subprocess.Popen(
            [
                str(BINHDANG),
                "import",
                "staff",
                str(hostile[case]),
                "--as-of",
                "01/10/2022",
                "--db",
                db_url,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for case in IN_A_PROCESS
    }
    for case, run in runs.items():
        _, _, named = HOSTILE[case]
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 1, (case, run.returncode, stderr)
        assert "Traceback" not in stderr and hostile[case].name in stderr, (case, stderr)
        assert named in stderr and "quá lớn hoặc hỏng" in stderr, (case, stderr)
    assert snapshot(engine, with_log=True) == before


def test_limits_are_settings_read_when_a_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [staff_row(f"QT{n}") for n in range(50)]
    path = write_table(tmp_path / "ds.xlsx", STAFF_HEADER, rows)
    assert len(read_sheet(path).rows) == 51
    monkeypatch.setenv("BINHDANG_MAX_ROWS", "40")
    with pytest.raises(BinhdangError) as refused:
        read_sheet(path)
    assert refused.value.message.key == "file.limit.declared"  # openpyxl writes the range
    assert "BINHDANG_MAX_ROWS" in refused.value.message.render("vi")
    monkeypatch.delenv("BINHDANG_MAX_ROWS")
    monkeypatch.setenv("BINHDANG_MAX_FILE_MB", "0.001")
    with pytest.raises(BinhdangError) as refused:
        read_sheet(path)
    assert refused.value.message.key == "file.limit.file_size"
    monkeypatch.setenv("BINHDANG_MAX_FILE_MB", "not a number")  # the default, not a crash
    assert len(read_sheet(path).rows) == 51


def test_a_large_list_is_parsed_in_the_child_with_its_row_numbers(tmp_path: Path) -> None:
    """Past 4 MB of XML the parse runs in the child (and the check meanwhile): the rows come
    back whole and typed, spreadsheet row i + 1 at index i."""
    text = b'<row r="2"><c r="B2" t="inlineStr"><is><t>Nguy\xe1\xbb\x85n</t></is></c></row>'
    path = package(tmp_path / "lon.xlsx", sheet([HEADER_ROW, text, *data_rows(3, 130_000)]))
    rows = read_sheet(path).rows
    assert len(rows) == 130_000
    assert rows[0][:2] == ["Mã cán bộ", "Họ và tên"]
    assert rows[1][:2] == ["", "Nguyễn"]
    assert rows[2][0] == 3.0 and rows[129_999][0] == 130_000.0


def test_an_xls_is_parsed_in_the_child(tmp_path: Path) -> None:
    fake = tmp_path / "cu.xls"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(BinhdangError) as refused:
        read_sheet(fake)
    assert refused.value.message.key == "file.corrupt" and "cu.xls" in str(refused.value)


def test_the_child_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    path = write_table(tmp_path / "ds.xlsx", STAFF_HEADER, [staff_row("QT1")])
    with (
        ChildParse(path, path.name, None, ReadLimits(seconds=0)) as child,
        pytest.raises(BinhdangError) as refused,
    ):
        child.rows()
    assert refused.value.message.key == "file.limit.time"
    assert "BINHDANG_READ_SECONDS" in refused.value.message.render("en")


def test_a_child_answer_naming_a_class_is_refused() -> None:
    """The rows come back through an unpickler that rebuilds nothing but cell types."""
    import pickle

    from binhdang.ingest import child

    evil = pickle.dumps(("rows", [[os.system]]))
    with pytest.raises(pickle.UnpicklingError):
        child._Unpickler(io.BytesIO(evil)).load()


def test_an_editor_checking_them_on_the_web_gets_errors_and_the_server_goes_on(
    hostile: dict[str, Path], db_url: str, engine: Engine, tmp_path: Path
) -> None:
    """A check-only upload (the preview) of each file by an editor: a clear error (or 413 for
    the files over the body cap), nothing saved, and the server answers the next request."""
    from tests.web.conftest import csrf_from, open_site, sign_in

    for site in open_site(db_url, engine, tmp_path, passwords=("editor",)):
        sign_in(site.client, "editor")
        token = csrf_from(site.client.get("/import").text)
        before = snapshot(engine, with_log=False)
        for case, (_, _, named) in HOSTILE.items():
            path = hostile[case]
            with path.open("rb") as handle:
                answer = site.client.post(
                    "/import",
                    data={"csrf_token": token, "kind": "staff", "as_of": "2022-10-01"},
                    files={"file": (path.name, handle)},
                )
            if path.stat().st_size > site.settings.max_body_bytes:
                assert answer.status_code == 413, case
                assert "BINHDANG_MAX_BODY_MB" in answer.text
            else:
                assert answer.status_code == 422, (case, answer.status_code)
                assert path.name in answer.text and named.replace("&", "&amp;") in answer.text
            assert site.client.get("/import").status_code == 200, case
        assert snapshot(engine, with_log=False) == before


def test_cells_without_a_reference_are_placed_as_the_reader_places_them(tmp_path: Path) -> None:
    """The format lets a cell omit its reference (it follows the previous one) and a row its
    number (it follows the previous row): the check places them as the reader does, so a small
    file of them is still read in this process, and one that runs past the columns is refused."""
    from binhdang.ingest.xlsx_check import check_xlsx

    cells = b'<row r="3"><c><v>1</v></c><c r="C3"><v>2</v></c><c><v>3</v></c></row>'
    following = b"<row><c><v>4</v></c></row>"
    path = package(tmp_path / "vi_tri.xlsx", sheet([HEADER_ROW, cells, following]))
    assert check_xlsx(path, path.name, None, ReadLimits()).in_process
    rows = read_sheet(path).rows
    assert rows[2][:4] == [1.0, "", 2.0, 3.0] and rows[3][0] == 4.0
    wide = b'<row r="2">' + b"<c><v>1</v></c>" * 250 + b"</row>"
    path = package(tmp_path / "rong.xlsx", sheet([HEADER_ROW, wide]))
    with pytest.raises(BinhdangError) as refused:
        read_sheet(path)
    assert refused.value.message.key == "file.limit.cell_ref" and "IP2" in str(refused.value)
