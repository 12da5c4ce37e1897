"""Reference facts: sources read into one table (every problem located), figures matched to records
only when nothing is in doubt, the same report from CSV, SQLite and a real PostgreSQL server, and a
figure stated twice in one article.

The PostgreSQL tests start their own server (initdb and pg_ctl, in a temporary folder, on a free
port, as the ``postgres`` user when run as root); they skip, saying why, where PostgreSQL is not
installed (``.ci/run`` installs Debian's ``postgresql``).
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

import factcheck
from factcheck.checking.analysis import analyse
from factcheck.errors import ConfigError
from factcheck.facts import FactSource, load_facts
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document

ROOT = Path(__file__).resolve().parents[1]
SEED_FACTS = ROOT / "seeds" / "facts" / "binh-lieu.csv"
ARTICLE = "seeds/vi-binh-lieu-so-lieu.txt"
COLUMNS = ("entity", "entity_aliases", "measure", "measure_vi", "measure_en", "period", "value", "unit", "source", "url")
ROWS = [
    ("huyện Bình Liêu", "Bình Liêu district|Binh Lieu district", "party members", "đảng viên", "party members", "2020",
     2340, "", "Thống kê tỉnh 2020", "https://example.org/thong-ke-2020"),
    ("huyện Bình Liêu", "", "party members", "đảng viên", "party members", "2019", 2250, "", "Thống kê tỉnh 2019", ""),
    ("huyện Bình Liêu", "", "forest", "rừng", "forest", "", 24.3, "km**2", "Kiểm kê rừng", ""),
]
TEXT = "Tính đến hết năm 2020, Đảng bộ huyện Bình Liêu có 2.430 đảng viên."


def _csv(path: Path, rows: list[tuple] = ROWS) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def _findings(text: str, facts, lang: str = "vi", published: str | None = "2021-01-12", **params):
    catalog = default_catalog().with_facts(facts)
    doc = Document("<text>", text, lang, None if published is None else __import__("datetime").date.fromisoformat(published))
    return analyse(doc, catalog)


# --- sources ------------------------------------------------------------------------------------------------


def test_csv_jsonl_and_yaml_give_the_same_table(tmp_path):
    csv_table = load_facts([_csv(tmp_path / "f.csv")])
    lines = [json.dumps(dict(zip(COLUMNS, row)), ensure_ascii=False) for row in ROWS]
    (tmp_path / "f.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = [{k: v for k, v in zip(COLUMNS, row) if v != ""} for row in ROWS]
    import yaml

    (tmp_path / "f.yaml").write_text(yaml.safe_dump({"facts": facts}, allow_unicode=True), encoding="utf-8")
    tables = [csv_table, load_facts([tmp_path / "f.jsonl"]), load_facts([tmp_path / "f.yaml"])]
    assert {t.digest for t in tables} == {csv_table.digest} and len(csv_table) == 3
    [fact_2020] = [f for f in csv_table.facts[("huyện bình liêu", "party members")] if f.period and f.period.key == "2020"]
    assert (fact_2020.value, fact_2020.source, fact_2020.origin) == (2340.0, "Thống kê tỉnh 2020",
                                                                     f"{tmp_path.as_posix()}/f.csv:2")
    assert csv_table.entities["binh lieu district"] == {"huyện bình liêu"}
    assert csv_table.measures_named("Đảng viên", "vi") == {"party members"}


def test_every_problem_of_every_source_is_named_with_its_file_line_and_field(tmp_path):
    bad = _csv(tmp_path / "bad.csv", [
        ("huyện Bình Liêu", "", "party members", "đảng viên", "", "2020", "2.340", "", "Thống kê", ""),
        ("", "", "party members", "", "", "2020-13", 5, "", "Thống kê", "example.org"),
        ("huyện Bình Liêu", "", "area", "", "", "", 5, "chiếc", "Thống kê", ""),
    ])
    (tmp_path / "bad.jsonl").write_text('{"entity": "x", "measure": "y", "value": 1, "source": "s", "colour": 1}\n{oops\n',
                                        encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_facts([bad, tmp_path / "bad.jsonl", tmp_path / "missing.csv"])
    shown = [str(e).replace(tmp_path.as_posix() + "/", "") for e in caught.value.errors]
    assert shown == [
        "bad.csv:2:7: value: '2.340' looks like a number written with a group separator: write 2340 (or 2.34)",
        "bad.csv:3:1: entity: missing: every fact has an entity, a measure, a value and a source",
        "bad.csv:3:6: period: '2020-13': no month 13",
        "bad.csv:3:10: url: 'example.org' is not a web address (http:// or https://)",
        "bad.csv:4:8: unit: unknown unit 'chiếc' (a count has none; %, a currency code such as VND,"
        " or a unit pint knows: hectare, km**2, tonne)",
        "bad.jsonl:1:1: colour: unknown field (known: entity, measure, value, source, entity_aliases, period, unit, url,"
        " measure_<lang>)",
        "bad.jsonl:2:2: not valid JSON: Expecting property name enclosed in double quotes",
        "missing.csv:1:1: no such facts file",
    ]


def test_a_configuration_names_its_facts_and_a_missing_file_is_located(tmp_path, monkeypatch):
    from factcheck.loading.config import ConfigFileError, load_config

    _csv(tmp_path / "facts.csv")
    (tmp_path / "factcheck.yaml").write_text("facts:\n  - facts.csv\n  - gone.csv\n  - {url: 'sqlite:///x.db', path: a.csv}\n",
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigFileError) as caught:
        load_config(tmp_path / "factcheck.yaml")
    assert [str(e) for e in caught.value.errors] == [
        "factcheck.yaml:3:5: facts: no such facts file: gone.csv",
        "factcheck.yaml:4:5: facts: Value error, give either path (a facts file) or url (a database)",
    ]


# --- matching -----------------------------------------------------------------------------------------------


def test_a_wrong_figure_is_named_with_the_record_and_its_source(tmp_path):
    facts = load_facts([_csv(tmp_path / "f.csv")])
    analysis = _findings(TEXT, facts)
    [finding] = analysis.findings
    assert finding.rule == "figure-matches-record"
    assert finding.message == ("bài viết ghi 2.430 đảng viên; Thống kê tỉnh 2020 ghi 2.340 cho 2020"
                               " (nguồn: https://example.org/thong-ke-2020)")
    assert [(s.text, s.label) for s in finding.spans] == [("2.430", "stated figure")]
    assert TEXT[finding.spans[0].start:finding.spans[0].end] == "2.430"
    assert finding.evidence == {"computed": 2340, "stated": 2430, "hedge": None, "entity": "huyện Bình Liêu",
                                "measure": "đảng viên", "period": "2020", "record": "2340",
                                "source": "Thống kê tỉnh 2020", "url": "https://example.org/thong-ke-2020"}
    assert (finding.fix.replacement, TEXT[finding.fix.start:finding.fix.end]) == ("2.340", "2.430")
    [(figure, outcome)] = analysis.figures
    assert outcome == f"matched (exact) to 2340 (Thống kê tỉnh 2020, 2020) from {tmp_path.as_posix()}/f.csv:2"


def test_units_are_converted_with_pint(tmp_path):
    facts = load_facts([_csv(tmp_path / "f.csv")])
    assert _findings("Huyện Bình Liêu có 2.430 ha rừng.", facts).findings == []
    [finding] = _findings("Huyện Bình Liêu có 2.500 ha rừng.", facts).findings
    assert finding.message == "bài viết ghi 2.500 ha rừng; Kiểm kê rừng ghi 2.430"
    assert finding.evidence["record"] == "24.3 km**2"


@pytest.mark.parametrize("text, why", [
    ("Đảng bộ huyện Bình Liêu có 2.430 đảng viên.", "matched (latest) to 2340"),  # no period: the rule takes exact ones
    ("Năm 2018, Đảng bộ huyện Bình Liêu có 2.430 đảng viên.", "no record of 'huyện bình liêu' for 2018"),
    ("Năm 2020, Đảng bộ thị trấn Bình Liêu có 553 đảng viên.", "its subject 'Đảng bộ thị trấn Bình Liêu' is no entity"),
    ("Năm 2020, huyện Bình Liêu có 553 đảng viên ở Binh Lieu district.", "2.430"),  # two names of one entity: fine
    ("Năm 2020, Đảng bộ có 553 đảng viên.", "its subject 'Đảng bộ' is no entity of the facts"),
    ("Năm 2020, huyện Bình Liêu có 553 đảng viên mới.", "no measure of the facts is called 'đảng viên mới'"),
])
def test_a_figure_in_doubt_is_not_checked_and_explain_says_why(tmp_path, text, why):
    facts = load_facts([_csv(tmp_path / "f.csv")])
    analysis = _findings(text, facts)
    if why == "2.430":
        assert [f.rule for f in analysis.findings] == ["figure-matches-record"]
        return
    assert analysis.findings == []
    [(_, outcome)] = analysis.figures
    assert why in outcome


def test_two_records_that_disagree_leave_the_figure_unchecked(tmp_path):
    rows = ROWS + [("huyện Bình Liêu", "", "party members", "", "", "2020", 2345, "", "Báo cáo huyện", "")]
    analysis = _findings(TEXT, load_facts([_csv(tmp_path / "f.csv", rows)]))
    assert analysis.findings == []
    [(_, outcome)] = analysis.figures
    assert outcome.startswith("2 records fit and disagree: ")


def test_the_latest_record_when_the_rule_is_told_so(tmp_path, monkeypatch):
    _csv(tmp_path / "f.csv")
    (tmp_path / "a.txt").write_text("Đảng bộ huyện Bình Liêu có 2.430 đảng viên.\n", encoding="utf-8")
    (tmp_path / "factcheck.yaml").write_text("facts: [f.csv]\nparams:\n  figure-matches-record: {period: latest}\n",
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from factcheck.loading.config import load_config

    linter = factcheck.Linter.from_config(load_config(tmp_path / "factcheck.yaml"),
                                          settings=factcheck.RunSettings(lang="vi", published=None))
    assert linter.check("Đảng bộ huyện Bình Liêu có 2.430 đảng viên.", published="2021-01-12")[0].message.endswith(
        "ghi 2.340 cho 2020 (nguồn: https://example.org/thong-ke-2020)")
    assert linter.check("Đảng bộ huyện Bình Liêu có 2.430 đảng viên.", published="2019-12-01")[0].message.endswith(
        "Thống kê tỉnh 2019 ghi 2.250 cho 2019")  # the 2020 record had not begun


def test_the_article_place_from_its_title_only_when_it_is_about_one_place(tmp_path):
    facts = load_facts([_csv(tmp_path / "f.csv")])
    about_one = "Huyện Bình Liêu tổng kết công tác xây dựng Đảng\n\nNăm 2020, toàn huyện có 2.430 đảng viên.\n"
    [finding] = _findings(about_one, facts).findings
    assert finding.spans[0].text == "2.430"
    two_places = about_one + "\nĐảng bộ thị trấn Bình Liêu cũng tổng kết công tác.\n"
    assert _findings(two_places, facts).findings == []


def test_no_facts_no_record_check_and_the_library_binds_facts_to_a_session(tmp_path):
    assert factcheck.check(TEXT, published="2021-01-12") == []
    facts = load_facts([_csv(tmp_path / "f.csv")])
    linter = factcheck.Linter(settings=factcheck.RunSettings(facts=facts))
    assert [f.rule for f in linter.check(TEXT, lang="vi", published="2021-01-12")] == ["figure-matches-record"]


# --- one article, one figure --------------------------------------------------------------------------------


def test_a_figure_stated_twice_with_both_spans():
    text = ("Đảng bộ huyện Bình Liêu có 25 tổ chức cơ sở đảng, gồm 11 đảng bộ và 14 chi bộ.\n\n"
            "Hiện nay, Đảng bộ huyện Bình Liêu có 26 tổ chức cơ sở đảng.\n")
    [finding] = factcheck.check(text)
    assert finding.rule == "figure-restated"
    assert [(s.text, s.label, text[s.start:s.end]) for s in finding.spans] == [
        ("25", "first stated", "25"), ("26", "stated again", "26")]
    assert finding.message == ("bài viết ghi 25 tổ chức cơ sở đảng, sau đó lại ghi 26 tổ chức cơ sở đảng"
                               " cho cùng đơn vị và thời điểm")


def test_the_seed_town_and_district_are_different_figures():
    seed = (ROOT / "seeds" / "binh-lieu-2020-08-05.txt").read_text(encoding="utf-8")
    analysis = analyse(Document("seed", seed, "vi"), default_catalog())
    assert [c for c in analysis.claims if c.kind in ("restated_figure", "restated_period")] == []
    subjects = {(f.figure.text, f.subject, f.figure.value.owner) for f, _ in analysis.figures}
    assert ("26", "Đảng bộ", "") in subjects  # the town's party committee, named in an earlier sentence only
    assert ("2.340", "Đảng bộ huyện Bình Liêu", "đảng bộ huyện bình liêu") in subjects


# --- the command line and the demo ------------------------------------------------------------------------------


def test_the_demo_finds_the_wrong_figure_against_the_record(cli):
    result = cli("run", "seeds/", "--format", "json", "--no-cache")
    assert result.exit_code == 1
    [finding] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "figure-matches-record"]
    assert finding["path"] == ARTICLE
    assert finding["message"] == ("bài viết ghi 2.430 đảng viên; Ví dụ: số liệu Đảng bộ huyện Bình Liêu 2020 ghi"
                                  " 2.340 cho 2020 (nguồn: https://example.org/binh-lieu/2020)")
    assert finding["evidence"]["source"] == "Ví dụ: số liệu Đảng bộ huyện Bình Liêu 2020"


def test_facts_flags_repeat_and_change_the_cached_results(cli, tmp_path):
    other = _csv(tmp_path / "other.csv", [ROWS[2]])
    cache = ["--cache-dir", str(tmp_path / "cache")]
    article = tmp_path / "a.txt"
    article.write_text(TEXT + "\n", encoding="utf-8")
    args = ["run", str(article), "--lang", "vi", "--published", "2021-01-12", "--no-config", "--format", "json", *cache]
    assert json.loads(cli(*args).stdout)["findings"] == []
    both = cli(*args, "--facts", str(other), "--facts", str(_csv(tmp_path / "f.csv")))
    assert [f["rule"] for f in json.loads(both.stdout)["findings"]] == ["figure-matches-record"]
    _csv(tmp_path / "f.csv", [(*ROWS[0][:6], 2430, *ROWS[0][7:])])  # the record corrected: the cache must not answer
    again = cli(*args, "--facts", str(other), "--facts", str(tmp_path / "f.csv"))
    assert json.loads(again.stdout)["findings"] == []


def test_bad_facts_stop_the_run_before_anything_is_read(cli, tmp_path):
    result = cli("run", "seeds/", "--facts", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2
    assert "nope.csv:1:1: no such facts file" in result.stderr
    assert result.stderr.rstrip().endswith("1 problem in the facts; nothing was checked")


def test_explain_shows_each_figure_and_its_record(cli):
    result = cli("explain", ARTICLE, "--format", "json")
    figures = json.loads(result.stdout)["figures"]
    assert [(f["text"], f["measure"], f["subject"], f["period"]) for f in figures] == [
        ("25", "tổ chức cơ sở đảng", "Đảng bộ huyện Bình Liêu", "2020"),
        ("2.430", "đảng viên", "Đảng bộ huyện Bình Liêu", "2020"),
        ("553", "đảng viên", "Đảng bộ thị trấn Bình Liêu", "2020")]
    assert [f["outcome"].split(" from ")[0] for f in figures] == [
        "matched (exact) to 25 (Ví dụ: số liệu Đảng bộ huyện Bình Liêu 2020, 2020)",
        "matched (exact) to 2340 (Ví dụ: số liệu Đảng bộ huyện Bình Liêu 2020, 2020)",
        "matched (exact) to 553 (Ví dụ: số liệu Đảng bộ huyện Bình Liêu 2020, 2020)"]


# --- databases: SQLite, and a real PostgreSQL server ----------------------------------------------------------


def _sqlite(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE district_stats ({', '.join(c + ' TEXT' if c != 'value' else 'value REAL' for c in COLUMNS)},"
                   " province TEXT)")
        db.executemany(f"INSERT INTO district_stats VALUES ({', '.join('?' * (len(COLUMNS) + 1))})",
                       [(*row, "Quảng Ninh") for row in ROWS] + [(*ROWS[0][:6], 1, "", "x", "", "Lạng Sơn")])
    return path


QUERY = ("SELECT entity, entity_aliases, measure, measure_vi, measure_en, period, value, unit, source, url"
         " FROM district_stats WHERE province = :province")


def _config(folder: Path, url: str) -> None:
    (folder / "factcheck.yaml").write_text(
        f"facts:\n  - url: '{url}'\n    query: \"{QUERY}\"\n    params: {{province: Quảng Ninh}}\n", encoding="utf-8")


def _report(cli, folder: Path) -> dict:
    (folder / "a.txt").write_text(TEXT + "\n", encoding="utf-8")
    result = cli("run", str(folder / "a.txt"), "--config", str(folder / "factcheck.yaml"), "--lang", "vi",
                 "--published", "2021-01-12", "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    for finding in report["findings"]:
        finding["path"] = "a.txt"
    return report


def test_sqlite_gives_the_same_report_as_csv_read_only_and_parameterised(cli, tmp_path):
    db = _sqlite(tmp_path / "stats.db")
    (tmp_path / "sql").mkdir()
    _config(tmp_path / "sql", f"sqlite:///{db}")
    (tmp_path / "csv").mkdir()
    _csv(tmp_path / "csv" / "f.csv")
    (tmp_path / "csv" / "factcheck.yaml").write_text("facts: [f.csv]\n", encoding="utf-8")
    assert _report(cli, tmp_path / "sql") == _report(cli, tmp_path / "csv")
    with pytest.raises(ConfigError) as caught:  # a query that writes fails: the file is opened read-only
        load_facts([FactSource(url=f"sqlite:///{db}", query="DELETE FROM district_stats RETURNING *")])
    assert "readonly database" in str(caught.value)
    with sqlite3.connect(db) as still:
        assert still.execute("SELECT count(*) FROM district_stats").fetchone() == (4,)


def _postgres_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def postgres() -> Iterator[tuple[str, str]]:
    """A PostgreSQL server of our own: (URL without a password, the password), stopped afterwards."""
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (Debian's postgresql package; .ci/run installs it as root)")
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        if shutil.which("runuser") is None or subprocess.run(["id", "postgres"], capture_output=True).returncode:
            pytest.skip("running as root, and there is no postgres user to start PostgreSQL as")
        as_user = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="factcheck-pg-"))
    password = "s3cret-" + os.urandom(4).hex()
    (folder / "pw").write_text(password + "\n", encoding="utf-8")
    if as_user:
        shutil.chown(folder, "postgres")
        shutil.chown(folder / "pw", "postgres")
    port = _free_port()
    data = folder / "data"
    try:
        subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "factcheck", "--auth=scram-sha-256",
                        f"--pwfile={folder / 'pw'}", "-E", "UTF8", "--no-locale"], check=True, capture_output=True)
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60",
                        "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"], check=True,
                       capture_output=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"could not start PostgreSQL: {(exc.stderr or b'').decode(errors='replace').strip()[:300]}")
    try:
        yield f"postgresql://factcheck@127.0.0.1:{port}/postgres", password
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_postgresql_gives_the_same_report_as_sqlite(cli, tmp_path, postgres, monkeypatch):
    import psycopg

    url, password = postgres
    with psycopg.connect(url.replace("factcheck@", f"factcheck:{password}@")) as db:
        db.execute(f"CREATE TABLE district_stats ({', '.join(c + ' text' if c != 'value' else 'value numeric' for c in COLUMNS)},"
                   " province text)")
        with db.cursor() as cursor:
            cursor.executemany(f"INSERT INTO district_stats VALUES ({', '.join(['%s'] * (len(COLUMNS) + 1))})",
                               [(*map(lambda v: v if v != "" else None, row), "Quảng Ninh") for row in ROWS])
    monkeypatch.setenv("PGPASSWORD", password)  # credentials from the environment, never from the configuration
    (tmp_path / "pg").mkdir()
    _config(tmp_path / "pg", url)
    (tmp_path / "lite").mkdir()
    _config(tmp_path / "lite", f"sqlite:///{_sqlite(tmp_path / 'stats.db')}")
    from_postgres = _report(cli, tmp_path / "pg")
    assert from_postgres == _report(cli, tmp_path / "lite")
    assert password not in json.dumps(from_postgres) and "127.0.0.1" not in json.dumps(from_postgres)
    with pytest.raises(ConfigError) as caught:  # a read-only transaction: a query that writes fails
        load_facts([FactSource(url=url, query="DELETE FROM district_stats RETURNING *")])
    assert "read-only transaction" in str(caught.value)
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("FACTS_DB_PASSWORD", password)  # or ${VAR} in the URL, expanded from the environment
    table = load_facts([FactSource(url=url.replace("factcheck@", "factcheck:${FACTS_DB_PASSWORD}@"), query=QUERY,
                                   params={"province": "Quảng Ninh"})])
    assert len(table) == 3
    with pytest.raises(ConfigError) as caught:
        load_facts([FactSource(url=url.replace("factcheck@", "factcheck:wrong@"))])
    assert "wrong" not in str(caught.value) and "factcheck:***@127.0.0.1" in str(caught.value)
