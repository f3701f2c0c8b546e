"""Re-read the five SEC exhibits in docs/agreements/ and check the transcription seeds.

Plain Python (no dbt, no DuckDB). A small parser written for these documents reads every
Schedule A and Schedule B straight from the text:

- the advisory agreement's Schedule B table (Series names that run over two lines, the
  "Assets" column starting where the table's first ``<C>`` marker is),
- Mellon's Schedule B blocks (a heading, then "$0 to 50 Million:" style rows),
- Invesco's Schedule B blocks (uppercase headings between dashed rules) and the combined-asset
  footnotes ``*`` and ``**``, which give the alternate schedules,

and compares them with seeds/agreements/*.csv: every printed tier has exactly one seed row
and vice versa, with the same bounds and rate (a rate that differs must be a recorded
erratum), every roster row, fund name, erratum, rule and minimum fee is printed at its
``source_line``. Amounts are ``decimal.Decimal``.
"""

from __future__ import annotations

import csv
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs" / "agreements"
SEEDS = REPO / "seeds" / "agreements"
SHARED_SOURCES = REPO.parent / "shared" / "source-documents"

FILES = {
    "advisory_2000": "004_2d0174667ff849b4.txt",
    "mellon_2001": "002_1b116a1c2540b3f0.txt",
    "invesco_2012": "003_f82e2d9a16dbb399.txt",
    "bep_2001": "000_dd60723cf2ae3871.txt",
    "bep_2002": "001_02b25c5b9c11637e.txt",
}
MILLION = Decimal(1_000_000)
BILLION = Decimal(1_000_000_000)
# Printed rates the transcription corrects (fee-rules R9): (document, line) -> (printed, reading).
RATE_CORRECTIONS = {("advisory_2000", 423): (Decimal("90"), Decimal("0.90"))}


# ---------------------------------------------------------------- helpers
def collapse(text: str) -> str:
    return " ".join(text.split())


def lines_of(document_id: str) -> list[str]:
    return (DOCS / FILES[document_id]).read_text(encoding="utf-8").split("\n")


def line_at(document_id: str, line_number: int) -> str:
    return lines_of(document_id)[line_number - 1]


def read_seed(name: str) -> list[dict[str, str]]:
    with open(SEEDS / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def usd(value: str) -> Decimal | None:
    return Decimal(value) if value != "" else None


def printed_from(document_id: str, line_number: int, text: str, max_lines: int = 8) -> bool:
    """True when `text` (whitespace collapsed) is printed starting on `line_number`.

    It may run on over the next lines; it must begin on that line, not after it."""
    lines = lines_of(document_id)
    joined = collapse(" ".join(lines[line_number - 1:line_number - 1 + max_lines]))
    first = collapse(lines[line_number - 1])
    at = joined.find(collapse(text))
    return at != -1 and at < len(first)


def parse_band(text: str) -> tuple[Decimal, Decimal | None]:
    """'$0 to $300 million', '$50 million to $150 million', '$0 to 50 Million:', '$50 to 100 Million',
    'Over $500 million', 'Amounts over $100 Million:', 'All assets' -> (lower, upper or None) in USD."""
    band = collapse(text).rstrip(":").lower()
    if band == "all assets":
        return Decimal(0), None
    match = re.fullmatch(r"\$(\d+)(?: million)? to \$?(\d+) million", band)
    if match:
        return Decimal(match[1]) * MILLION, Decimal(match[2]) * MILLION
    match = re.fullmatch(r"(?:over|amounts over) \$(\d+) million", band)
    if match:
        return Decimal(match[1]) * MILLION, None
    raise ValueError(f"unreadable band: {text!r}")


def parse_rate(text: str) -> Decimal:
    match = re.fullmatch(r"(\d*\.?\d+)%\**", text.strip())
    if not match:
        raise ValueError(f"unreadable rate: {text!r}")
    return Decimal(match[1])


def find_line(lines: list[str], pattern: str, start: int = 0) -> int:
    """0-based index of the first line at or after `start` matching `pattern`."""
    for index in range(start, len(lines)):
        if re.search(pattern, lines[index]):
            return index
    raise LookupError(pattern)


# ---------------------------------------------------------------- the parser
# A parsed schedule: dict(document_id, heading, line, method, role, tiers=[dict(line, lower, upper,
# rate, text)]). `line` is 1-based.
def parse_advisory() -> list[dict]:
    lines = lines_of("advisory_2000")
    table = find_line(lines, r"^<S>\s", find_line(lines, r"^\s*SCHEDULE B\s*$"))
    assets_column = lines[table].index("<C>")
    end = find_line(lines, r"^</TABLE>", table)
    schedules: list[dict] = []
    current = None
    for index in range(table + 1, end):
        line = lines[index]
        if not line.strip() or line.startswith("---"):
            current = None  # a rule ends the Series' block
            continue
        name = line[:assets_column].strip()
        band, rate = re.split(r"\s{2,}", line[assets_column:].strip())
        if current is None:
            current = {"document_id": "advisory_2000", "heading_parts": [name], "line": index + 1,
                       "method": "marginal", "role": "base", "tiers": []}
            schedules.append(current)
        elif name:  # the Series name runs on to this line
            current["heading_parts"].append(name)
        lower, upper = parse_band(band)
        current["tiers"].append({"line": index + 1, "lower": lower, "upper": upper,
                                 "rate": parse_rate(rate), "text": collapse(line)})
    for schedule in schedules:
        schedule["heading"] = " ".join(schedule.pop("heading_parts"))
    return schedules


TIER_ROW = re.compile(r"^\s*((?:\$|Amounts over).*?)\s{2,}(\S+%\**)\s*$")


def parse_blocks(document_id: str, heading_pattern: str) -> list[dict]:
    """Mellon and Invesco: a heading line, then tier rows (other lines are labels or rules)."""
    lines = lines_of(document_id)
    start = find_line(lines, r"^\s*SCHEDULE B\s*$")
    schedules: list[dict] = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if re.fullmatch(heading_pattern, line.strip()):
            schedules.append({"document_id": document_id, "heading": line.strip(), "line": index + 1,
                              "method": "marginal", "role": "base", "tiers": []})
            continue
        row = TIER_ROW.match(line)
        if row:
            lower, upper = parse_band(row[1])
            schedules[-1]["tiers"].append({"line": index + 1, "lower": lower, "upper": upper,
                                           "rate": parse_rate(row[2]), "text": collapse(line)})
    return schedules


def parse_mellon() -> list[dict]:
    return parse_blocks("mellon_2001", r"Mellon Capital Management/JNL .*Index")


def invesco_footnotes() -> list[dict]:
    """The footnotes after Invesco's Schedule B: marker, first line, and the collapsed text with,
    for each character, the line it is printed on."""
    lines = lines_of("invesco_2012")
    start = find_line(lines, r"^\s*SCHEDULE B\s*$")
    notes = []
    index = start
    while index < len(lines):
        if re.match(r"^\*+\s*FOR THE PURPOSE", lines[index]):
            first = index
            text, owner = "", []
            while index < len(lines) and lines[index].strip():
                piece = collapse(lines[index])
                if text:
                    text += " "
                    owner.append(index + 1)
                text += piece
                owner.extend([index + 1] * len(piece))
                index += 1
            notes.append({"marker": re.match(r"^\*+", lines[first])[0], "line": first + 1,
                          "text": text, "owner": owner})
        index += 1
    return notes


def parse_invesco() -> tuple[list[dict], list[dict], list[dict]]:
    """Base schedules, the combined-asset alternates, and their threshold rules."""
    schedules = parse_blocks("invesco_2012", r"JNL/INVESCO [A-Z ]+ FUND")
    alternates, rules = [], []
    for note in invesco_footnotes():
        text, owner = note["text"], note["owner"]
        subject = re.search(r"FEE FOR THE (JNL/INVESCO [A-Z ]+? FUND)", text)
        threshold = re.search(r"FOR COMBINED NET ASSETS (GREATER THAN) \$(\d+) BILLION", text)
        combined = re.findall(r"(JNL/INVESCO [A-Z ]+? FUND)", text[: threshold.start()])
        alternate = {"document_id": "invesco_2012", "heading": subject[1], "line": note["line"],
                     "role": "combined_asset_alternate", "tiers": []}
        whole = re.search(r"WILL BE (\d*\.?\d+)% ON ALL ASSETS", text)
        split = re.search(r"WILL BE (\d*\.?\d+)% ON NET ASSETS UP TO \$(\d+) MILLION AND "
                          r"(\d*\.?\d+)% ON NET ASSETS GREATER THAN \$(\d+) MILLION", text)
        if whole:
            alternate["method"] = "whole"
            alternate["tiers"].append({"line": owner[whole.start(1)], "lower": Decimal(0), "upper": None,
                                       "rate": Decimal(whole[1]), "text_from": whole.start(1)})
        else:
            alternate["method"] = "marginal"
            alternate["tiers"].append({"line": owner[split.start(1)], "lower": Decimal(0),
                                       "upper": Decimal(split[2]) * MILLION, "rate": Decimal(split[1]),
                                       "text_from": split.start(1)})
            alternate["tiers"].append({"line": owner[split.start(3)], "lower": Decimal(split[4]) * MILLION,
                                       "upper": None, "rate": Decimal(split[3]), "text_from": split.start(3)})
        for tier in alternate["tiers"]:
            tier["text"] = text[tier.pop("text_from"):]  # seed text must be a prefix of this
        alternates.append(alternate)
        rules.append({"line": note["line"], "subject": subject[1], "comparison": "gt",
                      "threshold": Decimal(threshold[2]) * BILLION, "combined_with": combined[1:],
                      "text": text})
    return schedules, alternates, rules


def parse_schedule_a(document_id: str) -> list[tuple[int, str]]:
    """Schedule A entries: (line, name) from the heading to the next page break or closing date."""
    lines = lines_of(document_id)
    start = find_line(lines, r"^\s*SCHEDULE A\s*$")
    entries = []
    for index in range(start + 1, len(lines)):
        text = lines[index].strip()
        if text.startswith("<PAGE>") or re.fullmatch(r"(_+|May 16), 200[12]", text):
            break
        if (not text or text.startswith("---") or text.startswith("DATED") or text in {"(Series)", "(Funds)", "FUNDS"}
                or re.fullmatch(r"[A-Z]+ \d+, \d{4}|A-1", text)):
            continue
        entries.append((index + 1, text))
    return entries


@pytest.fixture(scope="module")
def parsed():
    invesco_base, invesco_alternates, invesco_rules = parse_invesco()
    schedules = parse_advisory() + parse_mellon() + invesco_base + invesco_alternates
    return {"schedules": schedules, "rules": invesco_rules}


# ---------------------------------------------------------------- tests
def test_docs_are_identical_copies_of_the_shared_sources():
    if not SHARED_SOURCES.is_dir():
        pytest.skip(f"{SHARED_SOURCES} not present")
    for name in sorted(FILES.values()) + ["INDEX.md"]:
        assert (DOCS / name).read_bytes() == (SHARED_SOURCES / name).read_bytes(), name


def test_documents_seed_names_the_files():
    rows = {row["document_id"]: row["file_name"] for row in read_seed("documents")}
    assert rows == FILES


def test_printed_schedule_counts(parsed):
    by_document = {}
    for schedule in parsed["schedules"]:
        key = (schedule["document_id"], schedule["role"])
        by_document[key] = by_document.get(key, 0) + 1
    assert by_document == {("advisory_2000", "base"): 43, ("mellon_2001", "base"): 5,
                           ("invesco_2012", "base"): 4, ("invesco_2012", "combined_asset_alternate"): 2}
    # advisory Schedule B covers the 43 Series of Schedule A (a Schedule A erratum aside)
    assert len(parse_schedule_a("advisory_2000")) == 43


def test_every_printed_tier_has_one_seed_row_and_vice_versa(parsed):
    printed = [(s["document_id"], t["line"]) for s in parsed["schedules"] for t in s["tiers"]]
    seeded = [(row["document_id"], int(row["source_line"])) for row in read_seed("fee_schedule_tiers")]
    assert len(printed) == len(set(printed))
    assert len(seeded) == len(set(seeded)), "two seed tiers cite the same printed line"
    assert sorted(printed) == sorted(seeded)


def test_seed_schedules_match_the_printed_headings(parsed):
    seeded = {(row["document_id"], int(row["source_line"])): row for row in read_seed("fee_schedules")}
    assert len(seeded) == len(parsed["schedules"])
    for schedule in parsed["schedules"]:
        row = seeded[(schedule["document_id"], schedule["line"])]
        assert row["heading_as_printed"] == schedule["heading"], row["schedule_id"]
        assert row["schedule_role"] == schedule["role"], row["schedule_id"]
        assert row["method"] == schedule["method"], row["schedule_id"]


def test_seed_tiers_match_the_printed_bounds_and_rates(parsed):
    schedule_of = {(row["document_id"], int(row["source_line"])): row["schedule_id"]
                   for row in read_seed("fee_schedules")}
    tiers = {(row["document_id"], int(row["source_line"])): row for row in read_seed("fee_schedule_tiers")}
    errata = {row["erratum_id"]: row for row in read_seed("errata")}
    problems = []  # every mismatch, not just the first

    def check(condition, where, what):
        if not condition:
            problems.append(f"{where}: {what}")

    for schedule in parsed["schedules"]:
        schedule_id = schedule_of.get((schedule["document_id"], schedule["line"]))
        for number, tier in enumerate(schedule["tiers"], start=1):
            key = (schedule["document_id"], tier["line"])
            where = f"{schedule_id} tier {number} ({key[0]} line {key[1]})"
            row = tiers.get(key)
            if row is None:
                problems.append(f"{where}: no seed row")
                continue
            check(row["schedule_id"] == schedule_id, where, f"schedule_id {row['schedule_id']}")
            check(int(row["tier_number"]) == number, where, f"tier_number {row['tier_number']}")
            check(usd(row["lower_bound_usd"]) == tier["lower"], where,
                  f"lower_bound_usd {row['lower_bound_usd']} != printed {tier['lower']}")
            check(usd(row["upper_bound_usd"]) == tier["upper"], where,
                  f"upper_bound_usd {row['upper_bound_usd']!r} != printed {tier['upper']}")
            seeded_rate = Decimal(row["annual_rate_pct"])
            if key in RATE_CORRECTIONS:
                printed_rate, reading = RATE_CORRECTIONS[key]
                check(tier["rate"] == printed_rate, where, f"printed rate {tier['rate']} != {printed_rate}")
                check(seeded_rate == reading, where, f"annual_rate_pct {seeded_rate} != reading {reading}")
                erratum = errata.get(row["erratum_id"])
                check(erratum is not None, where, f"erratum {row['erratum_id']!r} missing")
                if erratum:
                    check((erratum["document_id"], int(erratum["source_line"])) == key, where, "erratum elsewhere")
                    check((erratum["corrected_seed"], erratum["corrected_column"])
                          == ("fee_schedule_tiers", "annual_rate_pct"), where, "erratum corrects another column")
            else:
                check(row["erratum_id"] == "", where, f"unexpected erratum_id {row['erratum_id']}")
                check(seeded_rate == tier["rate"], where,
                      f"annual_rate_pct {seeded_rate} != printed {tier['rate']}")
            if schedule["role"] == "base":
                check(row["printed_text"] == tier["text"], where, f"printed_text {row['printed_text']!r}")
            else:
                check(tier["text"].startswith(row["printed_text"]), where, f"printed_text {row['printed_text']!r}")
    assert not problems, "\n".join(problems)


def test_errata_are_printed_at_their_source_line():
    rows = read_seed("errata")
    assert {row["erratum_id"] for row in rows} >= {"advisory_2000.347", "advisory_2000.423"}
    for row in rows:
        assert row["erratum_id"] == f'{row["document_id"]}.{row["source_line"]}'
        assert printed_from(row["document_id"], int(row["source_line"]), row["printed_text"]), row["erratum_id"]


def test_rosters_match_each_printed_schedule_a():
    rows = read_seed("rosters")
    for document_id in FILES:
        printed = parse_schedule_a(document_id)
        seeded = sorted((int(row["source_line"]), row["name_as_printed"], int(row["roster_position"]))
                        for row in rows if row["document_id"] == document_id)
        assert [(line, name) for line, name, _ in seeded] == printed, document_id
        assert [position for _, _, position in seeded] == list(range(1, len(printed) + 1)), document_id
    counts = {}
    for row in rows:
        counts[row["roster_id"]] = counts.get(row["roster_id"], 0) + 1
    assert counts == {"jnl_advisory.20010131": 43, "mellon_sub_advisory.20010131": 5,
                      "invesco_sub_advisory.20121201": 4, "jnl_brokerage_enhancement_plan.20010131": 32,
                      "jnl_brokerage_enhancement_plan.20020516": 38}


def test_roster_names_are_printed_at_their_source_line():
    for row in read_seed("rosters"):
        printed = collapse(line_at(row["document_id"], int(row["source_line"])))
        assert printed == row["name_as_printed"], row


def test_fund_names_are_printed_at_their_source_line(parsed):
    headings = {(s["document_id"], s["line"]): s["heading"] for s in parsed["schedules"] if s["role"] == "base"}
    entries = {(document_id, line): name for document_id in FILES for line, name in parse_schedule_a(document_id)}
    rows = read_seed("fund_names")
    seen = set()
    for row in rows:
        key = (row["document_id"], int(row["source_line"]))
        seen.add(key)
        assert row["fund_name_id"] == f"{key[0]}.{key[1]}"
        if row["name_kind"] == "roster":
            assert entries[key] == row["name_as_printed"], row
        elif row["name_kind"] == "fee_schedule":  # two-line table names are joined by the parser
            assert headings[key] == row["name_as_printed"], row
        else:
            assert printed_from(key[0], key[1], row["name_as_printed"], 2), row
    # every Schedule A entry and every Schedule B heading is a fund name
    assert set(entries) <= seen and set(headings) <= seen
    assert len(rows) == len(entries) + len(headings) + sum(r["name_kind"] == "footnote" for r in rows)


def test_fund_names_are_printed_where_the_funds_seed_says():
    names = {(row["document_id"], row["source_line"]): row for row in read_seed("fund_names")}
    funds = read_seed("funds")
    assert len(funds) == 58
    for fund in funds:
        name = names[(fund["document_id"], fund["source_line"])]
        assert name["fund_id"] == fund["fund_id"] and name["is_erratum"] == "false", fund
        assert name["name_as_printed"] == fund["fund_name"], fund


def test_combined_asset_rules_match_the_footnotes(parsed):
    rules = {int(row["source_line"]): row for row in read_seed("combined_asset_rules")}
    schedules = {row["schedule_id"]: row for row in read_seed("fee_schedules")}
    groups = {}
    for row in read_seed("asset_groups"):
        groups.setdefault(row["asset_group_id"], set()).add(row["fund_id"])
    assert len(rules) == len(parsed["rules"]) == 2
    for printed in parsed["rules"]:
        row = rules[printed["line"]]
        assert row["printed_text"] == printed["text"]
        assert Decimal(row["threshold_usd"]) == printed["threshold"] == BILLION
        assert row["threshold_comparison"] == printed["comparison"]
        assert row["fee_basis"] == "schedule_switch"
        alternate = schedules[row["alternate_schedule_id"]]
        assert alternate["heading_as_printed"] == printed["subject"]
        assert int(alternate["source_line"]) == printed["line"]
        # the subject fund and the three funds it is combined with make up the asset group
        assert len(groups[row["asset_group_id"]]) == 1 + len(printed["combined_with"]) == 4


def test_minimum_fee_is_printed_at_its_source_line():
    (row,) = read_seed("minimum_fees")
    assert printed_from(row["document_id"], int(row["source_line"]), row["printed_text"])
    assert Decimal(row["minimum_fee_usd"]) == Decimal("300000")
    assert "$300,000" in row["printed_text"] and "twelve (12) month" in row["printed_text"]


@pytest.mark.parametrize("seed", ["parties", "asset_groups", "agreements"])
def test_other_rows_cite_a_real_line(seed):
    for row in read_seed(seed):
        assert 1 <= int(row["source_line"]) <= len(lines_of(row["document_id"])), row
        assert line_at(row["document_id"], int(row["source_line"])).strip(), row


def test_agreement_dates_are_printed_at_their_source_line():
    for row in read_seed("agreements"):
        assert printed_from(row["document_id"], int(row["source_line"]), row["date_as_printed"], 2), row


HAND_CHANGES = {
    # Alger Growth tier 2 is printed "$300 million to $500 million .95%" (advisory line 381)
    "a rate": ("alger_growth.20010131,2,300000000.00,500000000.00,0.950000",
               "alger_growth.20010131,2,300000000.00,500000000.00,0.590000"),
    "a bound": ("alger_growth.20010131,2,300000000.00,500000000.00,",
                "alger_growth.20010131,2,300000000.00,450000000.00,"),
}


@pytest.mark.parametrize("change", sorted(HAND_CHANGES))
def test_a_tier_changed_by_hand_is_caught(change, parsed, tmp_path, monkeypatch):
    """The check above fails, naming the tier, when a seed tier no longer says what is printed."""
    old, new = HAND_CHANGES[change]
    copy = tmp_path / "agreements"
    shutil.copytree(SEEDS, copy)
    tiers = copy / "fee_schedule_tiers.csv"
    text = tiers.read_text(encoding="utf-8")
    assert text.count(old) == 1
    tiers.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "SEEDS", copy)

    with pytest.raises(AssertionError, match=r"jnl_advisory\.alger_growth\.20010131 tier 2 \(advisory_2000 line 381\)"):
        test_seed_tiers_match_the_printed_bounds_and_rates(parsed)
