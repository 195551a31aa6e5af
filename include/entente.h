/*
 * entente.h - the one public header of libentente.
 *
 * libentente turns news text into political event data: documents are read
 * (ent_reader), split into sentences and coded (ent_coder) into events with
 * CAMEO actor and event codes, a mode (asserted, negated, hypothetical,
 * reported) and provenance; results are written as JSON Lines or TSV
 * (ent_write_*) or stored in SQLite (ent_store), and read back from a
 * store (ent_store_events, ent_store_summary, ent_query_top, and the
 * analyses ent_dyads, ent_align, ent_align_judge, ent_bloc, ent_network).
 *
 * Memory rule for the whole API: every object returned by an ent_*_new,
 * ent_*_open or ent_*_load function is freed by the matching ent_*_free or
 * ent_*_close, which accepts NULL; pointers found inside an object (strings,
 * arrays) stay valid until that object is freed and must not be freed by
 * the caller.
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ENT_VERSION "0.1.0"

/* Result codes. "No event in this sentence" is a result, not an error. */
typedef enum {
    ENT_OK = 0,
    ENT_ENOMEM,   /* out of memory */
    ENT_EIO,      /* a file could not be opened, read or written */
    ENT_EFORMAT,  /* input that cannot be read (binary, malformed, too large) */
    ENT_EDICT,    /* a dictionary could not be loaded */
    ENT_EDB,      /* SQLite reported an error */
    ENT_EUSAGE,   /* a caller passed an invalid argument */
    ENT_EOF       /* no more documents */
} ent_rc;

/* A static English description of rc. */
const char *ent_strerror(ent_rc rc);

/* Diagnostics (a malformed line, a skipped file...) go to a callback. file
 * may be NULL, line is 0 when it does not apply. */
typedef void (*ent_diag_fn)(void *ud, const char *file, long line,
                            const char *msg);

/* ------------------------------------------------------------------ */
/* Documents                                                            */

/* One document. text is valid, NFC-normalised UTF-8; every offset that
 * libentente reports (sentence spans, actor spans) is a byte offset into
 * text. date is YYYY-MM-DD or "" and date_source says where it came from
 * ("document", "option", "file" (only with date_from_file), "none"). */
typedef struct ent_doc {
    char *id;
    char *title;
    char *url;
    char *source;
    char *path;         /* file it came from, "-" for stdin */
    char date[11];
    const char *date_source;
    char *text;
    size_t len;
    long line;          /* line within a JSONL file, else 0 */
    size_t invalid_bytes; /* invalid UTF-8 bytes replaced by U+FFFD */
    size_t input_bytes; /* bytes of input it was read from (file, JSONL line) */
} ent_doc;

void ent_doc_free(ent_doc *doc);

/* Reasons a document can be skipped; counted by the reader. */
typedef enum {
    ENT_SKIP_UNREADABLE = 0, /* could not open or read */
    ENT_SKIP_EMPTY,          /* no text at all */
    ENT_SKIP_BINARY,         /* NUL bytes or mostly non-text */
    ENT_SKIP_TOO_LARGE,      /* larger than max_doc_bytes */
    ENT_SKIP_MALFORMED,      /* JSONL line that is not a JSON object with text */
    ENT_SKIP_NO_BODY,        /* HTML with no article text */
    ENT_SKIP_UNKNOWN_TYPE,   /* extension that is not .txt .html .htm .jsonl */
    ENT_SKIP_TOO_DEEP,       /* HTML elements nested deeper than 2000 */
    ENT_SKIP_NREASONS
} ent_skip_reason;

const char *ent_skip_reason_name(ent_skip_reason r);

typedef struct ent_reader ent_reader;

typedef struct ent_reader_opts {
    const char *default_date;  /* YYYY-MM-DD used when a document has none */
    const char *stdin_format;  /* "txt", "html", "jsonl" or NULL to sniff */
    size_t max_doc_bytes;      /* 0 means the default, 64 MiB */
    ent_diag_fn diag;
    void *diag_ud;
    int date_from_file;        /* undated files take their modification date */
} ent_reader_opts;

ent_reader *ent_reader_new(const ent_reader_opts *opts);
void ent_reader_free(ent_reader *r);
/* Queue a file, a folder (read recursively, in sorted order) or "-". */
void ent_reader_add(ent_reader *r, const char *path);
/* Next document into *out (caller frees with ent_doc_free). Returns ENT_OK,
 * or ENT_EOF when every input is exhausted. Unreadable inputs are reported
 * to the diag callback, counted and skipped. */
ent_rc ent_reader_next(ent_reader *r, ent_doc **out);
/* Documents skipped for reason r so far. */
long ent_reader_skipped(const ent_reader *r, ent_skip_reason reason);
long ent_reader_invalid_utf8_docs(const ent_reader *r);
/* Documents whose id an earlier document of the run already had: each is
 * reported and given the id "ID~N" (N = 2, 3...) instead. */
long ent_reader_renamed_ids(const ent_reader *r);
/* Documents that carried no date and got none (no --date): date "",
 * date_source "none"; the first few are reported. */
long ent_reader_undated(const ent_reader *r);
/* Documents whose text was over 1 MiB: handed out in parts of at most
 * that size, cut at paragraph breaks, with the ids ID, ID#part2, ...
 * (each part's offsets are into its own text); reported once each. */
long ent_reader_split_docs(const ent_reader *r);

/* Read one document from memory: fmt is "txt", "html" or "jsonl" (first
 * line only). Returns NULL and sets *why when the bytes are not a readable
 * document. Used by the fuzzers and tests. */
ent_doc *ent_doc_from_bytes(const char *fmt, const char *bytes, size_t len,
                            const char *id, ent_skip_reason *why);

/* ------------------------------------------------------------------ */
/* Coding                                                               */

typedef enum {
    ENT_MODE_ASSERTED = 0,
    ENT_MODE_NEGATED,
    ENT_MODE_HYPOTHETICAL,
    ENT_MODE_REPORTED
} ent_mode;

const char *ent_mode_name(ent_mode m);

typedef struct ent_actor_ref {
    const char *code;   /* CAMEO actor code, e.g. "RUSGOV" */
    const char *text;   /* the words that named the actor */
    size_t start, end;  /* byte span in the document text */
    const char *name;   /* canonical dictionary name ("Vladimir Putin"), or NULL */
    char country[4];    /* the code split: country prefix "RUS", or "" */
    char agent[4];      /* and agent "GOV", "MIL", "REB", or "" */
} ent_actor_ref;

typedef struct ent_event {
    int sentence;             /* index of the sentence in the document */
    ent_actor_ref source, target;
    const char *code;         /* CAMEO event code, e.g. "0311" */
    const char *root;         /* two-digit root, e.g. "03" */
    const char *name;         /* the code's CAMEO name */
    int quad;                 /* 1 verbal coop, 2 material coop,
                                 3 verbal conflict, 4 material conflict */
    double goldstein;
    const char *plover;       /* PLOVER category or "" */
    const char *plover_mode;  /* PLOVER mode of the code (CAMEO2PLOVER), or "" */
    const char *plover_context; /* PLOVER context(s) of the code, or "" */
    ent_mode mode;
    const char *evidence;     /* dictionary entries and rule that fired */
    /* when: the date named in the sentence, else the document date */
    char date[11];            /* YYYY-MM-DD */
    const char *date_rule;    /* "document", "explicit", "weekday", "ago"... */
    const char *date_text;    /* the words that gave the date, or "" */
    int scheduled;            /* the date lies after the document date */
    /* where: the place named for the event, if any (place == NULL if not) */
    const char *place;        /* gazetteer name, e.g. "Aleppo" */
    const char *place_text;   /* the words that named it */
    size_t place_start, place_end; /* their byte span in the document text */
    char place_country[4];    /* ISO 3166 alpha-3 */
    const char *place_admin1; /* GeoNames admin1 code */
    double lat, lon;
    const char *place_rule;   /* "preposition", "capital-of", "bare" */
} ent_event;

typedef struct ent_sentence {
    size_t start, end;        /* byte span in the document text */
    const char *text;         /* copy of the sentence, NUL-terminated */
    int duplicate;            /* not coded: 1 repeats an earlier sentence of
                                 this document, 2 one of an earlier document */
} ent_sentence;

typedef struct ent_mention {
    int sentence;
    const char *code;
    const char *text;
    size_t start, end;
    const char *kind;         /* "country", "person", "agent", ... */
    const char *entry;        /* dictionary file:line that named it */
} ent_mention;

/* The result of coding one document. */
typedef struct ent_result {
    ent_sentence *sentences;
    int nsentences;
    ent_mention *mentions;
    int nmentions;
    ent_event *events;
    int nevents;
    int nparsed;              /* sentences coded from a syntactic parse */
    int nshallow;             /* candidate sentences the parser was asked for
                                 but did not annotate (coded by the shallow
                                 rules); every candidate sentence is parsed
                                 whole, so 0 unless the sentence is empty */
    void *priv_;
} ent_result;

void ent_result_free(ent_result *res);

typedef struct ent_coder ent_coder;

/* Load the dictionaries in dir (actors.txt, demonyms.txt, agents.txt,
 * verbs.txt, cameo.tsv, countries.gen.txt). Lines that cannot be read are
 * reported through diag as file:line and skipped; *nbad (if not NULL)
 * receives their count. Returns NULL (and sets *rc) only when a required
 * file is missing or memory runs out. */
ent_coder *ent_coder_new(const char *dir, ent_diag_fn diag, void *ud,
                         int *nbad, ent_rc *rc);
void ent_coder_free(ent_coder *c);

/* Load dictionaries in the PETRARCH2/TABARI formats (docs/petrarch.md):
 * verbs (CAMEO.2.0.txt style), actors (a comma-separated list of files),
 * agents and discards (either may be NULL); cameo_dir is entente's data
 * folder, for cameo.tsv (required), irregular.gen.txt and places.gen.tsv.
 * Event codes missing from cameo.tsv get a row of their own. Lines that
 * cannot be read are reported through diag as file:line and skipped;
 * *nbad (if not NULL) receives their count. Returns NULL (and sets *rc)
 * when a file cannot be read or memory runs out. */
ent_coder *ent_coder_new_petrarch(const char *cameo_dir, const char *verbs,
                                  const char *actors, const char *agents,
                                  const char *discards, ent_diag_fn diag, void *ud,
                                  int *nbad, ent_rc *rc);

/* The syntactic parser: entente's UD tagger and parser with the model
 * en.syntax of the coder's data folder. A coder from ent_coder_new codes
 * candidate sentences (two actors and an event verb) from their parse:
 * the model (mapped, ~10 ms) is loaded when a sentence first needs it, or
 * now by ent_coder_set_parser(c, 1). ent_coder_set_parser(c, 0) turns it
 * off: the shallow rules only (the default for ent_coder_new_petrarch).
 * Returns 0, or -1 if the model cannot be loaded; coding then fails
 * (ent_coder_code returns NULL) rather than falling back to the shallow
 * rules, and ent_coder_parser_error names the file. Not to be called while
 * the coder is coding. */
int ent_coder_set_parser(ent_coder *c, int on);
/* "ud" (on; loaded or not yet needed) or "none" (off, or failed to
 * load). */
const char *ent_coder_parser(const ent_coder *c);
/* Why the parser failed to load; "" if it did not fail. */
const char *ent_coder_parser_error(const ent_coder *c);

/* Set one of PETRARCH's coding options (the names of its PETR_config.ini)
 * on a coder made by ent_coder_new_petrarch: "require_dyad" ("true", the
 * default, or "false": an event whose source or target is missing is
 * coded with "---" for it, as PETRARCH does), and "comma_min",
 * "comma_max", "comma_bmin", "comma_bmax", "comma_emin", "comma_emax"
 * (numbers of words: PETRARCH drops comma clauses of these lengths;
 * defaults 2, 8, 0, 0, 2, 8; a max of 0 turns a check off). Returns ENT_OK, or
 * ENT_EUSAGE for another coder, an unknown option or a bad value. Not
 * to be called while the coder is coding. */
ent_rc ent_coder_set_petrarch_option(ent_coder *c, const char *name, const char *value);

/* Code one document. Returns NULL only when memory runs out. */
ent_result *ent_coder_code(const ent_coder *c, const ent_doc *doc);

/* Code a single piece of text dated date (YYYY-MM-DD). */
ent_result *ent_coder_code_text(const ent_coder *c, const char *text,
                                const char *date);

/* Counts of dictionary entries, for summaries and tests. */
typedef struct ent_dict_stats {
    int actors, demonyms, agents, verb_codes, verb_patterns, cameo_codes;
} ent_dict_stats;
void ent_coder_stats(const ent_coder *c, ent_dict_stats *st);

/* ------------------------------------------------------------------ */
/* Dictionary maintenance (entente dict)                                */

/* Check the dictionaries of dir: lines that cannot be read, duplicate and
 * conflicting entries, overlapping date ranges, codes that are not CAMEO.
 * Each finding goes to diag as "error: ..." or "warning: ..." with its
 * file:line. Returns the number of errors; *nwarn gets the warnings. */
int ent_dict_check(const char *dir, ent_diag_fn diag, void *ud, int *nwarn);

/* Compile the dictionaries of dir (its text files and places.gen.tsv, if
 * any) into dir/dict.gen.bin and dir/places.gen.bin, which ent_coder_new loads
 * instead, much faster, for as long as the sources keep the size and
 * modification time they had (docs/internals/dict.md). The messages of
 * the load (bad lines) and any failure go to diag. Returns ENT_OK, or
 * ENT_EDICT if a source could not be read or a file not written. */
ent_rc ent_dict_compile(const char *dir, ent_diag_fn diag, void *ud);

/* Called with a dictionary entry: where ("actors.txt:12") and its line. */
typedef void (*ent_entry_fn)(void *ud, const char *where, const char *line);
/* Entries naming exactly phrase; returns how many. */
int ent_coder_lookup(const ent_coder *c, const char *phrase, ent_entry_fn fn, void *ud);
/* Actor entries with code among their codes, and agents it ends with. */
int ent_coder_lookup_code(const ent_coder *c, const char *code, ent_entry_fn fn, void *ud);

/* Gaps: frequent names no entry covers, frequent verbs between two actors
 * that no pattern matched. */
typedef struct ent_gaps ent_gaps;
ent_gaps *ent_gaps_new(void);
void ent_gaps_free(ent_gaps *g);
int ent_gaps_add(ent_gaps *g, const ent_coder *c, const ent_doc *doc);
void ent_gaps_write(const ent_gaps *g, FILE *f, int top);
/* Read names a curator has reviewed and found not to be actors (one a line,
 * as `dict gaps` prints them; `#` starts a comment): they are counted but
 * not listed. Returns the number read, or -1 (errno set) if path cannot be
 * read. Call before ent_gaps_add. */
int ent_gaps_ignore(ent_gaps *g, const char *path);

/* ------------------------------------------------------------------ */
/* Near-duplicate documents                                             */

/* A MinHash index of the last max_docs documents (0: 100,000); documents
 * whose estimated Jaccard similarity of word 5-shingles with an earlier
 * one reaches threshold (0: 0.8) are duplicates. */
typedef struct ent_dedup ent_dedup;
ent_dedup *ent_dedup_new(size_t max_docs, double threshold);
void ent_dedup_free(ent_dedup *d);
/* 1 if doc nearly repeats an earlier document (*orig gets its id, valid
 * until the next call, *sim the similarity); else 0 and doc is remembered.
 * A document with the same id as the earlier one is not its duplicate. */
int ent_dedup_check(ent_dedup *d, const ent_doc *doc, const char **orig, double *sim);
/* Mark the sentences of res (of eight words or more) that repeat, word for
 * word, a sentence of an earlier document (duplicate = 2) and drop their
 * events: the same wire sentence quoted by several articles is coded once.
 * Remembers the other sentences; returns how many were marked. */
int ent_dedup_sentences(ent_dedup *d, ent_result *res);

/* ------------------------------------------------------------------ */
/* Output                                                               */

/* One JSON object per event (schema: docs/event.schema.json), written by
 * ent_write_event_json in the ENT_JSON_LINE layout. */
void ent_write_jsonl(FILE *f, const ent_doc *doc, const ent_result *res);
/* One tab-separated row per event; see docs/output.md for the columns.
 * ent_write_tsv_header writes the header row. */
void ent_write_tsv_header(FILE *f);
void ent_write_tsv(FILE *f, const ent_doc *doc, const ent_result *res);
/* The same columns as RFC 4180 CSV (a field with a comma, quote or line
 * break is quoted, quotes doubled; CRLF row ends), with a header row. */
void ent_write_csv_header(FILE *f);
void ent_write_csv(FILE *f, const ent_doc *doc, const ent_result *res);
/* GeoJSON (RFC 7946): a FeatureCollection of the events that have a place,
 * each a Point [lon, lat] with the CSV columns as properties. Call head
 * once, then feature for each document (n: features written so far, kept
 * by the caller), then tail. */
void ent_write_geojson_head(FILE *f);
void ent_write_geojson(FILE *f, const ent_doc *doc, const ent_result *res, long *n);
void ent_write_geojson_tail(FILE *f);

/* An event with where it came from: what ent_store_iter_next returns and
 * what ent_write_event_json writes. For an event read from a store, ev
 * holds what the store keeps: ev.name, ev.place_rule are NULL (the store
 * has no CAMEO names; callers may set ev.name), ev.date is "" for an
 * undated event, ev.source/target.start/end are the first actor mention
 * of the sentence with the same words (preferring the same code), and
 * ev.place_start/end are not kept. `have` says which spans are known. */
#define ENT_HAVE_SPAN        1u  /* start, end: the sentence's span */
#define ENT_HAVE_SOURCE_SPAN 2u  /* ev.source.start, ev.source.end */
#define ENT_HAVE_TARGET_SPAN 4u  /* ev.target.start, ev.target.end */
#define ENT_HAVE_PLACE_SPAN  8u  /* ev.place_start, ev.place_end */
typedef struct ent_event_rec {
    ent_event ev;
    long long id;             /* the row id in the store; 0 for a coded event */
    const char *doc;          /* document id */
    const char *text;         /* the sentence, or NULL if not stored */
    size_t start, end;        /* the sentence's byte span in the document */
    unsigned have;            /* ENT_HAVE_* bits */
    const char *doc_date;     /* the document's date (YYYY-MM-DD, "" or NULL) */
    const char *date_source;  /* where it came from ("document", "option"...) */
    const char *doc_title, *doc_url, *doc_source; /* NULL when the input had none */
    char event_id[17];        /* ent_event_id's, or "" (then computed from ev) */
} ent_event_rec;

/* The event's stable id: 16 hex digits of a 64-bit FNV-1a hash (mixed) of
 * the document id, the sentence index, the source's and target's byte
 * spans and the CAMEO code, as bytes - so the same event gets the same id
 * in every run, on every machine, in every shard, and in JSON, TSV, CSV,
 * GeoJSON and the store alike (docs/output.md). */
void ent_event_id(const char *doc_id, const ent_event *e, char out[17]);

/* The one writer of an event as a JSON object (no new line), in one of
 * three layouts (docs/output.md, docs/api.md, assets/dashboard.js):
 *   ENT_JSON_LINE  the record of `entente code` (docs/event.schema.json);
 *                  a missing string is written "";
 *   ENT_JSON_API   the server's /api/events record: the line's fields with
 *                  the row id, the document's title, URL and source, the
 *                  CAMEO name (null unless the caller set ev.name), a
 *                  place without span and rule;
 *   ENT_JSON_FLAT  the report's record: actors and place as flat fields,
 *                  source_span and target_span as byte offsets into the
 *                  sentence (the mention's, else the first occurrence of
 *                  the words).
 * In the last two, a missing value (an unknown span, an undated event, a
 * document without a title) is null. */
typedef enum { ENT_JSON_LINE, ENT_JSON_API, ENT_JSON_FLAT } ent_json_layout;
void ent_write_event_json(FILE *f, const ent_event_rec *rec, ent_json_layout layout);

/* ------------------------------------------------------------------ */
/* SQLite store                                                         */

typedef struct ent_store ent_store;

/* Open (creating if needed) a store; NULL with a message in *err (free()
 * it) on failure. */
ent_store *ent_store_open(const char *path, char **err);
void ent_store_close(ent_store *s);
ent_rc ent_store_begin(ent_store *s);
/* Replace every row of doc->id with this document and its result. */
ent_rc ent_store_put(ent_store *s, const ent_doc *doc, const ent_result *res);
ent_rc ent_store_commit(ent_store *s);
/* Record doc as a near-duplicate of the document orig (no sentences or
 * events of its own; it counts in the event_counts view). */
ent_rc ent_store_put_duplicate(ent_store *s, const ent_doc *doc, const char *orig, double sim);
const char *ent_store_errmsg(const ent_store *s);

/* Open an existing store read-only (for analyses, the report and the
 * server). A read-only store is used by one thread at a time; open one per
 * thread (opening is cheap). */
ent_store *ent_store_open_readonly(const char *path, char **err);

/* ---- Reading a store ----
 * Everything the report and the server show comes through these calls
 * (src/query.c); no caller writes SQL against the tables. A call that
 * fails returns ENT_EDB (or ENT_EUSAGE for a bad filter) with the message
 * in ent_store_errmsg and its kind in ent_store_last_fault. */

/* Interrupt every statement of s that runs past `seconds` from now (0:
 * no limit). A read interrupted so fails with ENT_STORE_TIMEOUT. */
void ent_store_set_timeout(ent_store *s, double seconds);

/* Why the last failed call on s failed. */
typedef enum {
    ENT_STORE_FINE = 0,  /* no failure */
    ENT_STORE_BUSY,      /* the store is locked by a writer; try again */
    ENT_STORE_TIMEOUT,   /* the limit of ent_store_set_timeout passed */
    ENT_STORE_FAILED     /* anything else (a damaged file, out of memory) */
} ent_store_fault;
ent_store_fault ent_store_last_fault(const ent_store *s);

/* Which events ent_store_events reads. Zero-initialised means every
 * event. Actor and event codes match by prefix (IRN selects IRNGOV) and
 * must be 1-31 printable ASCII characters without spaces. */
typedef struct ent_event_filter {
    const char *from, *to;      /* YYYY-MM-DD bounds on the event date (inclusive) */
    const char *actor;          /* the source or the target */
    const char *source, *target;
    const char *a, *b;          /* a dyad: a on one side (and b on the other) */
    const char *code;           /* CAMEO event code prefix ("19", "042") */
    const char *root;           /* two-digit root, exactly */
    int modes;                  /* bit (1 << ent_mode) per mode; 0: every mode */
    const char *place;          /* three capitals: the place's ISO alpha-3
                                   country; else its name, case-insensitive */
    long limit;                 /* at most this many (0: no limit) */
    long offset;                /* after skipping this many */
} ent_event_filter;

/* The events of f, newest first (event date, then row id, descending).
 * NULL with *rc set (ENT_EUSAGE for a bad filter, ENT_EDB, ENT_ENOMEM) on
 * failure. Free with ent_store_iter_free, before closing s. */
typedef struct ent_store_iter ent_store_iter;
ent_store_iter *ent_store_events(ent_store *s, const ent_event_filter *f, ent_rc *rc);
/* The next event into *rec (valid until the next call or the free).
 * Returns ENT_OK, ENT_EOF after the last, or ENT_EDB. */
ent_rc ent_store_iter_next(ent_store_iter *it, const ent_event_rec **rec);
void ent_store_iter_free(ent_store_iter *it);

/* The store at a glance: documents and sentences (all of them) and the
 * events of every mode, those dated within from..to when either is given
 * (NULL: no bound). */
typedef struct ent_store_counts {
    long documents;          /* documents coded (not near-duplicates) */
    long near_duplicates;    /* documents stored as near-duplicates of another */
    long sentences;
    long events;
    long by_mode[4];         /* per ent_mode */
    long other_mode;         /* events whose mode entente does not know */
    long by_quad[4];         /* verbal coop, material coop, verbal conflict, material conflict */
    char first_date[11], last_date[11]; /* of those events; "" when none is dated */
} ent_store_counts;
ent_rc ent_store_summary(ent_store *s, const char *from, const char *to, ent_store_counts *out);
/* Events with no date (their document had none): *n. */
ent_rc ent_store_undated_events(ent_store *s, long *n);

/* ------------------------------------------------------------------ */
/* Analyses over a store: dyads, alignment, network                     */

/* ENT_BY_QUARTER comes last so that the older values keep their numbers. */
typedef enum {
    ENT_BY_DAY, ENT_BY_WEEK, ENT_BY_MONTH, ENT_BY_YEAR, ENT_BY_ALL, ENT_BY_QUARTER
} ent_period;

/* Which events an analysis reads. Zero-initialised means: every date,
 * by day, actor level, modes asserted and reported. At country level an
 * event whose source or target names no country (an agent code alone:
 * GOV, MIL, REB, CVL, UAF...; or "---GOV") is left out of every analysis:
 * such agents are never counted as countries (use actor level to see
 * them). */
typedef struct ent_query {
    const char *from, *to;   /* YYYY-MM-DD bounds (inclusive), or NULL */
    ent_period by;
    int country_level;       /* 1: IRNGOV, IRNMIL... count as IRN */
    const char *a, *b;       /* actor filters (at the chosen level), or NULL */
    int modes;               /* bit (1 << ent_mode) per mode; 0: asserted|reported */
    int min_events;          /* alignment and blocs: the third-party events each
                                side needs in a period for a similarity
                                (0: ENT_ALIGN_MIN_EVENTS) */
    int replicates;          /* bootstrap replicates (0: ENT_ALIGN_REPLICATES) */
} ent_query;

/* One directed dyad in one period. */
typedef struct ent_dyad_row {
    char period[11];         /* first day of the period, or "all" */
    char source[32], target[32];
    long events;
    long quad[4];            /* verbal coop, material coop, verbal conflict, material conflict */
    double goldstein_sum, goldstein_mean;
    long sources;            /* distinct news sources (a document's id when it has none) */
} ent_dyad_row;

/* Dyads of the store, sorted by period, source, target. *rows is
 * allocated with malloc (free() it). With q->a (and q->b) only dyads
 * involving a (between a and b, both directions). */
ent_rc ent_dyads(ent_store *s, const ent_query *q, ent_dyad_row **rows, int *nrows);

#define ENT_ALIGN_TOP 5
#define ENT_ALIGN_MIN_EVENTS 5     /* default ent_query.min_events */
#define ENT_ALIGN_REPLICATES 200   /* default ent_query.replicates */
#define ENT_ALIGN_CONF 0.90        /* level of every interval */
#define ENT_ALIGN_MIN_SHIFT 0.10   /* smallest change of similarity called a change */

/* How two actors relate and how alike they treat everyone else, per
 * period (docs/report.md, "Alignment").
 * similarity: the cosine of A's and B's quad-class count vectors toward
 * every third party (one dimension per third party and quad class; from
 * 0, nothing in common, to 1, the same mix toward the same parties); NAN
 * when either side has fewer than q->min_events third-party events, with
 * too_few set. sim_lo, sim_hi: its bootstrap interval (ENT_ALIGN_CONF;
 * q->replicates resamples of each side's events, seeded by the period:
 * the same store gives the same interval). goldstein_cosine: the cosine of
 * the per-third-party Goldstein sums (-1..1; NAN when either has no
 * third-party event), entente's older measure. diverge lists the third
 * parties with the largest gap between their normalised Goldstein sums. */
typedef struct ent_align_row {
    char period[11];
    long ab_events, ba_events;
    double ab_goldstein, ba_goldstein;   /* sums */
    double similarity;
    int nthird;
    char diverge[ENT_ALIGN_TOP][32];
    double gap[ENT_ALIGN_TOP];           /* a's share minus b's share */
    int ndiverge;
    double sim_lo, sim_hi;
    long a_events, b_events;             /* third-party events behind similarity */
    int too_few;
    double goldstein_cosine;
} ent_align_row;

/* A verdict over the periods of a series of similarities (ent_align) or
 * cohesions (ent_bloc): a change point (the split of the periods with a
 * value that maximises the standardised difference of means, kept when a
 * permutation test gives p < 1 - ENT_ALIGN_CONF and the means differ by
 * ENT_ALIGN_MIN_SHIFT or more), a Theil-Sen slope per period with Sen's
 * ENT_ALIGN_CONF interval and the Mann-Kendall test. */
typedef struct ent_verdict {
    int periods;             /* dated periods with events (not "unknown") */
    int valid;               /* periods with a value (enough events) */
    long events;             /* events behind those values (n) */
    int change;              /* 1: a change point passed the test */
    char from[11];           /* its first period (first day); "" without one */
    char from_label[16];     /* the same for people: "2016-Q2" */
    double before, after;    /* mean before and from the change; without a
                                change, both the mean of every value */
    double p_change;         /* permutation p of the best split (1: none) */
    double slope, slope_lo, slope_hi; /* per period; NAN under 3 values */
    double mk_p;             /* Mann-Kendall p (two-sided) */
    int trend;               /* -1 falling, +1 rising (mk_p < 1 - conf and
                                the slope interval excludes 0), else 0 */
    const char *unit;        /* "quarter", "month"... (static) */
    double overall, overall_lo, overall_hi; /* the measure over every period
                                pooled, with its bootstrap interval (NAN:
                                too few events) */
    long overall_events;     /* the events behind it */
} ent_verdict;

/* An event behind a finding: where to read it. */
typedef struct ent_evidence {
    long long id;            /* the event's row id */
    char doc[128];           /* document id (cut to 127 bytes) */
    int sentence;            /* sentence index in the document */
    char date[11];
    char source[32], target[32], code[8];
    double goldstein;
} ent_evidence;

/* A third party toward which A and B behave most differently over the
 * verdict's window (from the change on, else every period). gap: the
 * distance between A's and B's normalised quad-class count vectors toward
 * it (0..sqrt 2 summed over parties; larger: more of the difference). */
typedef struct ent_align_driver {
    char who[32];
    double gap;
    long a_quad[4], b_quad[4];           /* A -> who, B -> who per quad class */
    double a_goldstein, b_goldstein;     /* their Goldstein sums */
    ent_evidence ev[3];                  /* the events that drive the gap */
    int nev;
} ent_align_driver;

/* The alignment of q->a and q->b per period, sorted by period; *rows is
 * allocated with malloc (free() it). */
ent_rc ent_align(ent_store *s, const ent_query *q, ent_align_row **rows, int *nrows);
/* The same, with the verdict over the periods in *v and the third parties
 * that drive the difference in drivers[0..*ndrivers) (at most
 * ENT_ALIGN_TOP; drivers may be NULL). Reads the events whose source is a
 * or b, on the source index. */
ent_rc ent_align_judge(ent_store *s, const ent_query *q, ent_align_row **rows, int *nrows,
                       ent_verdict *v, ent_align_driver *drivers, int *ndrivers);

/* A named group over time: its cohesion (the mean similarity, as in
 * ent_align, of every pair of members toward everyone outside the pair),
 * per period, with a bootstrap interval (each member's events resampled
 * together across its pairs). */
#define ENT_BLOC_MAX 16
typedef struct ent_bloc_row {
    char period[11];
    double cohesion, lo, hi;             /* NAN when no pair has enough events */
    int pairs;                           /* pairs with enough events */
    long events;                         /* members' third-party events */
    double member[ENT_BLOC_MAX];         /* each member's mean similarity to
                                            the others (NAN: no such pair) */
} ent_bloc_row;
/* How each member moves relative to the rest: its mean similarity to the
 * others before and from the bloc's change (without a change: the first
 * and the second half of the periods), and its Theil-Sen slope. */
typedef struct ent_bloc_member {
    char code[32];
    int valid;                           /* periods with a value */
    double before, after;
    double slope, slope_lo, slope_hi;
} ent_bloc_member;
/* Cohesion of members[0..n) (2 <= n <= ENT_BLOC_MAX; codes match by
 * prefix, as q->a does) per period into *rows (malloc; free() it), the
 * verdict on it in *v, each member in m[0..n) (m may be NULL), and in
 * *drifter the index of the member whose similarity to the rest falls
 * most (by at least ENT_ALIGN_MIN_SHIFT, with a falling slope), else -1.
 * q->a and q->b are not used. */
ent_rc ent_bloc(ent_store *s, const ent_query *q, const char *const *members, int n,
                ent_bloc_row **rows, int *nrows, ent_verdict *v, ent_bloc_member *m,
                int *drifter);

/* The actor graph: one edge per directed pair with its cooperative
 * (quad 1-2) and conflictual (quad 3-4) event counts. */
typedef struct ent_edge {
    char source[32], target[32];
    long events, coop, conflict;
    double goldstein_sum;
} ent_edge;

ent_rc ent_network(ent_store *s, const ent_query *q, ent_edge **edges, int *nedges);

/* The places of the events q selects that have coordinates (dates, modes,
 * level; a and b as in ent_dyads: with both, the events between them, with
 * a alone, the events a is a side of), one row per place and period (q->by)
 * and, with by_dyad, per directed dyad at the chosen level (else source and
 * target are ""). n[m][k] counts the events of mode m (ent_mode) and quad
 * class k + 1. Sorted by period, place, country, source, target. */
typedef struct ent_place_row {
    char period[11];
    char place[80], country[4];
    double lat, lon;
    char source[32], target[32];
    long events;
    long n[4][4];
} ent_place_row;
ent_rc ent_places(ent_store *s, const ent_query *q, int by_dyad, ent_place_row **rows,
                  int *nrows);

/* How busy one actor or one undirected pair is. */
typedef struct ent_top_row {
    char a[32], b[32];       /* the actor (b is ""), or the pair with a < b */
    long events;
} ent_top_row;
/* The n busiest actors and the n busiest undirected pairs among the events
 * q selects (its from, to, country_level and modes; a and b are not used),
 * leaving out events within one actor (at country level: one country).
 * Sorted by events (descending), then codes. *actors and *pairs are
 * allocated with malloc (free() them). */
ent_rc ent_query_top(ent_store *s, const ent_query *q, int n, ent_top_row **actors,
                     int *nactors, ent_top_row **pairs, int *npairs);

/* ---- Syntax: the trained tagger, lemmatizer and dependency parser ----
 * A model (data/en.syntax, trained by ent_syntax_train from Universal
 * Dependencies treebanks) gives each word of a sentence its UPOS and XPOS
 * tags, features, lemma, head and relation (docs/syntax.md). */
typedef struct ent_syntax ent_syntax;

/* Map and check a model file (NULL: the default, ENT_DATADIR/en.syntax).
 * NULL with a one-line reason in err. */
ent_syntax *ent_syntax_load(const char *path, char *err, size_t errlen);
void ent_syntax_free(ent_syntax *s);
/* The model's description: "key=value" lines. */
const char *ent_syntax_info(const ent_syntax *s);
/* Decode with a beam of k (1: greedy, up to 64) instead of the width the
 * model was trained with; call before parsing. ENT_EUSAGE if out of range. */
ent_rc ent_syntax_set_beam(ent_syntax *s, int k);

typedef struct ent_token {
    const char *form, *lemma, *upos, *xpos, *feats, *deprel;
    int head;          /* 1-based index of the head in the sentence; 0 root */
    long start, end;   /* bytes in the text parsed; -1 if not known */
} ent_token;

typedef struct ent_parsed {
    ent_token *tokens;
    int ntokens;
} ent_parsed;

typedef struct ent_parse {
    ent_parsed *sentences;
    int nsentences;
    void *priv;
} ent_parse;

/* Split text into sentences and words, tag and parse them. */
ent_rc ent_syntax_parse_text(const ent_syntax *s, const char *text, size_t len,
                             ent_parse **out);
/* Tag and parse one sentence already cut into n words. */
ent_rc ent_syntax_parse_words(const ent_syntax *s, const char *const *words, int n,
                              ent_parse **out);
void ent_parse_free(ent_parse *p);

/* Annotate a CoNLL-U file's words (tags, lemmas, features, heads) and
 * write CoNLL-U to out; with keep_tags the file's tags are kept and only
 * heads and relations are predicted. Malformed sentences are reported
 * through err lines on stderr, skipped and counted in *skipped. */
ent_rc ent_syntax_conllu(const ent_syntax *s, const char *path, FILE *out, int keep_tags,
                         long *skipped, char *err, size_t errlen);
/* Write raw text as CoNLL-U: sentences, words, tags and parse. */
ent_rc ent_syntax_text_conllu(const ent_syntax *s, const char *text, size_t len, FILE *out,
                              int *nsent);

/* Scores against a gold CoNLL-U file, with the CoNLL 2018 shared task's
 * definitions: from the gold words (from_raw 0) or from the file's raw
 * text, segmented by entente (from_raw 1). Percentages. */
typedef struct ent_syntax_scores {
    long words, sentences;
    double tokens, sents, wordseg;     /* F1 of segmentation (100 from gold) */
    double upos, xpos, ufeats, lemmas, uas, las, las_full;
    double seconds;                    /* tagging and parsing, CPU time of the thread */
} ent_syntax_scores;
ent_rc ent_syntax_eval(const ent_syntax *s, const char *gold, int from_raw,
                       ent_syntax_scores *sc, char *err, size_t errlen);

typedef struct ent_syntax_train_opts {
    const char *train, *dev, *out;   /* CoNLL-U in, model out */
    int tag_epochs, parse_epochs;    /* 0: the defaults */
    int folds;                       /* jackknife folds; 0: default, 1: none */
    unsigned seed;
    int min_count;
    FILE *log;                       /* per-epoch scores, or NULL */
} ent_syntax_train_opts;
ent_rc ent_syntax_train(const ent_syntax_train_opts *o, char *err, size_t errlen);
/* The same with an external lexicon for the tagger: a file of
 * "form<TAB>class,class..." lines, kept in the model (docs/syntax.md). A
 * new function, not a new field: the caller fills ent_syntax_train_opts
 * (docs/library.md). */
ent_rc ent_syntax_train_lexicon(const ent_syntax_train_opts *o, const char *lexicon, char *err,
                                size_t errlen);
/* The same with a beam of width beam (2 to 64) and global training
 * (max-violation, or early update if early_update): the model keeps the
 * width for decoding; lexicon as for ent_syntax_train_lexicon, or NULL.
 * beam 0 or 1 is ent_syntax_train_lexicon. A new function, not new fields,
 * since the caller fills ent_syntax_train_opts (docs/library.md). */
ent_rc ent_syntax_train_beam(const ent_syntax_train_opts *o, const char *lexicon, int beam,
                             int early_update, char *err, size_t errlen);
/* The same with word clusters for the tagger and the parser: a file of
 * "bits<TAB>word<TAB>count" lines (Brown clusters, as ent_clusters_learn
 * writes them), kept in the model; clusters NULL is ent_syntax_train_beam.
 * A new function, not a new field (docs/library.md). */
ent_rc ent_syntax_train_clusters(const ent_syntax_train_opts *o, const char *lexicon,
                                 const char *clusters, int beam, int early_update, char *err,
                                 size_t errlen);
/* Brown clusters (Liang's approximation: nclusters kept active) of the
 * lower-cased words seen min_count times or more in inputs[0..ninputs):
 * files or folders of documents (raw text, HTML, JSONL), split into words
 * as the parser sees them, or .conllu files (their word forms). Writes
 * out, "bits<TAB>word<TAB>count" lines; deterministic. log: progress, or
 * NULL. ENT_OK, ENT_EUSAGE, or ENT_EFORMAT with the reason in err. */
ent_rc ent_clusters_learn(const char *const *inputs, int ninputs, const char *out, int nclusters,
                          int min_count, FILE *log, char *err, size_t errlen);

/* ------------------------------------------------------------------ */
/* The shared library: version, data folder, stable access (docs/library.md) */

/* The version of the loaded library ("0.1.0"), to compare with ENT_VERSION. */
const char *ent_version(void);
/* The data folder to give ent_coder_new when the caller has none:
 * $ENTENTE_DATA, else the share/entente (installed) or data (build tree)
 * folder beside the loaded library, else the folder compiled in. */
const char *ent_datadir(void);
/* sizeof the named public struct in this library ("ent_event",
 * "ent_result", "ent_sentence", "ent_mention", "ent_doc", "ent_token"),
 * or 0 for another name. */
size_t ent_struct_size(const char *name);
/* ABI rule: fields are only ever added at the end of a public struct, and
 * the arrays the library returns are indexed through these functions (the
 * library's sizeof, not the caller's), so a program built against an older
 * header keeps working. NULL when i (or j) is out of range. */
const ent_event *ent_result_event(const ent_result *res, int i);
const ent_sentence *ent_result_sentence(const ent_result *res, int i);
const ent_mention *ent_result_mention(const ent_result *res, int i);
int ent_parse_nsentences(const ent_parse *p);
int ent_parse_ntokens(const ent_parse *p, int i);
const ent_token *ent_parse_token(const ent_parse *p, int i, int j);
/* The events of res as JSON Lines (what ent_write_jsonl writes), in a
 * buffer the caller frees with ent_free; *len (if not NULL) gets its
 * length. NULL when memory runs out. */
char *ent_result_jsonl(const ent_doc *doc, const ent_result *res, size_t *len);
void ent_free(void *p);

/* ------------------------------------------------------------------ */
/* Beyond one process: shards, signatures, merging stores (docs/scale.md) */

/* The shard (0..n-1) of the document id among n: a stable hash of the id
 * (FNV-1a 64, then the MurmurHash3 finaliser, modulo n); 0 when n <= 1. */
int ent_doc_shard(const char *id, int n);

/* The MinHash signature ent_dedup compares: ENT_MINHASH_SIZE 32-bit
 * minima over the text's word 5-shingles. Returns 0 (and a signature of
 * UINT32_MAX) for a text without words. */
#define ENT_MINHASH_SIZE 64
int ent_dedup_signature(const char *text, size_t len, uint32_t sig[ENT_MINHASH_SIZE]);
/* ent_dedup_check for a document known by its id and signature. */
int ent_dedup_check_signature(ent_dedup *d, const char *id, const uint32_t *sig,
                              const char **orig, double *sim);

/* Record, after ent_store_put or ent_store_put_duplicate, where doc stands
 * in the whole input (seq: its ordinal among every document read, those of
 * other shards included) and its MinHash signature (table doc_minhash),
 * for the global duplicate pass of ent_store_merge. */
ent_rc ent_store_put_minhash(ent_store *s, const ent_doc *doc, long long seq);

/* What ent_store_merge did. */
typedef struct ent_merge_stats {
    long inputs;             /* stores read */
    long documents;          /* documents in the merged store */
    long replaced;           /* documents that a later store replaced by id */
    long near_duplicates;    /* documents recorded as near-duplicates */
    long cross_duplicates;   /* ... of a document in another store */
    long sentences_repeated; /* sentences marked as repeating an earlier document */
    long events;             /* events in the merged store */
    long events_dropped;     /* events of documents or sentences found duplicates */
    long not_reproducible;   /* documents or sentences a shard set aside as a
                                duplicate that the whole corpus does not make one
                                (their events were never coded: re-code them) */
    long unsigned_docs;      /* documents without a signature (older stores),
                                not checked across stores */
} ent_merge_stats;

/* Merge the stores inputs[0..n-1] into the store at out (made from
 * scratch: the stores' union, a later store's document replacing an
 * earlier one with the same id, as re-coding does; if out exists it is
 * read first, as one more input, so merging again changes nothing).
 * Every column of every table is copied by name (columns a store has that
 * out lacks are added). Documents are then taken in input order (their
 * doc_minhash seq) and the near-duplicate and repeated-sentence passes of
 * `entente code` run over the whole corpus: duplicate_of, the events kept
 * and the event_counts view come out as one process coding every input in
 * that order would give them, event row ids included. diag gets progress
 * and warnings. */
ent_rc ent_store_merge(const char *const *inputs, int n, const char *out, int dedup,
                       ent_merge_stats *st, ent_diag_fn diag, void *ud, char **err);

/* Parse "day", "week", "month", "quarter", "year", "all"; -1 if none. */
int ent_period_parse(const char *name);

#ifdef __cplusplus
}
#endif
#endif /* ENTENTE_H */
