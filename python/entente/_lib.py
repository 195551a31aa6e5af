"""_lib - load libentente.so through cffi's ABI mode and declare the part of
include/entente.h the package uses. Events cross as JSON (ent_result_jsonl),
so their struct layout is not declared here; the structs that are declared
(tokens, the analyses' rows, the caller-filled options) follow the ABI rule
of docs/library.md: fields only added at the end, arrays indexed by the
library or by their declared size."""
import os

import cffi

CDEF = """
typedef enum { ENT_OK = 0, ENT_ENOMEM, ENT_EIO, ENT_EFORMAT, ENT_EDICT, ENT_EDB,
               ENT_EUSAGE, ENT_EOF } ent_rc;
typedef enum { ENT_SKIP_UNREADABLE = 0, ENT_SKIP_EMPTY, ENT_SKIP_BINARY,
    ENT_SKIP_TOO_LARGE, ENT_SKIP_MALFORMED, ENT_SKIP_NO_BODY, ENT_SKIP_UNKNOWN_TYPE,
    ENT_SKIP_NREASONS } ent_skip_reason;
typedef void (*ent_diag_fn)(void *ud, const char *file, long line, const char *msg);
typedef struct ent_doc ent_doc;
typedef struct ent_result ent_result;
typedef struct ent_coder ent_coder;
typedef struct ent_reader ent_reader;
typedef struct ent_dedup ent_dedup;
typedef struct ent_store ent_store;
typedef struct ent_syntax ent_syntax;
typedef struct ent_reader_opts {
    const char *default_date; const char *stdin_format; size_t max_doc_bytes;
    ent_diag_fn diag; void *diag_ud;
} ent_reader_opts;
const char *ent_strerror(ent_rc rc);
const char *ent_version(void);
const char *ent_datadir(void);
size_t ent_struct_size(const char *name);
ent_reader *ent_reader_new(const ent_reader_opts *opts);
void ent_reader_free(ent_reader *r);
void ent_reader_add(ent_reader *r, const char *path);
ent_rc ent_reader_next(ent_reader *r, ent_doc **out);
long ent_reader_skipped(const ent_reader *r, ent_skip_reason reason);
const char *ent_skip_reason_name(ent_skip_reason r);
ent_doc *ent_doc_from_bytes(const char *fmt, const char *bytes, size_t len,
                            const char *id, ent_skip_reason *why);
void ent_doc_free(ent_doc *doc);
ent_coder *ent_coder_new(const char *dir, ent_diag_fn diag, void *ud, int *nbad, ent_rc *rc);
void ent_coder_free(ent_coder *c);
int ent_coder_set_parser(ent_coder *c, int on);
const char *ent_coder_parser_error(const ent_coder *c);
ent_result *ent_coder_code(const ent_coder *c, const ent_doc *doc);
void ent_result_free(ent_result *res);
char *ent_result_jsonl(const ent_doc *doc, const ent_result *res, size_t *len);
void ent_free(void *p);
ent_dedup *ent_dedup_new(size_t max_docs, double threshold);
void ent_dedup_free(ent_dedup *d);
int ent_dedup_check(ent_dedup *d, const ent_doc *doc, const char **orig, double *sim);
int ent_dedup_sentences(ent_dedup *d, ent_result *res);

typedef struct ent_token {
    const char *form, *lemma, *upos, *xpos, *feats, *deprel;
    int head; long start, end;
} ent_token;
typedef struct ent_parse ent_parse;
ent_syntax *ent_syntax_load(const char *path, char *err, size_t errlen);
void ent_syntax_free(ent_syntax *s);
ent_rc ent_syntax_parse_text(const ent_syntax *s, const char *text, size_t len, ent_parse **out);
void ent_parse_free(ent_parse *p);
int ent_parse_nsentences(const ent_parse *p);
int ent_parse_ntokens(const ent_parse *p, int i);
const ent_token *ent_parse_token(const ent_parse *p, int i, int j);

ent_store *ent_store_open_readonly(const char *path, char **err);
void ent_store_close(ent_store *s);
const char *ent_store_errmsg(const ent_store *s);
typedef enum { ENT_BY_DAY, ENT_BY_WEEK, ENT_BY_MONTH, ENT_BY_YEAR, ENT_BY_ALL, ENT_BY_QUARTER } ent_period;
typedef struct ent_query {
    const char *from, *to; ent_period by; int country_level; const char *a, *b; int modes;
    int min_events; int replicates;
} ent_query;
typedef struct ent_dyad_row {
    char period[11]; char source[32], target[32]; long events; long quad[4];
    double goldstein_sum, goldstein_mean; long sources;
} ent_dyad_row;
typedef struct ent_align_row {
    char period[11]; long ab_events, ba_events; double ab_goldstein, ba_goldstein;
    double similarity; int nthird; char diverge[5][32]; double gap[5]; int ndiverge;
    double sim_lo, sim_hi; long a_events, b_events; int too_few; double goldstein_cosine;
} ent_align_row;
ent_rc ent_dyads(ent_store *s, const ent_query *q, ent_dyad_row **rows, int *nrows);
ent_rc ent_align(ent_store *s, const ent_query *q, ent_align_row **rows, int *nrows);
int ent_period_parse(const char *name);
"""

ffi = cffi.FFI()
ffi.cdef(CDEF)


def _candidates():
    env = os.environ.get("ENTENTE_LIB")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, "..", "..", "build", "libentente.so")
    yield "libentente.so.1"


def _load():
    errors = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            errors.append(path + ": no such file")
            continue
        try:
            return ffi.dlopen(path), path
        except OSError as e:
            errors.append(str(e))
    raise ImportError("entente: cannot load libentente.so (set ENTENTE_LIB): " + "; ".join(errors))


class _LazyLib:
    """libentente, opened on first use (so `python -m entente.dask`, which
    only runs the entente binary, works without the shared library)."""

    def __init__(self):
        self._lib = None
        self.path = None

    def __getattr__(self, name):
        if self._lib is None:
            self._lib, self.path = _load()
        return getattr(self._lib, name)


lib = _LazyLib()


def lib_path():
    """The path libentente.so was opened from (opening it if need be)."""
    lib.ent_version
    return lib.path


def s(p):
    """A C string (or NULL) as a Python str (or None)."""
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")


def b(text):
    return None if text is None else str(text).encode("utf-8")
