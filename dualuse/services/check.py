"""Decide batches of shipment lines, fast and with flat memory.

A decision depends on far fewer things than the raw line (see :mod:`dualuse.services.facts`):
each batch is read, with Arrow and NumPy, into per-row numbers of resolved facts: the regime
version the date falls in, the parsed countries and end-user type, the identified item, each
party's screening result (or only the military words of its name when it is not listed),
the military words of the end use, whether a licence is declared, the China-content share.
Each distinct tuple of facts is decided once per run and kept, serialised, in a result table
as a template (:mod:`dualuse.services.templates`): the few values a decision only repeats
(licence number, the item's codes and description on an allowed line) are put in per row.
Rows point into the result table; the id, the date and those values are spliced in with Arrow
string kernels, and the JSON Lines of a batch are written straight from the Arrow buffer.
A tuple met on another regime version reuses the earlier decision when nothing it read has
changed (:mod:`dualuse.services.memo`).

With a store, two post-passes decide some lines again, one by one: a line whose party hit is
on the good-guy list (:mod:`dualuse.services.clearing`) is decided with the clearance as a
fact, and a ``licence_required`` line that names a licence is decided with the register and
drawn down.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from dualuse import values
from dualuse.engine import (
    Decision,
    ItemClassifier,
    Outcome,
    PartyScreener,
    ShipmentError,
    decide,
    parse_shipment,
)
from dualuse.engine.caching import CachedClassifier, CachedScreener
from dualuse.engine.ports import ItemMatch
from dualuse.engine.shipment import Shipment
from dualuse.io.readers import JSON_ERROR_FIELD, read_row_error
from dualuse.regime.load import Regime
from dualuse.regime.model import ISO_DATE
from dualuse.regime.snapshot import Snapshot, snapshot
from dualuse.services import facts, parallel_screen, templates
from dualuse.services.arrays import (
    IntArray,
    IntMap,
    distinct_rows,
    factorize,
    stripped,
    without_separator,
)
from dualuse.services.memo import (
    NOT_REUSABLE,
    Reads,
    TracedSnapshot,
    TracingScreener,
    Validator,
)
from dualuse.services.render import Rendering
from dualuse.services.results import (
    BEFORE_ALL,
    DECISION_CODES,
    ITEM,
    KEY_FIELDS,
    NO_RESULT,
    NUMERIC_FIELDS,
    OUTPUT_SCHEMA,
    SEP,
    Counts,
    Keyed,
    KeyResult,
    ResultTable,
)

# Arguments of Arrow kernels are passed as Arrow scalars: a plain Python value makes pyarrow
# probe for pandas on every call.
_EMPTY = pa.scalar("", pa.string())
if TYPE_CHECKING:
    from dualuse.engine.ports import ClearedHit
    from dualuse.services.clearing import GoodGuys
    from dualuse.services.licensing import LicenceCoverage

MEMO_PER_LINE = 8  # decisions kept per tuple of facts for reuse across versions


class CheckRunner(Rendering):
    """Decides batches; holds the regime, the ports and a bounded table of results."""

    def __init__(
        self,
        regime: Regime,
        classifier: ItemClassifier,
        screener: PartyScreener,
        today: dt.date,
        as_of: dt.date | None = None,
        cache_size: int = 50_000,
        screen_jobs: int | None = None,
        licences: LicenceCoverage | None = None,
        cleared: GoodGuys | None = None,
    ) -> None:
        """``screen_jobs``: processes that screen a batch's many new names at once (None:
        ``DUALUSE_SCREEN_JOBS``, else every CPU; 1: screen in this process)."""
        self.regime = regime
        # with a store: declared licences are looked up and covered lines drawn down
        self.licences = licences
        # with a store: the good-guy list; a cleared hit is set aside, citing its case
        self.cleared = cleared
        self.classifier = CachedClassifier(classifier)
        self.screener = CachedScreener(screener)
        self._screen_jobs = parallel_screen.screen_jobs() if screen_jobs is None else screen_jobs
        # a party's facts are keyed by its name and, unless the screener ignores it, country
        self._country_blind = bool(getattr(screener, "country_blind", False))
        self.change_dates = regime.change_dates()
        # version i starts on versions[i]; version 0 is everything before the first change
        self.versions = [BEFORE_ALL, *self.change_dates]
        self.stride = len(self.versions) + 1  # the extra slot marks rows with an invalid date
        self.today = today
        self.as_of = as_of
        self.cache_size = cache_size
        self.counts = Counts()
        self._reset()

    def _reset(self) -> None:
        """Forget every key and result (keeps memory flat on endless distinct input)."""
        self.table = ResultTable()
        self._memo: dict[tuple[int, ...], list[tuple[Reads, int]]] = {}  # facts -> decisions
        self._validator = Validator(self.screener)
        # date text -> (version, result id of its error or -1, as_of text)
        self._date_info: dict[str, tuple[int, int, str | None]] = {}
        self._keys: dict[tuple[int, ...], int] = {}  # (version, *facts) -> result id
        self._groups: dict[tuple[str, ...], facts.Column] = {}  # fields -> their numbers
        self._places: facts.Interner[facts.Places] = facts.Interner()
        self._items: facts.Interner[facts.Item] = facts.Interner()
        self._shares: facts.Interner[float | None] = facts.Interner()
        self._countries: facts.Interner[str] = facts.Interner()
        self._names: facts.Interner[str] = facts.Interner()  # stripped texts
        self._texts = facts.Column(lambda t: self._names.add(t.strip()))
        self._terms: facts.Interner[tuple[str, ...]] = facts.Interner()
        self._terms_of: list[int] = []  # per name (text) id: its military words' id
        self._parties = IntMap()  # name id << 16 | country id -> party id
        self._party_names: list[tuple[str, str]] = []  # per party id: name, country
        self._party_facts = IntMap()  # party << 12 | entity set -> fact
        self._facts: facts.Interner[tuple[str, int]] = facts.Interner()  # hit name / words
        self._entity_sets: facts.Interner[frozenset[str]] = facts.Interner()
        self._version_sets: dict[int, int] = {}
        self._item_facts: dict[tuple[int, str], int] = {}  # (item, exporter) -> fact
        self._matches: facts.Interner[tuple[ItemMatch, ...]] = facts.Interner()
        self._item_fact_values: facts.Interner[tuple[int, bool, bool, bool]] = facts.Interner()
        self._errors: dict[tuple[str, str], int] = {}  # (field, message) -> result id
        self._hit_entities: dict[int, frozenset[tuple[str, str]]] = {}  # rid -> (role, entity)
        self._cleared_rids: dict[tuple[Any, ...], int] = {}  # (fields but id, cases) -> rid

    def stats(self) -> dict[str, int]:
        """How much work the run's caches saved: distinct tuples of facts, distinct
        fact-version pairs, and results computed (decisions and error results)."""
        return {
            "facts": len(self._memo),
            "fact_versions": len(self._keys),
            "results": len(self.table),
        }

    # one key ------------------------------------------------------------------------
    def _decide(
        self,
        shipment: Shipment,
        matches: tuple[ItemMatch, ...],
        day: dt.date,
        reads: Reads | None = None,
    ) -> KeyResult:
        """Decide and serialise; with ``reads``, record what the decision looked up."""
        snap = snapshot(self.regime, day)
        items = _Identified(matches)
        if reads is None:
            dec = decide(shipment, snap, items, self.screener)
        else:
            traced = cast(Snapshot, TracedSnapshot(snap, reads))
            dec = decide(shipment, traced, items, TracingScreener(self.screener))
        whole = _result_of(dec)
        rest_pieces, slots = templates.cut(whole.rest_json)
        if not slots:
            return whole
        reasons_pieces, _ = templates.cut(whole.parts[0])
        return replace(whole, rest_pieces=rest_pieces, reasons_pieces=reasons_pieces, slots=slots)

    def _decide_licensed(self, raw: dict[str, Any], row: int) -> Decision | None:
        """One line that names a licence, decided on its own date with the licence register
        (its quantity, value and id matter, so it shares no result with other lines)."""
        assert self.licences is not None
        try:
            shipment = parse_shipment({k: v for k, v in raw.items() if v is not None}, row)
        except ShipmentError:
            return None  # the row's error is reported as usual
        day = self.as_of or shipment.date or self.today
        return decide(
            shipment,
            snapshot(self.regime, day),
            self.classifier,
            self.screener,
            self.licences.register,
            self._clearances_of(raw),
        )

    def _clearances_of(self, raw: dict[str, Any]) -> dict[tuple[str, str], ClearedHit] | None:
        return (self.cleared.for_line(raw) or None) if self.cleared else None

    def _hits_of(self, rid: int) -> frozenset[tuple[str, str]]:
        """The (role, listed entity) pairs of a result's party hits."""
        found = self._hit_entities.get(rid)
        if found is None:
            result = self.table.results[rid]
            parties = orjson.loads(result.parts[2]) if result.parts[2] else []
            found = frozenset((p["role"], p["entity_id"]) for p in parties)
            self._hit_entities[rid] = found
        return found

    def _apply_clearances(self, batch: pa.RecordBatch, rids: IntArray, first_row: int) -> None:
        """Lines with a party hit that a reviewer cleared (the exact name, the entry's
        version): decided again, one by one, with the clearance as a fact."""
        assert self.cleared
        codes = self.table.codes()
        entities = self.cleared.entities
        todo_rids = [
            rid
            for rid in np.unique(rids[rids >= 0]).tolist()
            if codes[rid] >= 0 and any(e in entities for _, e in self._hits_of(rid))
        ]
        if not todo_rids:
            return
        todo = np.nonzero(np.isin(rids, np.asarray(todo_rids, np.int64)))[0]
        raws = batch.take(pa.array(todo)).to_pylist()
        for pos, raw in zip(todo.tolist(), raws, strict=True):
            hits = self._hits_of(int(rids[pos]))
            found = {k: c for k, c in self.cleared.for_line(raw).items() if k in hits}
            if not found:
                continue
            key = (
                tuple(sorted((k, v) for k, v in raw.items() if k != "id")),
                tuple(sorted((k, c.case_id) for k, c in found.items())),
            )
            rid = self._cleared_rids.get(key)
            if rid is None:
                try:
                    shipment = parse_shipment(
                        {k: v for k, v in raw.items() if v is not None}, first_row + pos
                    )
                except ShipmentError:
                    continue  # the row's error is reported as usual
                day = self.as_of or shipment.date or self.today
                dec = decide(
                    shipment, snapshot(self.regime, day), self.classifier, self.screener,
                    cleared=found,
                )  # fmt: skip
                rid = self._cleared_rids[key] = self.table.add(_result_of(dec))
            rids[pos] = rid

    def _cover_licences(self, batch: pa.RecordBatch, rids: IntArray, first_row: int) -> None:
        """Lines whose decision is ``licence_required`` and that name a licence: decided again
        with the register, and the covered ones drawn down (again, if another run took the
        balance between the answer and the draw)."""
        from dualuse.services.licensing import DrawRequest

        assert self.licences is not None
        named = pc.not_equal(
            pc.utf8_trim_whitespace(
                pc.fill_null(batch.column("licence_id").cast(pa.string()), _EMPTY)
            ),
            _EMPTY,
        ).to_numpy(zero_copy_only=False)
        codes = self.table.codes()[np.maximum(rids, 0)]
        todo = np.nonzero((codes == DECISION_CODES["licence_required"]) & named & (rids >= 0))[0]
        if not len(todo):
            return
        raws = dict(zip(todo.tolist(), batch.take(pa.array(todo)).to_pylist(), strict=True))
        for _ in range(5):
            decided: dict[int, Decision] = {}
            requests: list[tuple[int, DrawRequest]] = []
            for pos, raw in raws.items():
                dec = self._decide_licensed(raw, first_row + pos)
                if dec is None:
                    continue
                decided[pos] = dec
                cover = next((r.licence for r in dec.reasons if r.licence), None)
                if (
                    dec.decision is Outcome.ALLOWED
                    and cover
                    and cover.get("covered")
                    and not cover.get("already_drawn")
                ):
                    requests.append((pos, DrawRequest(dec.id, first_row + pos, cover)))
            drawn = self.licences.draw([r for _, r in requests])
            refused = {pos for (pos, _), ok in zip(requests, drawn, strict=True) if not ok}
            for pos, dec in decided.items():
                if pos not in refused:
                    rids[pos] = self.table.add(_result_of(dec))
            if not refused:
                return
            raws = {pos: raws[pos] for pos in refused}  # the balance went meanwhile: again

    def version_of(self, day: dt.date) -> int:
        """The index of the regime version that ``day`` falls in."""
        return bisect.bisect_right(self.change_dates, day)

    def _error_rid(self, fld: str, message: str) -> int:
        found = self._errors.get((fld, message))
        if found is None:
            result = KeyResult(None, error_field=fld, error_message=message)
            found = self._errors[(fld, message)] = self.table.add(result)
        return found

    def _shipment_error(self, exc: ShipmentError) -> int:
        return self._error_rid(exc.error.field, exc.error.message)

    def _decide_memo(self, base: tuple[int, ...], version: int, rep: _Rep) -> int:
        """The result id for a tuple of facts in a version: reused if an earlier version's
        decision read nothing that differs in this one (see :mod:`dualuse.services.memo`)."""
        day = self.versions[version]
        snap = snapshot(self.regime, day)
        known = self._memo.setdefault(base, [])
        for reads, rid in known:
            if self._validator.still_valid(reads, snap, version):
                return rid
        reads = {}
        rid = self.table.add(self._decide(rep.shipment, rep.matches, day, reads))
        if NOT_REUSABLE not in reads and len(known) < MEMO_PER_LINE:
            known.append((reads, rid))
        return rid

    def _date_error(self, text: str) -> int:
        """The result id of the error for an invalid date text (called once per text)."""
        try:
            parse_shipment({"id": "-", "date": text}, 0)
            result = KeyResult(None, error_field="date", error_message=f"{text!r} is invalid")
        except ShipmentError as exc:
            result = _error(exc)
        return self.table.add(result)

    # facts ----------------------------------------------------------------------------
    def _group(
        self, batch: pa.RecordBatch, fields: tuple[str, ...], parse: Callable[[str], int]
    ) -> IntArray:
        """Per row the number of its group's parsed value, or -1 - the result id of its error."""
        col = self._groups.get(fields)
        if col is None:
            col = self._groups[fields] = facts.Column(parse)
        if not fields:
            return np.full(batch.num_rows, parse(""), np.int64)
        return col.numbers(facts.joined(batch, fields))

    def _parse_places(self, fields: tuple[str, ...], text: str) -> int:
        got = facts.parse_places(fields, text)
        if isinstance(got, ShipmentError):
            return -1 - self._shipment_error(got)
        return self._places.add(got)

    def _parse_item(self, fields: tuple[str, ...], text: str) -> int:
        got = facts.parse_item(fields, text)
        if isinstance(got, ShipmentError):
            return -1 - self._shipment_error(got)
        return self._items.add(got)

    def _parse_share(self, text: str) -> int:
        got = facts.parse_share(text)
        if isinstance(got, ShipmentError):
            return -1 - self._shipment_error(got)
        return self._shares.add(got)

    def _name_terms(self, name_ids: IntArray) -> IntArray:
        """Per row the id of the military words of the (stripped) text ``name_ids`` name."""
        while len(self._terms_of) < len(self._names):
            text = self._names.values[len(self._terms_of)]
            self._terms_of.append(self._terms.add(facts.terms(text)))
        return np.asarray(self._terms_of, np.int64)[name_ids]

    def _entity_set(self, version: int) -> int:
        found = self._version_sets.get(version)
        if found is None:
            entities = snapshot(self.regime, self.versions[version]).entity_set
            found = self._version_sets[version] = self._entity_sets.add(entities)
        return found

    def _party_facts_of(
        self, name_ids: IntArray, countries: IntArray, versions: IntArray
    ) -> IntArray:
        """Per row the fact of a party: its name when it is a hit, else its military words.

        Parties and their facts met before are found with Arrow hash look-ups; only new ones
        are worked out here (screened on every core when there are many).
        """
        combined = name_ids << 16 if self._country_blind else (name_ids << 16) | countries
        uniq, first, inverse = factorize(combined)
        pids = self._parties.lookup(uniq)
        new = np.nonzero(pids < 0)[0]
        for k in new.tolist():
            code = int(uniq[k])
            name = self._names.values[code >> 16]
            # the first country met stands for all when the screener ignores it
            country = self._countries.values[int(countries[first[k]])]
            pids[k] = len(self._party_names)
            self._party_names.append((name, country))
        self._parties.add(uniq[new], pids[new])
        party = pids[inverse]
        sets = np.zeros(len(self.versions), np.int64)
        first_version: dict[int, int] = {}
        for v in factorize(versions)[0].tolist():
            sets[v] = self._entity_set(v)
            first_version.setdefault(int(sets[v]), v)
        width = 1 << 12
        uniq, _, inverse = factorize(party * width + sets[versions])
        out = self._party_facts.lookup(uniq)
        new = np.nonzero(out < 0)[0]
        if len(new):
            codes = [divmod(int(c), width) for c in uniq[new].tolist()]
            self._screen_new(codes, first_version)
            for k, (pid, eset) in zip(new.tolist(), codes, strict=True):
                name, country = self._party_names[pid]
                snap = snapshot(self.regime, self.versions[first_version[eset]])
                hits = self.screener.screen(name, snap, country) if name else []
                if hits:
                    value = ("hit", self._names.add(name))
                else:
                    value = ("words", self._terms.add(facts.terms(name)))
                out[k] = self._facts.add(value)
            self._party_facts.add(uniq[new], out[new])
        per_row: IntArray = out[inverse]
        return per_row

    def _screen_new(self, codes: list[tuple[int, int]], first_version: dict[int, int]) -> None:
        """Screen the new (party, entity set) pairs on every core, when there are many."""
        todo = []
        for pid, eset in codes:
            name, country = self._party_names[pid]
            if name:
                todo.append((name, country, self.versions[first_version[eset]]))
        inner = self.screener.inner
        found = parallel_screen.screen_many(inner, self.regime, todo, self._screen_jobs)
        for (name, country, day), hits in zip(todo, found or [], strict=False):
            self.screener.prime(name, snapshot(self.regime, day), country, hits)

    def _item_facts_of(self, items: IntArray, exporters: IntArray) -> IntArray:
        """Per row the item fact: the classifier's matches, and which codes were given."""
        combined = (items << 16) | exporters
        uniq, _, inverse = factorize(combined)
        out = np.empty(len(uniq), np.int64)
        for k, code in enumerate(uniq.tolist()):
            item_id, country_id = code >> 16, code & 0xFFFF
            exporter = self._countries.values[country_id]
            fact = self._item_facts.get((item_id, exporter))
            if fact is None:
                item = self._items.values[item_id]
                probe = Shipment(
                    id="-", destination_country="", exporter_country=exporter,
                    hs_code=item.hs_code, control_code=item.control_code,
                    description=item.description, parameters=dict(item.parameters),
                )  # fmt: skip
                snap = snapshot(self.regime, self.versions[-1])
                matches = tuple(self.classifier.classify(probe, snap))
                value = (
                    self._matches.add(matches), bool(item.hs_code), bool(item.control_code),
                    bool(item.description),
                )  # fmt: skip
                fact = self._item_facts[(item_id, exporter)] = self._item_fact_values.add(value)
            out[k] = fact
        per_row: IntArray = out[inverse]
        return per_row

    # one batch ----------------------------------------------------------------------
    def _dates(self, batch: pa.RecordBatch) -> tuple[IntArray, IntArray, pa.Array]:
        """Per row: the version index, the result id of an invalid date (else -1), as_of."""
        n = batch.num_rows
        if self.as_of is not None or "date" not in batch.schema.names:
            day = self.as_of or self.today
            return (
                np.full(n, self.version_of(day), np.int64),
                np.full(n, NO_RESULT, np.int64),
                pa.array([day.isoformat()] * n, pa.string()),
            )
        enc = pc.fill_null(batch.column("date"), _EMPTY).dictionary_encode()
        texts = enc.dictionary.to_pylist()
        versions = np.empty(len(texts), np.int64)
        bad = np.full(len(texts), NO_RESULT, np.int64)
        as_of: list[str | None] = []
        for k, text in enumerate(texts):
            known = self._date_info.get(text)
            if known is None:
                found = self.today if not text.strip() else _iso_day(text.strip())
                if found is None:
                    known = (self.stride - 1, self._date_error(text), None)
                else:
                    known = (self.version_of(found), NO_RESULT, found.isoformat())
                self._date_info[text] = known
            versions[k], bad[k] = known[0], known[1]
            as_of.append(known[2])
        idx = enc.indices.to_numpy(zero_copy_only=False)
        return versions[idx], bad[idx], pa.array(as_of, pa.string()).take(enc.indices)

    def key_batch(
        self, batch: pa.RecordBatch, first_row: int, rows: IntArray | None = None
    ) -> Keyed:
        """Key every row, decide each new distinct tuple of facts once, find the row errors.

        The batch's rows are the input's rows ``first_row`` onwards, or, when the batch is a
        selection (a date window, a partition of a cluster job), the row numbers ``rows``.
        """
        if len(self.table) >= self.cache_size:
            self._reset()
        n = batch.num_rows
        names = batch.schema.names
        present = [f for f in KEY_FIELDS if f in names]
        present += sorted(f for f in names if f.startswith("param_"))
        batch = without_separator(batch, present)
        versions, date_rids, as_of = self._dates(batch)
        rids, values = self._rows(batch, present, versions)
        invalid_date = date_rids != NO_RESULT
        if invalid_date.any():
            rids[invalid_date] = date_rids[invalid_date]
        if self.cleared and ("consignee" in names or "end_user" in names):
            self._apply_clearances(batch, rids, first_row)
        if self.licences is not None and "licence_id" in names:
            self._cover_licences(batch, rids, first_row)
        ids = batch.column("id") if "id" in names else pa.nulls(n, pa.string())
        errors = self._row_errors(batch, rids, ids)
        keyed = Keyed(rids, ids, as_of, errors, self.table, rows, values, self._items.values)
        self._count(rids, errors)
        if errors and self.counts.first_error is None:
            pos = min(errors)
            self.counts.first_error = (keyed.row(pos, first_row), *errors[pos])
        return keyed

    def _rows(
        self, batch: pa.RecordBatch, present: list[str], versions: IntArray
    ) -> tuple[IntArray, dict[str, pa.Array]]:
        """Per row its result id (decided here when new), and the values its results quote."""
        n = batch.num_rows
        group_a = tuple(f for f in present if f in facts.GROUP_A)
        group_b = tuple(f for f in present if f in facts.GROUP_B or f.startswith("param_"))
        group_c = tuple(f for f in present if f in facts.GROUP_C)
        a = self._group(batch, group_a, lambda t: self._parse_places(group_a, t))
        b = self._group(batch, group_b, lambda t: self._parse_item(group_b, t))
        c = (
            self._group(batch, group_c, self._parse_share)
            if group_c
            else np.full(n, self._shares.add(None), np.int64)
        )
        # the first error in parse_shipment's order; the reader's own error before all
        err = np.full(n, NO_RESULT, np.int64)
        for codes in (c, b, a):
            bad = codes < 0
            err[bad] = -1 - codes[bad]
        first_long, long_fields = facts.long_values(batch, present)
        for pos in np.nonzero(first_long >= 0)[0].tolist():
            name = long_fields[first_long[pos]]
            value = batch.column(name)[pos].as_py()
            err[pos] = self._error_rid(name, facts.long_message(value, name))
        if JSON_ERROR_FIELD in batch.schema.names:
            marks = facts.column(batch, JSON_ERROR_FIELD)
            for pos in pc.indices_nonzero(pc.not_equal(marks, _EMPTY)).to_pylist():
                fld, message = read_row_error(marks[pos].as_py())
                err[pos] = self._error_rid(fld, message)
        ok = np.nonzero(err == NO_RESULT)[0]
        rids = err
        if not len(ok):
            return rids, {}
        # the facts of the rows without an error
        take = pa.array(ok)
        places, items, shares = a[ok], b[ok], c[ok]
        dest = self._place_column(places, "destination")
        eu_country = self._place_column(places, "end_user_country")
        exporter = self._place_column(places, "exporter")
        cons = self._texts.numbers(facts.column(batch, "consignee").take(take))
        end_user = self._texts.numbers(facts.column(batch, "end_user").take(take))
        end_use = self._texts.numbers(facts.column(batch, "end_use").take(take))
        version = np.minimum(versions[ok], len(self.versions) - 1)
        cons_fact = self._party_facts_of(cons, dest, version)
        eu_fact = self._party_facts_of(end_user, eu_country, version)
        use_fact = self._name_terms(end_use)
        item_fact = self._item_facts_of(items, exporter)
        licence = stripped(facts.column(batch, "licence_id"))
        has_licence = pc.not_equal(licence, _EMPTY).to_numpy(zero_copy_only=False)[ok]
        matrix = np.stack(
            [version, places, shares, item_fact, cons_fact, eu_fact, use_fact,
             has_licence.astype(np.int64)], axis=1,
        )  # fmt: skip
        first, inverse = distinct_rows(matrix)
        found = np.empty(len(first), np.int64)
        for k, key in enumerate(map(tuple, matrix[first].tolist())):
            rid = self._keys.get(key)
            if rid is None:
                pos = int(first[k])
                rep = self._rep(key, int(cons[pos]), int(end_user[pos]), int(end_use[pos]))
                rid = self._keys[key] = self._decide_memo(key[1:], key[0], rep)
            found[k] = rid
        rids[ok] = found[inverse]
        all_items = np.zeros(n, np.int64)
        all_items[ok] = items
        return rids, self._slot_values(rids, all_items, licence)

    def _place_column(self, places: IntArray, name: str) -> IntArray:
        """Per row the id of a country of its parsed group A."""
        table = np.array(
            [self._countries.add(getattr(p, name)) for p in self._places.values] or [0], np.int64
        )
        return table[places]

    def _rep(self, key: tuple[int, ...], cons: int, end_user: int, end_use: int) -> _Rep:
        """A shipment that stands for every line with these facts (see dualuse.services.
        templates): the countries and types parsed, the parties and end use of one such line,
        stand-ins for the values a decision only repeats, and the item as identified."""
        _, place_id, share_id, item_fact, _, _, _, has_licence = key
        place = self._places.values[place_id]
        matches_id, has_hs, has_code, has_text = self._item_fact_values.values[item_fact]
        hold = templates.PLACEHOLDERS
        shipment = Shipment(
            id="-",
            destination_country=place.destination,
            exporter_country=place.exporter,
            origin_country=place.origin,
            consignee=self._names.values[cons],
            end_user=self._names.values[end_user],
            end_user_country=place.end_user_country,
            end_user_type=place.end_user_type,
            end_use=self._names.values[end_use],
            hs_code=hold["hs_code"] if has_hs else "",
            control_code=hold["control_code"] if has_code else "",
            description=hold["description"] if has_text else "",
            china_content_pct=self._shares.values[share_id],
            licence_id=hold["licence_id"] if has_licence else "",
        )
        return _Rep(shipment, self._matches.values[matches_id])

    def _slot_values(
        self, rids: IntArray, items: IntArray, licence: pa.Array
    ) -> dict[str, pa.Array]:
        """Per row, what the batch's results repeat: the licence number (quoted), and the
        number of the row's item (whose codes and description are put in per item)."""
        results = self.table.results
        kinds = {k for r in factorize(rids)[0].tolist() for k in results[r].slots}
        out: dict[str, pa.Array] = {}
        if "licence_id" in kinds:
            out["licence_id"] = templates.quoted_column(licence)
        if kinds - {"licence_id"}:
            out[ITEM] = pa.array(items, pa.int64())
        return out

    def jsonl_lines(self, batch: pa.RecordBatch, first_row: int) -> list[str]:
        """One JSON object per row, in input order (errors in place of their rows)."""
        return self.lines_of(self.key_batch(batch, first_row), first_row)

    def _row_errors(
        self, batch: pa.RecordBatch, rids: IntArray, ids: pa.Array
    ) -> dict[int, tuple[str, str]]:
        """Row position -> (field, message) for every row that cannot be decided."""
        errors: dict[int, tuple[str, str]] = {}
        bad_rows = np.nonzero(self.table.codes()[rids] < 0)[0]
        results = self.table.results
        for pos in bad_rows.tolist():
            r = results[rids[pos]]
            errors[pos] = (r.error_field, r.error_message)
        text_ids = pc.utf8_trim_whitespace(pc.fill_null(ids.cast(pa.string()), _EMPTY))
        for pos in pc.indices_nonzero(pc.equal(text_ids, _EMPTY)).to_pylist():
            errors.setdefault(pos, ("id", "required field is missing"))
        for f in NUMERIC_FIELDS:
            if f in batch.schema.names:
                for pos, message in _bad_amounts(pc.fill_null(batch.column(f), _EMPTY)):
                    errors.setdefault(pos, (f, message))
        return errors

    def _count(self, rids: IntArray, errors: dict[int, Any]) -> None:
        self.counts.rows += len(rids)
        self.counts.errors += len(errors)
        codes = self.table.codes()[rids]
        if errors:
            codes = codes.copy()
            codes[np.fromiter(errors, np.int64, len(errors))] = -1
        per_code = np.bincount(codes[codes >= 0], minlength=len(DECISION_CODES))
        for decision, code in DECISION_CODES.items():
            if per_code[code]:
                self.counts.by_decision[decision] = self.counts.by_decision.get(decision, 0) + int(
                    per_code[code]
                )


@dataclass(frozen=True)
class _Rep:
    """What a tuple of facts is decided with: a shipment and the item's matches."""

    shipment: Shipment
    matches: tuple[ItemMatch, ...]


class _Identified:
    """The classifier port for a representative shipment: the item was identified already."""

    def __init__(self, matches: tuple[ItemMatch, ...]) -> None:
        self.matches = matches

    def classify(self, shipment: Shipment, snap: Snapshot) -> list[ItemMatch]:
        return list(self.matches)


def _result_of(dec: Decision) -> KeyResult:
    """A decision serialised whole, for one line (no values spliced in per row)."""
    body = dec.to_dict()
    parts = tuple(orjson.dumps(body[k]).decode() for k in ("reasons", "items", "parties"))
    after = orjson.dumps(body["unknown_after"]).decode()
    provisional = "true" if dec.provisional else "false"
    # the same bytes as dumping the decision's fields after "id" and "as_of", in order
    rest = (
        f'"decision":"{body["decision"]}","provisional":{provisional},'
        f'"unknown_after":{after},"reasons":{parts[0]},'
        f'"items":{parts[1]},"parties":{parts[2]}}}'
    )
    return KeyResult(
        dec.decision.value,
        rest_json=rest,
        parts=(parts[0], parts[1], parts[2]),
        provisional=(provisional, body["unknown_after"] or ""),
    )


def _bad_amounts(col: pa.Array) -> list[tuple[int, str]]:
    """Positions and messages of present values that are not amounts (:func:`values.number`).

    Plain ASCII digits of modest length, the common case, are settled by cheap kernels; the
    rest are read once per distinct text.
    """
    plain = pc.or_(
        pc.and_(
            pc.and_(pc.utf8_is_decimal(col), pc.string_is_ascii(col)),
            pc.less_equal(pc.utf8_length(col), pa.scalar(15, pa.int32())),
        ),
        pc.equal(col, _EMPTY),
    )
    if pc.all(plain).as_py():
        return []
    others = pc.indices_nonzero(pc.invert(plain))
    enc = col.take(others).dictionary_encode()
    verdicts: list[str | None] = []
    for text in enc.dictionary.to_pylist():
        try:
            values.number(text)
            verdicts.append(None)
        except ValueError as exc:
            verdicts.append(str(exc))
    found: list[tuple[int, str]] = []
    for pos, k in zip(others.to_pylist(), enc.indices.to_pylist(), strict=True):
        message = verdicts[k]
        if message is not None:
            found.append((pos, message))
    return found


def _error(exc: ShipmentError) -> KeyResult:
    return KeyResult(None, error_field=exc.error.field, error_message=exc.error.message)


def _iso_day(text: str) -> dt.date | None:
    if not ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


__all__ = [
    "KEY_FIELDS",
    "NUMERIC_FIELDS",
    "OUTPUT_SCHEMA",
    "SEP",
    "CheckRunner",
    "Counts",
    "IntArray",
    "KeyResult",
    "Keyed",
    "ResultTable",
]
