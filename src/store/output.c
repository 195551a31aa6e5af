/*
 * output.c - writing events: the one event-to-JSON writer
 * (ent_write_event_json), whose layouts are the JSON Lines record of
 * `entente code` (the stable contract of docs/event.schema.json), the
 * server's /api/events record and the report's; and rows from one column
 * table: TSV (tabs, new lines and backslashes inside fields escaped as \t,
 * \n and \\), RFC 4180 CSV and GeoJSON (columns in docs/output.md); and
 * the stable event id (ent_event_id).
 */
#include "entente.h"
#include "base/hash.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

/* ---- the event as JSON ----
 * Each layout is a list of members, each a key and what goes under it;
 * the members themselves are written once, by put_member. */

typedef enum {
    M_ID, M_DOC, M_SENTENCE, M_SPAN, M_TEXT, M_DATE, M_DATE_RULE, M_DATE_TEXT, M_SCHEDULED,
    M_DOC_DATE, M_DATE_SOURCE, M_DOC_TITLE, M_DOC_URL, M_DOC_SOURCE,
    M_SOURCE, M_TARGET,            /* the actor as an object (ACTOR members) */
    M_SOURCE_CODE, M_SOURCE_TEXT, M_TARGET_CODE, M_TARGET_TEXT,
    M_SOURCE_SPAN_IN_SENTENCE, M_TARGET_SPAN_IN_SENTENCE,
    M_CODE, M_ROOT, M_NAME, M_QUAD, M_GOLDSTEIN, M_PLOVER, M_MODE, M_EVIDENCE,
    M_PLACE_LINE, M_PLACE_API,     /* the place as an object, or null */
    M_PLACE_NAME, M_PLACE_TEXT, M_PLACE_COUNTRY, M_PLACE_ADMIN1, M_PLACE_LAT4, M_PLACE_LON4,
    M_PLACE_LAT5, M_PLACE_LON5, M_PLACE_SPAN, M_PLACE_RULE,
    M_ACTOR_CODE, M_ACTOR_TEXT, M_ACTOR_SPAN, /* inside M_SOURCE, M_TARGET */
    M_ACTOR_COUNTRY, M_ACTOR_AGENT, M_ACTOR_NAME,
    M_EVENT_ID, M_PLOVER_TYPE, M_PLOVER_MODE, M_PLOVER_CONTEXT, M_DOC_URL_NULL,
    M_DOC_SOURCE_NULL,
    M_END
} member;

typedef struct entry {
    const char *key;
    member m;
} entry;

static const entry line_layout[] = {
    {"event_id", M_EVENT_ID}, {"doc", M_DOC}, {"sentence", M_SENTENCE}, {"span", M_SPAN}, {"text", M_TEXT},
    {"date", M_DATE}, {"date_rule", M_DATE_RULE}, {"date_text", M_DATE_TEXT},
    {"scheduled", M_SCHEDULED}, {"doc_date", M_DOC_DATE}, {"date_source", M_DATE_SOURCE},
    {"place", M_PLACE_LINE}, {"source", M_SOURCE}, {"target", M_TARGET}, {"code", M_CODE},
    {"root", M_ROOT}, {"name", M_NAME}, {"quad", M_QUAD}, {"goldstein", M_GOLDSTEIN},
    {"plover", M_PLOVER}, {"plover_event_type", M_PLOVER_TYPE}, {"plover_mode", M_PLOVER_MODE},
    {"plover_context", M_PLOVER_CONTEXT}, {"mode", M_MODE}, {"evidence", M_EVIDENCE},
    {"doc_url", M_DOC_URL_NULL}, {"doc_source", M_DOC_SOURCE_NULL}, {NULL, M_END}};

static const entry api_layout[] = {
    {"id", M_ID}, {"doc", M_DOC}, {"sentence", M_SENTENCE}, {"span", M_SPAN},
    {"text", M_TEXT}, {"date", M_DATE}, {"date_rule", M_DATE_RULE},
    {"date_text", M_DATE_TEXT}, {"scheduled", M_SCHEDULED}, {"doc_date", M_DOC_DATE},
    {"doc_title", M_DOC_TITLE}, {"doc_url", M_DOC_URL}, {"doc_source", M_DOC_SOURCE},
    {"source", M_SOURCE}, {"target", M_TARGET}, {"code", M_CODE}, {"root", M_ROOT},
    {"name", M_NAME}, {"quad", M_QUAD}, {"goldstein", M_GOLDSTEIN}, {"plover", M_PLOVER}, {"mode", M_MODE},
    {"evidence", M_EVIDENCE}, {"place", M_PLACE_API}, {NULL, M_END}};

static const entry flat_layout[] = {
    {"id", M_ID}, {"doc", M_DOC}, {"sentence", M_SENTENCE}, {"date", M_DATE},
    {"source", M_SOURCE_CODE}, {"source_text", M_SOURCE_TEXT}, {"target", M_TARGET_CODE},
    {"target_text", M_TARGET_TEXT}, {"code", M_CODE}, {"root", M_ROOT}, {"name", M_NAME},
    {"quad", M_QUAD}, {"goldstein", M_GOLDSTEIN}, {"plover", M_PLOVER}, {"mode", M_MODE},
    {"place", M_PLACE_NAME}, {"place_text", M_PLACE_TEXT}, {"place_country", M_PLACE_COUNTRY},
    {"title", M_DOC_TITLE}, {"news_source", M_DOC_SOURCE}, {"url", M_DOC_URL},
    {"text", M_TEXT}, {"source_span", M_SOURCE_SPAN_IN_SENTENCE},
    {"target_span", M_TARGET_SPAN_IN_SENTENCE}, {NULL, M_END}};

static const entry actor_layout[] = {
    {"code", M_ACTOR_CODE}, {"text", M_ACTOR_TEXT}, {"span", M_ACTOR_SPAN},
    {"country", M_ACTOR_COUNTRY}, {"agent", M_ACTOR_AGENT}, {"name", M_ACTOR_NAME},
    {NULL, M_END}};

/* the server's actor (docs/api.md): the store does not keep the split */
static const entry api_actor_layout[] = {
    {"code", M_ACTOR_CODE}, {"text", M_ACTOR_TEXT}, {"span", M_ACTOR_SPAN}, {NULL, M_END}};

static const entry place_line_layout[] = {
    {"name", M_PLACE_NAME}, {"country", M_PLACE_COUNTRY}, {"admin1", M_PLACE_ADMIN1},
    {"lat", M_PLACE_LAT4}, {"lon", M_PLACE_LON4}, {"text", M_PLACE_TEXT},
    {"span", M_PLACE_SPAN}, {"rule", M_PLACE_RULE}, {NULL, M_END}};

static const entry place_api_layout[] = {
    {"name", M_PLACE_NAME}, {"text", M_PLACE_TEXT}, {"country", M_PLACE_COUNTRY},
    {"admin1", M_PLACE_ADMIN1}, {"lat", M_PLACE_LAT5}, {"lon", M_PLACE_LON5}, {NULL, M_END}};

typedef struct jctx {
    FILE *f;
    const entry *actor_layout;  /* the layout of M_SOURCE and M_TARGET */
    const ent_event_rec *r;
    int nulls;                 /* a missing value is null (else "") */
    const ent_actor_ref *actor; /* inside M_SOURCE or M_TARGET */
    unsigned actor_have;        /* its ENT_HAVE_ bit */
} jctx;

/* A string member: NULL is null or "" (the line layout). */
static void put_str(const jctx *c, const char *s)
{
    if (!s && c->nulls)
        fputs("null", c->f);
    else
        json_str(c->f, s);
}

/* A value that may be unknown: null in every layout ("" is unknown too). */
static void put_opt(const jctx *c, const char *s)
{
    if (s && *s)
        json_str(c->f, s);
    else
        fputs("null", c->f);
}

/* A date held in a char array: "" is missing, null in every layout (an
 * undated event is not dated ""). */
static void put_date(const jctx *c, const char *s)
{
    if (s && *s)
        json_str(c->f, s);
    else
        fputs("null", c->f);
}

static void put_num(const jctx *c, double v, const char *fmt)
{
    if (isfinite(v))
        fprintf(c->f, fmt, v);
    else
        fputs("null", c->f);
}

static void put_span(const jctx *c, int known, size_t start, size_t end)
{
    if (known)
        fprintf(c->f, "[%zu,%zu]", start, end);
    else
        fputs("null", c->f);
}

/* Where the words of actor a lie in the sentence, in bytes from its start:
 * the mention's span when it holds those words, else their first
 * occurrence; null when neither. */
static void put_span_in_sentence(const jctx *c, const ent_actor_ref *a, unsigned bit)
{
    const char *sent = c->r->text, *words = a->text;
    if (!sent || !words || !*words) {
        fputs("null", c->f);
        return;
    }
    size_t slen = strlen(sent), wlen = strlen(words);
    if ((c->r->have & bit) && (c->r->have & ENT_HAVE_SPAN) && a->start >= c->r->start &&
        a->end > a->start && a->end - c->r->start <= slen && a->end - a->start == wlen &&
        !memcmp(sent + (a->start - c->r->start), words, wlen)) {
        fprintf(c->f, "[%zu,%zu]", a->start - c->r->start, a->end - c->r->start);
        return;
    }
    const char *p = strstr(sent, words);
    if (p)
        fprintf(c->f, "[%zu,%zu]", (size_t)(p - sent), (size_t)(p - sent) + wlen);
    else
        fputs("null", c->f);
}

static void put_object(jctx *c, const entry *layout);

static void put_member(jctx *c, member m)
{
    const ent_event_rec *r = c->r;
    const ent_event *e = &r->ev;
    FILE *f = c->f;
    int place = e->place != NULL;
    switch (m) {
    case M_ID: fprintf(f, "%lld", r->id); break;
    case M_DOC: put_str(c, r->doc); break;
    case M_SENTENCE: fprintf(f, "%d", e->sentence); break;
    case M_SPAN: put_span(c, (r->have & ENT_HAVE_SPAN) != 0, r->start, r->end); break;
    case M_TEXT: put_str(c, r->text); break;
    case M_DATE: put_date(c, e->date); break;
    case M_DATE_RULE: put_str(c, e->date[0] ? e->date_rule : "none"); break;
    case M_DATE_TEXT: put_str(c, e->date_text); break;
    case M_SCHEDULED: fputs(e->scheduled ? "true" : "false", f); break;
    case M_DOC_DATE: put_date(c, r->doc_date); break;
    case M_DATE_SOURCE: put_str(c, r->date_source); break;
    case M_DOC_TITLE: put_str(c, r->doc_title); break;
    case M_DOC_URL: put_str(c, r->doc_url); break;
    case M_DOC_SOURCE: put_str(c, r->doc_source); break;
    case M_SOURCE:
    case M_TARGET:
        c->actor = m == M_SOURCE ? &e->source : &e->target;
        c->actor_have = m == M_SOURCE ? ENT_HAVE_SOURCE_SPAN : ENT_HAVE_TARGET_SPAN;
        put_object(c, c->actor_layout);
        break;
    case M_ACTOR_CODE: put_str(c, c->actor->code); break;
    case M_ACTOR_TEXT: put_str(c, c->actor->text); break;
    case M_ACTOR_SPAN:
        put_span(c, (r->have & c->actor_have) != 0, c->actor->start, c->actor->end);
        break;
    case M_ACTOR_COUNTRY: put_opt(c, c->actor->country); break;
    case M_ACTOR_AGENT: put_opt(c, c->actor->agent); break;
    case M_ACTOR_NAME: put_opt(c, c->actor->name); break;
    case M_EVENT_ID:
        if (r->event_id[0]) {
            json_str(f, r->event_id);
        } else {
            char id[17];
            ent_event_id(r->doc, e, id);
            json_str(f, id);
        }
        break;
    case M_PLOVER_TYPE: json_str(f, e->plover && *e->plover ? e->plover : "none"); break;
    case M_PLOVER_MODE: put_opt(c, e->plover_mode); break;
    case M_PLOVER_CONTEXT: put_opt(c, e->plover_context); break;
    case M_DOC_URL_NULL: put_opt(c, r->doc_url); break;
    case M_DOC_SOURCE_NULL: put_opt(c, r->doc_source); break;
    case M_SOURCE_CODE: put_str(c, e->source.code); break;
    case M_SOURCE_TEXT: put_str(c, e->source.text); break;
    case M_TARGET_CODE: put_str(c, e->target.code); break;
    case M_TARGET_TEXT: put_str(c, e->target.text); break;
    case M_SOURCE_SPAN_IN_SENTENCE: put_span_in_sentence(c, &e->source, ENT_HAVE_SOURCE_SPAN); break;
    case M_TARGET_SPAN_IN_SENTENCE: put_span_in_sentence(c, &e->target, ENT_HAVE_TARGET_SPAN); break;
    case M_CODE: put_str(c, e->code); break;
    case M_ROOT: put_str(c, e->root); break;
    case M_NAME: put_str(c, e->name); break;
    case M_QUAD: fprintf(f, "%d", e->quad); break;
    case M_GOLDSTEIN: put_num(c, e->goldstein, "%.1f"); break;
    case M_PLOVER: put_str(c, e->plover); break;
    case M_MODE:
        put_str(c, (unsigned)e->mode < 4 ? ent_mode_name(e->mode) : NULL);
        break;
    case M_EVIDENCE: put_str(c, e->evidence); break;
    case M_PLACE_LINE:
    case M_PLACE_API:
        if (place)
            put_object(c, m == M_PLACE_LINE ? place_line_layout : place_api_layout);
        else
            fputs("null", f);
        break;
    /* the place's members: null without a place (the flat layout) */
    case M_PLACE_NAME: put_str(c, e->place); break;
    case M_PLACE_TEXT: put_str(c, place ? e->place_text : NULL); break;
    case M_PLACE_COUNTRY: put_str(c, place ? e->place_country : NULL); break;
    case M_PLACE_ADMIN1: put_str(c, e->place_admin1); break;
    case M_PLACE_LAT4: put_num(c, e->lat, "%.4f"); break;
    case M_PLACE_LON4: put_num(c, e->lon, "%.4f"); break;
    case M_PLACE_LAT5: put_num(c, e->lat, "%.5f"); break;
    case M_PLACE_LON5: put_num(c, e->lon, "%.5f"); break;
    case M_PLACE_SPAN:
        put_span(c, (r->have & ENT_HAVE_PLACE_SPAN) != 0, e->place_start, e->place_end);
        break;
    case M_PLACE_RULE: put_str(c, e->place_rule); break;
    case M_END: break;
    }
}

static void put_object(jctx *c, const entry *layout)
{
    fputc('{', c->f);
    for (const entry *x = layout; x->key; x++) {
        fprintf(c->f, "%s\"%s\":", x == layout ? "" : ",", x->key);
        put_member(c, x->m);
    }
    fputc('}', c->f);
}

void ent_write_event_json(FILE *f, const ent_event_rec *rec, ent_json_layout layout)
{
    jctx c = {f, layout == ENT_JSON_API ? api_actor_layout : actor_layout, rec,
              layout != ENT_JSON_LINE, NULL, 0};
    put_object(&c, layout == ENT_JSON_API ? api_layout
                   : layout == ENT_JSON_FLAT ? flat_layout : line_layout);
}

static void make_rec(ent_event_rec *r, const ent_doc *doc, const ent_result *res, int i);

void ent_write_jsonl(FILE *f, const ent_doc *doc, const ent_result *res)
{
    for (int i = 0; i < res->nevents; i++) {
        ent_event_rec r;
        make_rec(&r, doc, res, i);
        ent_write_event_json(f, &r, ENT_JSON_LINE);
        fputc('\n', f);
    }
}

/* ---- rows: TSV, CSV and GeoJSON properties from one column table ---- */

/* What one column holds, as text into buf (NULL: an empty field / null). */
typedef const char *(*col_fn)(const ent_event_rec *r, char *buf, size_t n);

#define STR_COL(fn, expr)                                                      \
    static const char *fn(const ent_event_rec *r, char *buf, size_t n)         \
    {                                                                          \
        (void)buf;                                                             \
        (void)n;                                                               \
        return (expr);                                                         \
    }
#define FMT_COL(fn, fmt, expr)                                                 \
    static const char *fn(const ent_event_rec *r, char *buf, size_t n)         \
    {                                                                          \
        snprintf(buf, n, fmt, expr);                                           \
        return buf;                                                            \
    }

static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

STR_COL(c_doc, r->doc)
FMT_COL(c_sentence, "%d", r->ev.sentence)
FMT_COL(c_start, "%zu", r->start)
FMT_COL(c_end, "%zu", r->end)
STR_COL(c_date, nonempty(r->ev.date))
STR_COL(c_source, r->ev.source.code)
STR_COL(c_source_text, r->ev.source.text)
STR_COL(c_target, r->ev.target.code)
STR_COL(c_target_text, r->ev.target.text)
STR_COL(c_code, r->ev.code)
STR_COL(c_root, r->ev.root)
FMT_COL(c_quad, "%d", r->ev.quad)
FMT_COL(c_goldstein, "%.1f", r->ev.goldstein)
STR_COL(c_plover, r->ev.plover)
STR_COL(c_mode, (unsigned)r->ev.mode < 4 ? ent_mode_name(r->ev.mode) : NULL)
STR_COL(c_text, r->text)
STR_COL(c_evidence, r->ev.evidence)
STR_COL(c_date_rule, r->ev.date[0] ? r->ev.date_rule : "none")
FMT_COL(c_scheduled, "%d", r->ev.scheduled)
STR_COL(c_place, r->ev.place)
STR_COL(c_place_country, r->ev.place ? nonempty(r->ev.place_country) : NULL)
STR_COL(c_place_admin1, r->ev.place ? nonempty(r->ev.place_admin1) : NULL)
static const char *c_lat(const ent_event_rec *r, char *buf, size_t n)
{
    if (!r->ev.place || !isfinite(r->ev.lat))
        return NULL;
    snprintf(buf, n, "%.4f", r->ev.lat);
    return buf;
}
static const char *c_lon(const ent_event_rec *r, char *buf, size_t n)
{
    if (!r->ev.place || !isfinite(r->ev.lon))
        return NULL;
    snprintf(buf, n, "%.4f", r->ev.lon);
    return buf;
}
STR_COL(c_event_id, r->event_id)
STR_COL(c_source_country, nonempty(r->ev.source.country))
STR_COL(c_source_agent, nonempty(r->ev.source.agent))
STR_COL(c_source_name, r->ev.source.name)
STR_COL(c_target_country, nonempty(r->ev.target.country))
STR_COL(c_target_agent, nonempty(r->ev.target.agent))
STR_COL(c_target_name, r->ev.target.name)
STR_COL(c_plover_type, nonempty(r->ev.plover) ? r->ev.plover : "none")
STR_COL(c_plover_mode, nonempty(r->ev.plover_mode))
STR_COL(c_plover_context, nonempty(r->ev.plover_context))
STR_COL(c_doc_date, nonempty(r->doc_date))
STR_COL(c_date_source, r->date_source)
STR_COL(c_doc_url, r->doc_url)
STR_COL(c_doc_source, r->doc_source)

/* The columns, in order: TSV's first 24 as they always were, then the
 * ones added since (docs/output.md). 'n': a number in GeoJSON. */
static const struct column {
    const char *name;
    col_fn get;
    char type;
} columns[] = {
    {"doc", c_doc, 's'}, {"sentence", c_sentence, 'n'}, {"start", c_start, 'n'},
    {"end", c_end, 'n'}, {"date", c_date, 's'}, {"source", c_source, 's'},
    {"source_text", c_source_text, 's'}, {"target", c_target, 's'},
    {"target_text", c_target_text, 's'}, {"code", c_code, 's'}, {"root", c_root, 's'},
    {"quad", c_quad, 'n'}, {"goldstein", c_goldstein, 'n'}, {"plover", c_plover, 's'},
    {"mode", c_mode, 's'}, {"text", c_text, 's'}, {"evidence", c_evidence, 's'},
    {"date_rule", c_date_rule, 's'}, {"scheduled", c_scheduled, 'n'},
    {"place", c_place, 's'}, {"place_country", c_place_country, 's'},
    {"place_admin1", c_place_admin1, 's'}, {"lat", c_lat, 'n'}, {"lon", c_lon, 'n'},
    {"event_id", c_event_id, 's'}, {"source_country", c_source_country, 's'},
    {"source_agent", c_source_agent, 's'}, {"source_name", c_source_name, 's'},
    {"target_country", c_target_country, 's'}, {"target_agent", c_target_agent, 's'},
    {"target_name", c_target_name, 's'}, {"plover_event_type", c_plover_type, 's'},
    {"plover_mode", c_plover_mode, 's'}, {"plover_context", c_plover_context, 's'},
    {"doc_date", c_doc_date, 's'}, {"date_source", c_date_source, 's'},
    {"doc_url", c_doc_url, 's'}, {"doc_source", c_doc_source, 's'},
    {NULL, NULL, 0}};

/* TSV: tabs, new lines, carriage returns and backslashes as \t \n \r \\ */
static void tsv_field(FILE *f, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\\': fputs("\\\\", f); break;
        default: fputc(*p, f);
        }
    }
}

/* CSV (RFC 4180): quoted when it holds a comma, quote, CR or LF */
static void csv_field(FILE *f, const char *s)
{
    s = s ? s : "";
    if (!s[strcspn(s, ",\"\r\n")]) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

typedef void (*field_fn)(FILE *f, const char *s);

static void header_row(FILE *f, field_fn put, char sep, const char *eol)
{
    for (const struct column *c = columns; c->name; c++) {
        if (c != columns)
            fputc(sep, f);
        put(f, c->name);
    }
    fputs(eol, f);
}

/* The record of event i of res, as the writers of rows see it. */
static void make_rec(ent_event_rec *r, const ent_doc *doc, const ent_result *res, int i)
{
    const ent_event *e = &res->events[i];
    const ent_sentence *s = &res->sentences[e->sentence];
    memset(r, 0, sizeof *r);
    r->ev = *e;
    r->doc = doc->id;
    r->text = s->text;
    r->start = s->start;
    r->end = s->end;
    r->have = ENT_HAVE_SPAN | ENT_HAVE_SOURCE_SPAN | ENT_HAVE_TARGET_SPAN | ENT_HAVE_PLACE_SPAN;
    r->doc_date = doc->date;
    r->date_source = doc->date_source ? doc->date_source : "none";
    r->doc_title = doc->title;
    r->doc_url = doc->url;
    r->doc_source = doc->source;
    ent_event_id(doc->id, e, r->event_id);
}

static void rows(FILE *f, const ent_doc *doc, const ent_result *res, field_fn put, char sep,
                 const char *eol)
{
    for (int i = 0; i < res->nevents; i++) {
        ent_event_rec r;
        make_rec(&r, doc, res, i);
        char buf[64];
        for (const struct column *c = columns; c->name; c++) {
            if (c != columns)
                fputc(sep, f);
            put(f, c->get(&r, buf, sizeof buf));
        }
        fputs(eol, f);
    }
}

void ent_write_tsv_header(FILE *f) { header_row(f, tsv_field, '\t', "\n"); }

void ent_write_tsv(FILE *f, const ent_doc *doc, const ent_result *res)
{
    rows(f, doc, res, tsv_field, '\t', "\n");
}

void ent_write_csv_header(FILE *f) { header_row(f, csv_field, ',', "\r\n"); }

void ent_write_csv(FILE *f, const ent_doc *doc, const ent_result *res)
{
    rows(f, doc, res, csv_field, ',', "\r\n");
}

void ent_write_geojson_head(FILE *f)
{
    fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f);
}

void ent_write_geojson_tail(FILE *f) { fputs("\n]}\n", f); }

void ent_write_geojson(FILE *f, const ent_doc *doc, const ent_result *res, long *n)
{
    for (int i = 0; i < res->nevents; i++) {
        const ent_event *e = &res->events[i];
        if (!e->place || !isfinite(e->lat) || !isfinite(e->lon))
            continue;
        ent_event_rec r;
        make_rec(&r, doc, res, i);
        fprintf(f, "%s{\"type\":\"Feature\",\"id\":\"%s\",\"geometry\":{\"type\":\"Point\","
                   "\"coordinates\":[%.5f,%.5f]},\"properties\":{",
                (*n)++ ? ",\n" : "", r.event_id, e->lon, e->lat);
        char buf[64];
        for (const struct column *c = columns; c->name; c++) {
            const char *v = c->get(&r, buf, sizeof buf);
            fprintf(f, "%s\"%s\":", c == columns ? "" : ",", c->name);
            if (!v)
                fputs("null", f);
            else if (c->type == 'n')
                fputs(v, f);
            else
                json_str(f, v);
        }
        fputs("}}", f);
    }
}

void ent_event_id(const char *doc_id, const ent_event *e, char out[17])
{
    char nums[128];
    int k = snprintf(nums, sizeof nums, "%d %zu %zu %zu %zu ", e->sentence, e->source.start,
                     e->source.end, e->target.start, e->target.end);
    uint64_t h = HASH_SEED;
    const char *id = doc_id ? doc_id : "";
    const char *code = e->code ? e->code : "";
    /* the parts joined by NUL bytes, so no two tuples give the same bytes */
    h = hash_bytes64(h, id, strlen(id) + 1);
    h = hash_bytes64(h, nums, (size_t)k);
    h = hash_bytes64(h, code, strlen(code));
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}
