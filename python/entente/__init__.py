"""entente - political event data from news text, in Python.

    import entente
    entente.code("Russian forces attacked Ukrainian positions.", date="2022-03-01")
    entente.code_files(["articles/"])            # every document of a folder
    entente.frame(entente.code_files(["articles/"]))   # a pandas DataFrame
    entente.parse("Iran condemned the strike.")  # words with heads and relations
    entente.events_frame("events.sqlite")        # a store as a DataFrame
    entente.dyads("events.sqlite", "IRN", by="year")
    entente.align("events.sqlite", "USA", "GBR")

The coder runs in libentente.so (the same code as the `entente` tool); events
come back as the dicts of `entente code`'s JSON Lines (docs/output.md), with
every code a string ("0311", "IRNGOV"). docs/library.md describes the package.
"""
import json
import sqlite3

from ._lib import b, ffi, lib, lib_path, s

__all__ = ["code", "code_files", "parse", "frame", "events_frame", "dyads", "align",
           "Coder", "version", "datadir", "lib_path"]

MODES = ("asserted", "negated", "hypothetical", "reported")


def version():
    """The loaded library's version."""
    return s(lib.ent_version())


def datadir():
    """The data folder the library uses when none is given."""
    return s(lib.ent_datadir())


class EntenteError(RuntimeError):
    pass


def _check_modes(modes):
    if modes is None:
        return None
    modes = [modes] if isinstance(modes, str) else list(modes)
    for m in modes:
        if m not in MODES:
            raise ValueError("entente: unknown mode %r (one of %s)" % (m, ", ".join(MODES)))
    return set(modes)


class Coder:
    """A loaded coder (dictionaries, gazetteer, parser). Loading takes a few
    tens of milliseconds; keep one for many documents. Options: dict (data
    folder), parser ("ud", the default, or "none"), modes (events of these
    modes only), dedup (near-duplicate documents and repeated sentences
    coded once, as `entente code` does; code_files only)."""

    def __init__(self, dict=None, parser="ud", modes=None, dedup=True):
        if parser not in ("ud", "none"):
            raise ValueError("entente: parser is 'ud' or 'none'")
        self.modes = _check_modes(modes)
        self.dedup = dedup
        rc = ffi.new("ent_rc *")
        nbad = ffi.new("int *")
        folder = dict if dict is not None else datadir()
        self._c = lib.ent_coder_new(b(folder), ffi.NULL, ffi.NULL, nbad, rc)
        if self._c == ffi.NULL:
            raise EntenteError("entente: cannot load dictionaries from %s: %s"
                               % (folder, s(lib.ent_strerror(rc[0]))))
        self._c = ffi.gc(self._c, lib.ent_coder_free)
        if lib.ent_coder_set_parser(self._c, 1 if parser == "ud" else 0) < 0:
            raise EntenteError("entente: cannot load the parser's model: "
                               + s(lib.ent_coder_parser_error(self._c)))

    def _events(self, doc, dedup=None):
        res = lib.ent_coder_code(self._c, doc)
        if res == ffi.NULL:
            raise EntenteError("entente: coding failed: " + (s(lib.ent_coder_parser_error(self._c)) or "out of memory"))
        try:
            if dedup is not None:
                lib.ent_dedup_sentences(dedup, res)
            n = ffi.new("size_t *")
            buf = lib.ent_result_jsonl(doc, res, n)
            if buf == ffi.NULL:
                raise MemoryError("entente: out of memory")
            try:
                text = ffi.unpack(buf, n[0]).decode("utf-8")
            finally:
                lib.ent_free(buf)
        finally:
            lib.ent_result_free(res)
        events = [json.loads(line) for line in text.splitlines() if line]
        if self.modes is not None:
            events = [e for e in events if e["mode"] in self.modes]
        return events

    def code(self, text, date=None, id="text"):
        """The events of one piece of text dated date (YYYY-MM-DD or None)."""
        record = {"id": id, "text": text}
        if date is not None:
            record["date"] = date
        line = json.dumps(record).encode("utf-8")
        why = ffi.new("ent_skip_reason *")
        doc = lib.ent_doc_from_bytes(b"jsonl", line, len(line), b(id), why)
        if doc == ffi.NULL:
            if why[0] == lib.ENT_SKIP_EMPTY:
                return []
            raise ValueError("entente: text not readable: " + s(lib.ent_skip_reason_name(why[0])))
        try:
            return self._events(doc)
        finally:
            lib.ent_doc_free(doc)

    def code_files(self, paths, date=None):
        """The events of every document of paths (files, folders, read as
        `entente code` reads them), in input order."""
        if isinstance(paths, str):
            paths = [paths]
        keep = [b(date)]
        opts = ffi.new("ent_reader_opts *")
        opts.default_date = ffi.new("char[]", keep[0]) if date else ffi.NULL
        r = ffi.gc(lib.ent_reader_new(opts), lib.ent_reader_free)
        for p in paths:
            lib.ent_reader_add(r, b(p))
        dedup = ffi.gc(lib.ent_dedup_new(0, 0), lib.ent_dedup_free) if self.dedup else None
        out = []
        docp = ffi.new("ent_doc **")
        orig = ffi.new("const char **")
        sim = ffi.new("double *")
        while lib.ent_reader_next(r, docp) == lib.ENT_OK:
            doc = docp[0]
            try:
                if dedup is not None and lib.ent_dedup_check(dedup, doc, orig, sim):
                    continue
                out.extend(self._events(doc, dedup))
            finally:
                lib.ent_doc_free(doc)
        self.skipped = {s(lib.ent_skip_reason_name(k)): lib.ent_reader_skipped(r, k)
                        for k in range(lib.ENT_SKIP_NREASONS)}
        return out


_coders = {}


def _coder(opts):
    key = tuple(sorted((k, tuple(v) if isinstance(v, (list, set, tuple)) else v)
                       for k, v in opts.items()))
    if key not in _coders:
        _coders[key] = Coder(**opts)
    return _coders[key]


def code(text, date=None, **opts):
    """Events of text (a list of dicts, codes as strings). opts: dict,
    parser ("ud" or "none"), modes."""
    return _coder(opts).code(text, date)


def code_files(paths, date=None, **opts):
    """Events of every document in paths (files or folders; .txt, .html,
    .jsonl), near-duplicates coded once as by `entente code`. opts: dict,
    parser, modes, dedup."""
    return _coder(opts).code_files(paths, date)


def frame(events):
    """A list of event dicts as a DataFrame: actors and place flattened
    (source, source_text, target, target_text, place, place_country, lat,
    lon), codes as strings."""
    import pandas as pd
    rows = []
    for e in events:
        r = {k: v for k, v in e.items() if not isinstance(v, (dict, list))}
        for side in ("source", "target"):
            a = e.get(side) or {}
            r[side] = a.get("code")
            r[side + "_text"] = a.get("text")
        place = e.get("place") or {}
        r["place"] = place.get("name")
        r["place_country"] = place.get("country")
        r["lat"], r["lon"] = place.get("lat"), place.get("lon")
        rows.append(r)
    df = pd.DataFrame(rows)
    for c in ("code", "root", "source", "target", "plover", "mode", "doc"):
        if c in df:
            df[c] = df[c].astype("string")
    return df


def parse(text):
    """Sentences of text as lists of words: dicts with id (1-based), form,
    lemma, upos, xpos, feats, head (0: the root), deprel, start, end."""
    err = ffi.new("char[512]")
    if not hasattr(parse, "_model"):
        import os
        m = lib.ent_syntax_load(b(os.path.join(datadir(), "en.syntax")), err, 512)
        if m == ffi.NULL:
            raise EntenteError("entente: cannot load the syntax model: " + s(err))
        parse._model = ffi.gc(m, lib.ent_syntax_free)
    data = b(text)
    out = ffi.new("ent_parse **")
    rc = lib.ent_syntax_parse_text(parse._model, data, len(data), out)
    if rc != lib.ENT_OK:
        raise EntenteError("entente: parse failed: " + s(lib.ent_strerror(rc)))
    p = out[0]
    try:
        sentences = []
        for i in range(lib.ent_parse_nsentences(p)):
            words = []
            for j in range(lib.ent_parse_ntokens(p, i)):
                t = lib.ent_parse_token(p, i, j)
                words.append({"id": j + 1, "form": s(t.form), "lemma": s(t.lemma),
                              "upos": s(t.upos), "xpos": s(t.xpos), "feats": s(t.feats),
                              "head": t.head, "deprel": s(t.deprel),
                              "start": t.start, "end": t.end})
            sentences.append(words)
        return sentences
    finally:
        lib.ent_parse_free(p)


def events_frame(store, counts=False):
    """Every event of a store (`entente code --db`) as a DataFrame, with the
    document's title, url, source and date; codes as strings. counts=True
    adds num_mentions, num_articles and num_sources (the event_counts view:
    slower on large stores)."""
    import pandas as pd
    table = "event_counts" if counts else "events"
    with sqlite3.connect("file:%s?mode=ro" % store, uri=True) as db:
        df = pd.read_sql_query(
            "SELECT e.*, d.title AS doc_title, d.url AS doc_url, d.source AS doc_source, "
            "d.date AS doc_date FROM %s e JOIN documents d ON d.id = e.doc_id ORDER BY e.id" % table,
            db)
    for c in ("code", "root", "source", "target", "plover", "mode", "doc_id", "place_country"):
        df[c] = df[c].astype("string")
    return df


def _query(q, frm, to, by, level, modes, a=None, b_=None):
    keep = []

    def cs(v):
        if v is None:
            return ffi.NULL
        keep.append(ffi.new("char[]", b(v)))
        return keep[-1]
    per = lib.ent_period_parse(b(by))
    if per < 0:
        raise ValueError("entente: by is day, week, month, year or all")
    q.by = per
    q.country_level = 1 if level == "country" else 0
    if level not in ("country", "actor"):
        raise ValueError("entente: level is 'country' or 'actor'")
    q.a, q.b = cs(a), cs(b_)
    setattr(q, "from", cs(frm))  # "from" is a Python keyword
    q.to = cs(to)
    m = _check_modes(modes)
    q.modes = 0 if m is None else sum(1 << MODES.index(x) for x in m)
    return keep


def _open(store):
    err = ffi.new("char **")
    st = lib.ent_store_open_readonly(b(store), err)
    if st == ffi.NULL:
        msg = s(err[0]) if err[0] != ffi.NULL else store
        raise EntenteError("entente: cannot open store " + msg)
    return ffi.gc(st, lib.ent_store_close)


def _rows(fn, store, q, kind):
    st = _open(store)
    rows = ffi.new(kind + " **")
    n = ffi.new("int *")
    rc = fn(st, q, rows, n)
    if rc != lib.ENT_OK:
        raise EntenteError("entente: " + s(lib.ent_store_errmsg(st)))
    return ffi.gc(rows[0], lib.ent_free) if rows[0] != ffi.NULL else rows[0], n[0]


def dyads(store, a=None, b=None, by="month", level="country", modes=None, start=None, end=None):
    """Events per directed dyad and period (as `entente dyads`): period,
    source, target, events, quad1..quad4, goldstein_sum, goldstein_mean,
    sources. a (and b) select dyads involving a (between a and b)."""
    import pandas as pd
    q = ffi.new("ent_query *")
    keep = _query(q, start, end, by, level, modes, a, b)  # noqa: F841 (kept alive)
    rows, n = _rows(lib.ent_dyads, store, q, "ent_dyad_row")
    out = []
    for i in range(n):
        r = rows[i]
        out.append({"period": s(r.period), "source": s(r.source), "target": s(r.target),
                    "events": r.events, "quad1": r.quad[0], "quad2": r.quad[1],
                    "quad3": r.quad[2], "quad4": r.quad[3], "goldstein_sum": r.goldstein_sum,
                    "goldstein_mean": r.goldstein_mean, "sources": r.sources})
    cols = ["period", "source", "target", "events", "quad1", "quad2", "quad3", "quad4",
            "goldstein_sum", "goldstein_mean", "sources"]
    df = pd.DataFrame(out, columns=cols)
    for c in ("period", "source", "target"):
        df[c] = df[c].astype("string")
    return df


def align(store, a, b, by="month", level="country", modes=None, start=None, end=None):
    """How a and b relate and how alike they treat third parties per period
    (as `entente align`): ab_events, ba_events, ab_goldstein, ba_goldstein,
    similarity (cosine; NaN without third parties), nthird, diverge (the
    third parties furthest apart, with their gaps)."""
    import pandas as pd
    q = ffi.new("ent_query *")
    keep = _query(q, start, end, by, level, modes, a, b)  # noqa: F841
    rows, n = _rows(lib.ent_align, store, q, "ent_align_row")
    out = []
    for i in range(n):
        r = rows[i]
        out.append({"period": s(r.period), "ab_events": r.ab_events, "ba_events": r.ba_events,
                    "ab_goldstein": r.ab_goldstein, "ba_goldstein": r.ba_goldstein,
                    "similarity": r.similarity, "nthird": r.nthird,
                    "diverge": [(s(r.diverge[k]), r.gap[k]) for k in range(r.ndiverge)],
                    "sim_lo": r.sim_lo, "sim_hi": r.sim_hi, "a_events": r.a_events,
                    "b_events": r.b_events, "too_few": bool(r.too_few)})
    cols = ["period", "ab_events", "ba_events", "ab_goldstein", "ba_goldstein", "similarity",
            "nthird", "diverge", "sim_lo", "sim_hi", "a_events", "b_events", "too_few"]
    df = pd.DataFrame(out, columns=cols)
    df["period"] = df["period"].astype("string")
    return df
