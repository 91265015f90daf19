"""Certificate and minutes PDF figures for issue 5, run by hand:
`.venv/bin/python bench/certificates_bench.py [runs]` (default 15; see bench/README.md).

In one process, on a throw-away SQLite database migrated by Alembic, it times the wall clock
(`perf_counter`) and this process's CPU time (`process_time`), median of `runs` after a warm-up,
the compared measures interleaved:
- a bare WeasyPrint page: minimal A4-landscape HTML, default fonts (the floor);
- the same bare page with the Noto Serif faces the certificate uses (what fonts alone cost);
- the bare page and the certificate's own words as plain paragraphs, both with the fonts loaded
  once as the certificate has them (what any page of that text costs WeasyPrint);
- one certificate (`certificates.document.certificate_pdf`, warm);
- 100 certificates as ONE batch document: in PROCESSES worker processes, merged with pypdf (what
  the print job does), in this process laid out 25 at a time with progress (what it did before)
  and in one go, and 100 separate PDFs for comparison (fewer runs: `runs // 5`, at least 3);
- the start of the worker processes (once) and the pypdf merge of the parts alone;
- the print workers: a fresh interpreter importing WeasyPrint plainly (its library lookups run
  ldconfig, gcc and ld) and through `common.pdf.import_weasyprint`; their memory after the
  batches; the 100-certificate batch on a pool started for it (after the idle pool was stopped);
- the minutes of a closed 50-dossier session (`reports.services.minutes_pdf`), if present;
and prints the ratios against the issue's targets: a certificate within 1.5× of a bare page of
the same size, 100 certificates within 3 s on 2 cores.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade

from config import TestConfig
from evalapp import create_app
from evalapp.auth.models import Role
from evalapp.certificates import document, services
from evalapp.common import pdf
from evalapp.common.pdf import full_font_faces, layout_cached, local_only_fetcher, render_pdf
from evalapp.common.time import utcnow
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Position,
    SessionState,
)
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_decision,
    make_final_result,
    make_organisation,
    make_round,
    make_session,
    make_unit,
    make_user,
)

CERTIFICATES, DOSSIERS, MEMBERS = 100, 50, 9
PROCESSES = 2  # the print job's default (`document.print_processes`) on the 2-core target

BARE = """<!doctype html><html><head><meta charset="utf-8"><style>{faces}
@page {{ size: A4 landscape; margin: 9mm; }} body {{ {family} }}</style></head>
<body><p>Giấy chứng nhận sản phẩm OCOP</p></body></html>"""
NOTO = "<p style=\"font-family: 'Noto Serif'\">{}</p>"
IMPORTS = {
    "plain": "from evalapp.common import pdf; import weasyprint",
    "helper": "from evalapp.common import pdf; pdf.import_weasyprint()",
}


def timed(action, runs: int) -> tuple[list[float], list[float]]:
    times = interleaved({"one": action}, runs)
    return times["one"], times["one cpu"]


def interleaved(actions: dict, runs: int) -> dict[str, list[float]]:
    """Each action once as a warm-up, then `runs` rounds of all of them in turn, so a machine
    busy with something else slows the measures that are compared alike. Wall-clock times
    under the action's name, this process's CPU times under "<name> cpu" (milliseconds)."""
    for action in actions.values():
        action()
    times: dict[str, list[float]] = {key: [] for name in actions for key in (name, f"{name} cpu")}
    for _ in range(runs):
        for name, action in actions.items():
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            times[f"{name} cpu"].append((time.process_time() - cpu) * 1000)
            times[name].append((time.perf_counter() - wall) * 1000)
    return times


def line(name: str, times: list[float] | None, cpu: list[float] | None, note: str = "") -> str:
    if not times:
        return f"{name:<42} {'n/a':>9} {'':>13} {'':>9}  {note}"
    span = f"{min(times):.0f}–{max(times):.0f}"
    return (
        f"{name:<42} {statistics.median(times):>9.1f} {span:>13} "
        f"{statistics.median(cpu):>9.1f}  {note}"
    )


def build_certificates():
    """A province's issued decision with CERTIFICATES 4★ and 3★ results, all certified."""
    province = make_unit("Tỉnh Đo Đạc", code="DD")
    district = make_unit("Huyện Đo Đạc", UnitLevel.DISTRICT, parent=province, code="DD-H")
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district)
    secretary = make_user(Role.SECRETARY, unit=province)
    round_ = make_round(province, level_code="province", year=2021)
    council = make_council(round_)
    session = make_session(council)
    organisation = make_organisation(commune=commune, name="Hợp tác xã Nông nghiệp Đồng Văn")
    results = []
    for position in range(1, CERTIFICATES + 1):
        name = f"Trà Shan Tuyết Cổ Thụ số {position}"
        item = AgendaItem(
            dossier=make_accepted_dossier(round_, organisation, name), position=position
        )
        session.agenda.append(item)
        db.session.flush()
        results.append(make_final_result(item, "80.00", 4 if position % 2 else 3))
    decision = make_decision(round_, results, "2345/QĐ-UBND")
    certificates = services.issue_certificates(decision, secretary)
    db.session.commit()
    return certificates


def build_closed_session():
    """A closed district session of DOSSIERS dossiers, every sheet signed by MEMBERS members."""
    from evalapp.councils import services as councils
    from evalapp.scoring import services as scoring
    from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES

    province = make_unit("Tỉnh Biên Bản", code="BB")
    district = make_unit("Huyện Biên Bản", UnitLevel.DISTRICT, parent=province, code="BB-H")
    commune = make_unit("Xã Biên Bản", UnitLevel.COMMUNE, parent=district)
    round_ = make_round(district, level_code="district")
    seats = [(make_user(Role.COUNCIL_CHAIR, unit=district), Position.CHAIR)]
    seats += [
        (make_user(Role.COUNCIL_MEMBER, unit=district), Position.MEMBER) for _ in range(MEMBERS - 1)
    ]
    secretary = make_user(Role.SECRETARY, unit=district)
    seats.append((secretary, Position.SECRETARY))
    council = make_council(round_, seats)
    session = make_session(council, state=SessionState.OPEN, opened_at=utcnow())
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm")
    scorers = council.scoring_members()
    for member in council.members:
        session.attendance.append(Attendance(member_id=member.id, present=True))
    for position in range(1, DOSSIERS + 1):
        dossier = make_accepted_dossier(round_, organisation, f"Giỏ đay Hiếu Lâm số {position}")
        item = AgendaItem(dossier=dossier, position=position, added_at=utcnow())
        session.agenda.append(item)
        item.declarations.extend(ConflictDeclaration(member=m, has_conflict=False) for m in scorers)
    db.session.commit()
    for item in session.agenda:
        for member in scorers:
            sheet = scoring.open_sheet(item, member, member.user)
            scoring.save_draft(sheet, HIEU_LAM_CHOICES, {}, "", sheet.version, member.user)
            scoring.sign_sheet(sheet, sheet.version, member.user)
    councils.close_session(session, secretary)
    db.session.commit()
    return session


def measure(runs: int) -> None:
    few = max(3, runs // 5)
    certificates = build_certificates()
    facts = [document.printed_facts(c) for c in certificates]
    bare = BARE.format(faces="", family="")
    with_fonts = BARE.format(faces=full_font_faces(), family="font-family: 'Noto Serif';")
    started = time.perf_counter()
    document.batch_pdf(facts[:8], "bench", processes=PROCESSES)  # starts the workers
    start_ms = (time.perf_counter() - started) * 1000

    words = certificate_words(certificates[0])
    results = interleaved(
        {
            "bare": lambda: render_pdf(bare, local_only_fetcher()),
            "bare_fonts": lambda: render_pdf(with_fonts, local_only_fetcher()),
            "bare_warm": lambda: layout_cached(
                NOTO.format("Giấy chứng nhận sản phẩm OCOP")
            ).write_pdf(),
            "words": lambda: layout_cached("".join(NOTO.format(w) for w in words)).write_pdf(),
            "one": lambda: document.certificate_pdf(certificates[0]),
        },
        runs,
    )
    results |= interleaved(
        {
            "parallel": lambda: document.batch_pdf(facts, "bench", processes=PROCESSES),
            "batch25": lambda: document.batch_pdf(facts, "bench", chunk=25, processes=1),
            "batch100": lambda: document.batch_pdf(facts, "bench", chunk=CERTIFICATES, processes=1),
            "separate": lambda: [document.certificate_pdf(c) for c in certificates],
        },
        few,
    )
    parts = [
        document.certificates_html(facts[part.start : part.stop], "bench", inline_css=False)
        for part in document.split(CERTIFICATES, document.BATCH_CHUNK, PROCESSES)
    ]
    rendered = pdf.render_parts(parts, PROCESSES, css=document.stylesheet())
    results |= interleaved({"merge": lambda: pdf.merge_pdfs(rendered)}, runs)
    workers_mb = [rss_mb(child.pid) for child in multiprocessing.active_children()]
    results |= cold_batches(facts, few)
    results |= interleaved(
        {name: lambda c=code: fresh_import(c) for name, code in IMPORTS.items()}, 3
    )
    pdf.shutdown_pool()
    minutes = measure_minutes(few)
    sizes = {
        "one": len(document.certificate_pdf(certificates[0])),
        "batch": len(document.batch_pdf(facts, "bench", processes=1)),
        "parallel": len(pdf.merge_pdfs(rendered)),
        "parts": len(parts),
        "words": len(words),
        "workers_mb": workers_mb,
    }
    report(results, minutes, sizes, runs, few, start_ms)


def certificate_words(certificate) -> list[str]:
    """The lines of text a certificate shows, without its styles, stars nor QR code."""
    html = document.certificates_html([document.printed_facts(certificate)], "t", inline_css=False)
    body = re.sub(r"<svg.*?</svg>|<img[^>]*>", "", html.split("<body>")[1], flags=re.S)
    text = re.sub(r"<(br|/p|/div|/span|/h1)>", "\n", body)
    lines = (" ".join(re.sub(r"<[^>]+>", " ", line).split()) for line in text.splitlines())
    return [line for line in lines if line]


def cold_batches(facts, runs: int) -> dict[str, list[float]]:
    """The print job's batch on a pool started for it: what a batch costs once the idle pool
    was stopped (`document.pool_idle_seconds`)."""
    times: dict[str, list[float]] = {"cold": [], "cold cpu": []}
    for _ in range(runs):
        pdf.shutdown_pool()
        wall, cpu = time.perf_counter(), time.process_time()
        document.batch_pdf(facts, "bench", processes=PROCESSES)
        times["cold cpu"].append((time.process_time() - cpu) * 1000)
        times["cold"].append((time.perf_counter() - wall) * 1000)
    return times


def fresh_import(code: str) -> None:
    """`code` run by a fresh interpreter (as a spawned print worker starts)."""
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for row in status:
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
    return 0.0


def measure_minutes(runs: int) -> tuple[list[float], list[float]] | None:
    try:
        from evalapp.reports.services import minutes_pdf
    except ImportError:
        return None
    session = build_closed_session()
    return timed(lambda: minutes_pdf(session, with_names=False), runs)


def report(results, minutes, sizes, runs, few, start_ms) -> None:
    cpu = {name: statistics.median(results[f"{name} cpu"]) for name in results if " " not in name}
    wall = {name: statistics.median(results[name]) for name in cpu}
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"WeasyPrint, {os.cpu_count()} CPUs, load average {load}")
    print(f"{runs} runs ({few} for the batches and the minutes), interleaved")
    print(
        f"worker processes: {PROCESSES} (spawned once, {start_ms:.0f} ms to start and print "
        "8 certificates); CPU ms counts this process only, not the workers"
    )
    print(f"{'measure':<42} {'wall ms':>9} {'min–max':>13} {'CPU ms':>9}")

    def show(label, name, note=""):
        print(line(label, results[name], results[f"{name} cpu"], note))

    show("bare A4-landscape page (default font)", "bare")
    show("bare page with our Noto Serif faces", "bare_fonts")
    show("bare page, fonts loaded once (warm)", "bare_warm")
    show(f"its {sizes['words']} lines as plain <p>, warm", "words")
    show("one certificate (warm)", "one", f"{sizes['one'] / 1024:.1f} KB")
    per_cert = f"{wall['parallel'] / CERTIFICATES:.1f} ms/cert, {sizes['parallel'] / 1024:.0f} KB"
    show(f"{CERTIFICATES} certificates, {PROCESSES} processes, merged", "parallel", per_cert)
    show(f"  of which the pypdf merge of {sizes['parts']} parts", "merge")
    per_cert = f"{wall['batch25'] / CERTIFICATES:.1f} ms/cert, {sizes['batch'] / 1024:.0f} KB"
    show(f"{CERTIFICATES} certificates, 1 process, 25 per layout", "batch25", per_cert)
    show(f"{CERTIFICATES} certificates, 1 process, one layout", "batch100")
    show(f"{CERTIFICATES} certificates as separate PDFs", "separate")
    show(f"{CERTIFICATES} certificates, 2 processes started for it", "cold")
    show("fresh interpreter: import weasyprint", "plain", "ldconfig, gcc, ld lookups")
    show("fresh interpreter: pdf.import_weasyprint()", "helper", "no compiler runs")
    memory = " + ".join(f"{mb:.0f}" for mb in sizes["workers_mb"]) or "none"
    print(f"{'worker processes RSS after the batches (MB)':<42} {memory}")
    if minutes:
        print(line(f"minutes of a {DOSSIERS}-dossier session", *minutes))
    else:
        print(line(f"minutes of a {DOSSIERS}-dossier session", None, None, "missing"))
    print()
    print("ratios on CPU time (wall time in brackets; the wall clock counts other processes too)")
    for label, a, b, target in [
        ("certificate / bare page", "one", "bare", "target ≤ 1.5×"),
        ("certificate / bare page with the same fonts", "one", "bare_fonts", ""),
        ("certificate / bare page, fonts loaded once", "one", "bare_warm", ""),
        ("its words as plain <p> / bare page", "words", "bare", "the text alone"),
        ("chunked / single layout", "batch25", "batch100", ""),
        ("separate PDFs / one batch", "separate", "batch25", ""),
    ]:
        print(f"{label:<46} {cpu[a] / cpu[b]:>5.2f}× ({wall[a] / wall[b]:.2f}×)  {target}")
    print(
        f"{'one process / ' + str(PROCESSES) + ' processes (wall)':<46} "
        f"{wall['batch25'] / wall['parallel']:>5.2f}×"
    )
    print(
        f"{f'{CERTIFICATES}-certificate batch (the print job, wall)':<46} "
        f"{wall['parallel'] / 1000:>5.2f} s  target ≤ 3 s on 2 cores ({PROCESSES} processes)"
    )


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            TestConfig,
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
            MAIL_OUTBOX_DIR=folder,
            STORAGE_LOCAL_DIR=folder,
            CERTIFICATE_SIGNING_KEY=str(Path(folder) / "signing.pem"),
        )
        with app.app_context(), app.test_request_context():
            upgrade()
            measure(runs)
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
