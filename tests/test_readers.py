"""HTML, .docx, .pdf and URL input: every format reaches the same cleaning.

URL tests run a local http.server on 127.0.0.1 (no external network): success, 404, timeout,
oversize and a non-HTML content type.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarize import Document, InputError

TITLE = "Pemerintah Umumkan Kenaikan Harga BBM Mulai Besok"
PARAGRAPHS = [
    "JAKARTA, KOMPAS.com - Pemerintah resmi mengumumkan kenaikan harga bahan bakar minyak jenis "
    "Pertalite mulai Rabu (5/11/2025). Harga baru ditetapkan Rp 12.500 per liter.",
    "\"Kami sudah menghitung dampaknya terhadap inflasi,\" kata Menteri ESDM di Jakarta, Selasa "
    "(4/11/2025).",
    "Ia menambahkan, subsidi akan dialihkan ke bantuan langsung tunai bagi 20 juta keluarga miskin "
    "di seluruh Indonesia.",
    "Ekonom memperkirakan inflasi naik 0,8 poin persen pada akhir tahun. Namun Bank Indonesia "
    "menyatakan siap menjaga stabilitas harga.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{TITLE} - Kompas.com</title>
<meta property="og:title" content="{TITLE}">
<meta name="author" content="Dian Erika">
<meta property="article:published_time" content="2025-11-04T10:15:00+07:00">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/ekonomi">Ekonomi</a></li></ul></nav></header>
<main><article>
<h1>{TITLE}</h1>
<div class="byline">Penulis: Dian Erika | Editor: Icha Rastika</div>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p><strong>Baca juga: Harga BBM Naik, Ini Daftar Lengkapnya</strong></p>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
</article>
<aside><h3>Berita Terkait</h3><ul>
<li><a href="/a">Pemerintah Pastikan Stok BBM Aman Jelang Kenaikan Harga</a></li>
<li><a href="/b">Antrean Mengular di SPBU Jelang Harga Baru Berlaku</a></li></ul></aside>
</main>
<footer><p>Copyright 2008 - 2025 PT. Kompas Cyber Media. All Rights Reserved.</p></footer>
</body></html>
"""


def _body(doc: Document) -> list[str]:
    return [" ".join(p) for p in doc.paragraphs]


def _check_article(doc: Document) -> None:
    assert doc.title == TITLE
    assert _body(doc) == PARAGRAPHS
    assert not any("Baca juga" in line for line in _body(doc))


def test_html_page() -> None:
    doc = Document.from_html(PAGE, url="https://example.com/read/1")
    _check_article(doc)
    assert doc.meta["date"] == "2025-11-04"
    assert doc.meta["author"] == "Dian Erika"
    assert doc.meta["source"] == "https://example.com/read/1"
    assert any("Baca juga" in line for line in doc.removed)


def test_html_from_bytes_and_file(tmp_path: Path) -> None:
    _check_article(Document.from_html(PAGE.encode("utf-8")))
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    _check_article(Document.from_file(path))
    # A saved page with a .txt name is still read as HTML.
    disguised = tmp_path / "page.txt"
    disguised.write_text(PAGE, encoding="utf-8")
    _check_article(Document.from_file(disguised))


def test_html_without_article_text() -> None:
    with pytest.raises(InputError):
        Document.from_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(InputError, match="empty"):
        Document.from_html("   ")


def test_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph("Penulis: Dian Erika")
    for i, text in enumerate(PARAGRAPHS):
        document.add_paragraph(text)
        if i == 1:
            document.add_paragraph("Baca juga: Harga BBM Naik, Ini Daftar Lengkapnya")
    path = tmp_path / "artikel.docx"
    document.save(str(path))
    doc = Document.from_file(path)
    _check_article(doc)
    assert doc.meta["author"] == "Dian Erika"


def test_damaged_docx(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(InputError, match="Word document"):
        Document.from_file(path)


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with Helvetica text, one line per entry (no PDF writer needed)."""
    ops = ["BT", "/F1 10 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_lines_are_joined_into_paragraphs(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    wrapped = [
        TITLE,
        "JAKARTA, KOMPAS.com - Pemerintah resmi mengumumkan kenaikan harga bahan bakar minyak jenis",
        "Pertalite mulai Rabu (5/11/2025). Harga baru ditetapkan Rp 12.500 per liter.",
        "",
        "Ia menambahkan, subsidi akan dialihkan ke bantuan langsung tunai bagi 20 juta keluarga miskin di",
        "seluruh Indonesia.",
        "",
        "12",
    ]
    path = tmp_path / "artikel.pdf"
    path.write_bytes(_pdf(wrapped))
    doc = Document.from_file(path)
    assert doc.title == TITLE
    assert _body(doc) == [PARAGRAPHS[0], PARAGRAPHS[2]]
    assert "12" in doc.removed


def test_pdf_without_text_and_unsupported_types(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    empty = tmp_path / "scan.pdf"
    empty.write_bytes(_pdf([]))
    with pytest.raises(InputError, match="no text layer"):
        Document.from_file(empty)
    for name in ("old.doc", "sheet.xlsx", "x.odt"):
        path = tmp_path / name
        path.write_text("data", encoding="utf-8")
        with pytest.raises(InputError, match="unsupported"):
            Document.from_file(path)


# -- URLs --------------------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            self._send(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE.encode("utf-8"))
        elif self.path == "/big":
            self._send(200, "text/html", b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>")
        elif self.path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        elif self.path == "/plain":
            self._send(200, "text/plain; charset=utf-8", "\n".join([TITLE, *PARAGRAPHS]).encode("utf-8"))
        else:
            self._send(404, "text/html", b"<html><body>Not found</body></html>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_ALLOW_PRIVATE_URLS", "1")


def test_url_success_and_redirect(server: str, local: None) -> None:
    doc = Document.from_url(f"{server}/article")
    _check_article(doc)
    assert doc.meta["source"] == f"{server}/article"
    _check_article(Document.from_url(f"{server}/moved"))


def test_url_plain_text(server: str, local: None) -> None:
    doc = Document.from_url(f"{server}/plain")
    assert doc.title == TITLE and _body(doc)[0] == PARAGRAPHS[0]


def test_url_404(server: str, local: None) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        Document.from_url(f"{server}/missing")


def test_url_timeout(server: str, local: None) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="did not answer within 1 s"):
        Document.from_url(f"{server}/slow", timeout=1)
    assert time.monotonic() - started < 15


def test_url_oversize(server: str, local: None) -> None:
    with pytest.raises(InputError, match="larger than"):
        Document.from_url(f"{server}/big", max_bytes=100_000)


def test_url_not_html(server: str, local: None) -> None:
    with pytest.raises(InputError, match="image/png, not a web page"):
        Document.from_url(f"{server}/image")


def test_url_private_address_refused_by_default(server: str) -> None:
    with pytest.raises(InputError, match="private address"):
        Document.from_url(f"{server}/article", allow_private=False)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd", "example.com", ""])
def test_url_scheme(url: str) -> None:
    with pytest.raises(InputError):
        Document.from_url(url)


def test_cli_clean_url(server: str, local: None, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from summarize.apps import main

    assert main(["clean", f"{server}/article", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == TITLE
    assert main(["clean", f"{server}/missing"]) == 2
    assert "HTTP 404" in capsys.readouterr().err


def test_ui_upload_reads_html_and_docx(tmp_path: Path) -> None:
    pytest.importorskip("gradio")
    docx = pytest.importorskip("docx")
    from summarize.apps import read_input

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    _check_article(read_input(None, str(page), None))
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    path = tmp_path / "artikel.docx"
    document.save(str(path))
    _check_article(read_input(None, str(path), None))
    # A file and pasted text together: which one was meant is unknowable, so say so.
    with pytest.raises(InputError, match="Both a file and pasted text"):
        read_input("Korut meluncurkan rudal.", str(path), None)


def test_url_respects_max_chars(server: str, local: None) -> None:
    with pytest.raises(InputError, match="100"):
        Document.from_url(f"{server}/plain", max_chars=100)
    with pytest.raises(InputError, match="100"):
        Document.from_url(f"{server}/article", max_chars=100)
