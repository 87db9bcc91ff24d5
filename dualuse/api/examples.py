"""Example answers shown in the OpenAPI document, one per operation that has no example in its
request (taken from real outputs of the bundled regime, shortened)."""

from __future__ import annotations

from typing import Any

DECISION: dict[str, Any] = {
    "id": "L1",
    "as_of": "2026-03-02",
    "decision": "prohibited",
    "provisional": False,
    "unknown_after": None,
    "reasons": [
        {
            "rule": "cn.mofcom.2026-01.c1",
            "effect": "prohibited",
            "citation": "MOFCOM Announcement 2026 No. 1 (2026-01-06)",
            "detail": "military end user in JP; 1C902.b Samarium oxide and mixtures is a "
            "dual-use item",
            "url": "http://exportcontrol.mofcom.gov.cn/article/zcfg/gnzcfg/zcfggzqd/202601/"
            "1206.html",
            "source": "measures/japan.yaml:2",
            "provisional": False,
        }
    ],
    "items": ["cn.item.2025-18.1c902.b"],
    "parties": [],
}
RECORD: dict[str, Any] = {
    "record_id": "cn.mofcom.2026-01.c1",
    "record_type": "measure",
    "title": "No dual-use exports to Japanese military users, military uses, or uses enhancing "
    "Japan's military capabilities",
    "status": "in_force",
    "since": "2026-01-06",
    "until": None,
    "provisional": False,
    "note": None,
    "citation": "MOFCOM Announcement 2026 No. 1 (2026-01-06)",
    "url": "http://exportcontrol.mofcom.gov.cn/article/zcfg/gnzcfg/zcfggzqd/202601/1206.html",
    "source": "measures/japan.yaml:2",
}
EVENT: dict[str, Any] = {
    "date": "2026-11-28",
    "record_id": "cn.mofcom.2024-46.c2",
    "record_type": "measure",
    "title": "Gallium, germanium, antimony and superhard items to the US in principle not "
    "licensed; graphite under stricter review",
    "status": "in_force",
    "until": None,
    "provisional": True,
    "unknown_after": "2026-11-27",
    "note": "suspension ended 2026-11-27; no source found for an extension or a lapse: status "
    "unknown after 2026-11-27",
    "citation": "MOFCOM Announcement 2025 No. 72 (2025-11-09)",
    "url": None,
    "source": "measures/united-states.yaml:10",
}
JOB: dict[str, Any] = {
    "id": "d7bc529337681f96",
    "status": "running",
    "input": "shipments.csv",
    "as_of": None,
    "created_at": "2026-11-30T21:39:31Z",
    "finished_at": None,
    "rows_done": 65536,
    "total_rows": 1000000,
    "progress": 0.065536,
    "rows": 0,
    "row_errors": 0,
    "decisions": {},
    "run_id": 12,
    "error": None,
    "key_id": "3a434f0edf65",
}
RUN: dict[str, Any] = {
    "id": 12,
    "started_at": "2026-11-30T21:39:31Z",
    "finished_at": "2026-11-30T21:39:32Z",
    "command": "check",
    "input": "shipments.csv",
    "as_of": None,
    "regime": "cn",
    "regime_fingerprint": "9f2c…",
    "options": {"format": "jsonl", "via": "api", "job": "d7bc529337681f96"},
    "rows": 20,
    "errors": 0,
    "counts": {"prohibited": 5, "review": 6, "licence_required": 6, "allowed": 3},
}


CASE: dict[str, Any] = {
    "id": 3,
    "counterparty_id": 7,
    "entity_id": "cn.mofcom.2026-12.01",
    "list": "cn:watch",
    "listed_name": "SUBARU Corporation",
    "name": "SUBARU Corporation",
    "score": "1.0000",
    "status": "pending_clear",
    "pending": {
        "action": "clear",
        "by": "key:6200ba70cba6",
        "reason": "a different company of the same name: other address",
        "expires": None,
    },
    "counterparty": "SUBARU Corporation",
    "country": "JP",
}
LICENCE: dict[str, Any] = {
    "id": 1,
    "number": "L-2026-0001",
    "kind": "individual",
    "holder": "Acme Export Co",
    "destination": "JP",
    "valid_from": "2026-01-01",
    "valid_to": "2026-12-31",
    "items": [
        {"position": 1, "control_code": "1C902.b", "quantity": "100", "unit": "kg",
         "quantity_left": "70", "value": None, "value_left": None}
    ],
    "draws": [
        {"id": 1, "run_id": 12, "row": 1, "line_id": "LIC1", "quantity": "30",
         "actor": "key:3a434f0edf65", "at": "2026-11-30T21:39:31Z"}
    ],
}  # fmt: skip


def page(item: dict[str, Any]) -> dict[str, Any]:
    return {"items": [item], "total": 1, "limit": 100, "offset": 0, "next": None}


def _stream(*lines: dict[str, Any]) -> str:
    import json

    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines)


BY_PATH: dict[tuple[str, str], Any] = {
    ("get", "/v1/ping"): {"ok": True},
    ("get", "/v1/version"): {"version": "0.1.0", "regime": "cn", "regime_fingerprint": "9f2c…"},
    ("get", "/v1/me"): {"key": "3a434f0edf65", "tenant": "acme", "role": "analyst"},
    ("post", "/v1/check"): DECISION,
    ("post", "/v1/check/batch"): {
        "results": [
            DECISION,
            {
                "id": "L2",
                "error": {
                    "row": 2,
                    "field": "date",
                    "message": "'2026-13-45' is not a valid date: month must be in 1..12",
                },
            },
        ],
        "counts": {"prohibited": 1},
        "row_errors": 1,
    },  # fmt: skip
    ("post", "/v1/check/file"): _stream(DECISION),
    ("post", "/v1/lookback"): _stream(
        {
            "id": "L1",
            "row": 1,
            "then": {
                **DECISION,
                "as_of": "2025-06-01",
                "decision": "licence_required",
                "reasons": [
                    {
                        "rule": "cn.mofcom.2025-18.licence",
                        "effect": "licence_required",
                        "citation": "MOFCOM & GAC Announcement 2025 No. 18 (2025-04-04)",
                        "detail": "1C902.b Samarium oxide and mixtures: …",
                        "url": None,
                        "source": "items/mofcom-2025-18.yaml:30",
                        "provisional": False,
                    }
                ],
            },
            "now": DECISION,
        }
    ),
    ("post", "/v1/jobs/check"): {**JOB, "status": "queued", "rows_done": 0, "progress": 0.0},
    ("get", "/v1/jobs"): page(JOB),
    ("get", "/v1/jobs/{job_id}"): JOB,
    ("get", "/v1/jobs/{job_id}/results"): _stream(DECISION),
    ("post", "/v1/screen/file"): _stream({"id": "A", "query": "Sample K.K.", "matches": []}),
    ("post", "/v1/match/file"): _stream(
        {
            "name1": "IHI Corporation",
            "name2": "IHI Aerospace Co., Ltd.",
            "score": 0.62,
            "match": False,
            "explanation": "…",
        }
    ),  # fmt: skip
    ("post", "/v1/classify/file"): _stream({"id": "I1", "as_of": "2026-03-02", "candidates": []}),
    ("get", "/v1/regime"): page(RECORD),
    ("get", "/v1/regime/diff"): page(
        {
            "record_id": RECORD["record_id"],
            "record_type": "measure",
            "title": RECORD["title"],
            "change": "started",
            "provisional": False,
            "before": None,
            "after": {},
            "events": [],
            "source": RECORD["source"],
        }
    ),  # fmt: skip
    ("get", "/v1/regime/timeline"): page(EVENT),
    ("get", "/v1/regime/report"): {"regime": "cn", "counts": {"notices": 40, "measures": 60}},
    ("get", "/v1/regime/validate"): {"ok": True, "regime": "cn", "counts": {}, "problems": []},
    ("post", "/v1/exposure"): {
        "as_of": "2026-03-01",
        "scenario": "stop-3m",
        "total_revenue_at_risk": 29356164383.56,
        "parts": [{"part": "MAG-NDFEB-01", "controlled": True, "rank": 1}],
    },  # fmt: skip
    ("post", "/v1/exposure/report"): "<!DOCTYPE html><html>…</html>",
    ("get", "/v1/exposure/macro"): {
        "records": [
            {
                "kind": "estimate",
                "months": 3.0,
                "loss": 660000000000,
                "gdp_share": 0.0011,
                "currency": "JPY",
            }
        ]
    },  # fmt: skip
    ("get", "/v1/runs"): page(RUN),
    ("get", "/v1/runs/{run_id}"): RUN,
    ("get", "/v1/runs/{run_id}/decisions"): page(DECISION),
    ("get", "/v1/audit"): _stream(
        {
            "seq": 1,
            "at": "2026-11-30T21:39:31Z",
            "kind": "run.started",
            "payload": {
                "run": 12,
                "actor": {"key": "3a434f0edf65", "tenant": "acme", "role": "analyst"},
            },
            "prev_hash": "0" * 64,
            "hash": "5be1…",
        }
    ),  # fmt: skip
    ("get", "/v1/audit/verify"): {"intact": True, "entries": 42, "problems": 0},
    ("get", "/v1/keys"): page(
        {
            "id": "3a434f0edf65",
            "tenant": "acme",
            "role": "analyst",
            "label": "ERP connector",
            "created_at": "2026-11-30T21:39:31Z",
            "created_by": "cli",
            "revoked_at": None,
        }
    ),  # fmt: skip
    ("delete", "/v1/keys/{key_id}"): None,
    ("get", "/v1/cases"): page(CASE),
    ("get", "/v1/cases/{case_id}"): {**CASE, "events": [], "clearances": []},
    ("post", "/v1/cases/{case_id}/clear"): {**CASE, "events": [], "clearances": []},
    ("post", "/v1/cases/{case_id}/confirm"): {
        **CASE,
        "status": "pending_confirm",
        "events": [],
        "clearances": [],
    },
    ("post", "/v1/cases/{case_id}/approve"): {
        **CASE,
        "status": "cleared",
        "pending": None,
        "events": [],
        "clearances": [],
    },
    ("get", "/v1/licences"): page(LICENCE),
    ("get", "/v1/licences/{number}"): LICENCE,
    ("post", "/v1/licences"): {**LICENCE, "draws": []},
    ("post", "/v1/rescreen"): {
        "rescreen": 2,
        "changes": [],
        "expired_reopened": 0,
        "counterparties": 14,
    },
    ("post", "/v1/screen"): [
        {
            "query": "MHI Aero Engines Ltd",
            "matches": [
                {
                    "entity_id": "cn.mofcom.2026-11.02",
                    "list": "cn:control",
                    "score": 1.0,
                    "name": "Mitsubishi Heavy Industries Aero Engines, Ltd.",
                    "exact": True,
                    "matched_name": "MHI Aero Engines, Ltd.",
                    "matched_form": "latin",
                    "query_form": "latin",
                    "explanation": "latin reading of the query vs latin reading of "
                    "'MHI Aero Engines, "
                    "Ltd.': matched mhi, aero, engines; exact after normalisation",
                    "matched_words": [
                        {"query": "mhi", "listed": "mhi", "how": "same", "similarity": 1.0}
                    ],
                    "missing": [],
                    "extra": [],
                    "state": "in_force",
                }
            ],
            "legal_forms": ["ltd"],
        }
    ],
    ("post", "/v1/match"): {
        "name1": "株式会社サンプル",
        "name2": "Sample K.K.",
        "score": 0.8538,
        "match": True,
        "explanation": "romaji reading vs latin reading: matched サンプル~sample (sound 0.80); "
        "score 0.85 >= threshold 0.80",
        "exact": False,
    },
    ("post", "/v1/classify"): {
        "as_of": "2026-03-02",
        "candidates": [
            {
                "control_code": "1C905.b",
                "title": "Dysprosium oxide",
                "score": 0.97,
                "citation": "MOFCOM & GAC Announcement 2025 No. 18 (2025-04-04)",
                "confidence": "confident",
                "status": "in_force",
                "missing_parameters": [],
            }
        ],
        "excluded": [],
        "parameters": {"purity_pct": 99.9},
    },
    ("post", "/v1/keys"): {
        "id": "9858709c61ab",
        "tenant": "acme",
        "role": "analyst",
        "label": "ERP connector",
        "created_at": "2026-11-30T21:39:31Z",
        "created_by": "key:3a434f0edf65",
        "revoked_at": None,
        "token": "du_9858709c61ab_…",
    },
}


def add_examples(doc: dict[str, Any]) -> None:
    """Put each operation's example answer into its success response (where it has none)."""
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            example = BY_PATH.get((method, path))
            if example is None:
                continue
            for code, resp in op.get("responses", {}).items():
                if not code.startswith("2"):
                    continue
                for media, body in resp.get("content", {}).items():
                    if "example" not in body and "examples" not in body:
                        body["example"] = (
                            example
                            if media.endswith("json")
                            else (example if isinstance(example, str) else _stream(example))
                        )
