/*
 * output.c - writing events: the one event-to-JSON writer
 * (ent_write_event_json), whose layouts are the JSON Lines record of
 * `entente code` (the stable contract of docs/event.schema.json), the
 * server's /api/events record and the report's; and TSV (columns in
 * docs/output.md; tabs, new lines and backslashes inside fields are
 * escaped as \t, \n and \\).
 */
#include "entente.h"

#include <math.h>
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
    M_END
} member;

typedef struct entry {
    const char *key;
    member m;
} entry;

static const entry line_layout[] = {
    {"doc", M_DOC}, {"sentence", M_SENTENCE}, {"span", M_SPAN}, {"text", M_TEXT},
    {"date", M_DATE}, {"date_rule", M_DATE_RULE}, {"date_text", M_DATE_TEXT},
    {"scheduled", M_SCHEDULED}, {"doc_date", M_DOC_DATE}, {"date_source", M_DATE_SOURCE},
    {"place", M_PLACE_LINE}, {"source", M_SOURCE}, {"target", M_TARGET}, {"code", M_CODE},
    {"root", M_ROOT}, {"name", M_NAME}, {"quad", M_QUAD}, {"goldstein", M_GOLDSTEIN},
    {"plover", M_PLOVER}, {"mode", M_MODE}, {"evidence", M_EVIDENCE}, {NULL, M_END}};

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

/* A date held in a char array: "" is missing. */
static void put_date(const jctx *c, const char *s)
{
    put_str(c, *s || !c->nulls ? s : NULL);
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
    case M_DATE_RULE: put_str(c, e->date_rule); break;
    case M_DATE_TEXT: put_str(c, e->date_text); break;
    case M_SCHEDULED: fputs(e->scheduled ? "true" : "false", f); break;
    case M_DOC_DATE: put_str(c, r->doc_date); break;
    case M_DATE_SOURCE: put_str(c, r->date_source); break;
    case M_DOC_TITLE: put_str(c, r->doc_title); break;
    case M_DOC_URL: put_str(c, r->doc_url); break;
    case M_DOC_SOURCE: put_str(c, r->doc_source); break;
    case M_SOURCE:
    case M_TARGET:
        c->actor = m == M_SOURCE ? &e->source : &e->target;
        c->actor_have = m == M_SOURCE ? ENT_HAVE_SOURCE_SPAN : ENT_HAVE_TARGET_SPAN;
        put_object(c, actor_layout);
        break;
    case M_ACTOR_CODE: put_str(c, c->actor->code); break;
    case M_ACTOR_TEXT: put_str(c, c->actor->text); break;
    case M_ACTOR_SPAN:
        put_span(c, (r->have & c->actor_have) != 0, c->actor->start, c->actor->end);
        break;
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
    jctx c = {f, rec, layout != ENT_JSON_LINE, NULL, 0};
    put_object(&c, layout == ENT_JSON_API ? api_layout
                   : layout == ENT_JSON_FLAT ? flat_layout : line_layout);
}

void ent_write_jsonl(FILE *f, const ent_doc *doc, const ent_result *res)
{
    for (int i = 0; i < res->nevents; i++) {
        const ent_event *e = &res->events[i];
        const ent_sentence *s = &res->sentences[e->sentence];
        ent_event_rec r;
        memset(&r, 0, sizeof r);
        r.ev = *e;
        r.doc = doc->id;
        r.text = s->text;
        r.start = s->start;
        r.end = s->end;
        r.have = ENT_HAVE_SPAN | ENT_HAVE_SOURCE_SPAN | ENT_HAVE_TARGET_SPAN | ENT_HAVE_PLACE_SPAN;
        r.doc_date = doc->date;
        r.date_source = doc->date_source ? doc->date_source : "none";
        r.doc_title = doc->title;
        r.doc_url = doc->url;
        r.doc_source = doc->source;
        ent_write_event_json(f, &r, ENT_JSON_LINE);
        fputc('\n', f);
    }
}

static void tsv_str(FILE *f, const char *s)
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

void ent_write_tsv_header(FILE *f)
{
    fputs("doc\tsentence\tstart\tend\tdate\tsource\tsource_text\ttarget\t"
          "target_text\tcode\troot\tquad\tgoldstein\tplover\tmode\ttext\t"
          "evidence\tdate_rule\tscheduled\tplace\tplace_country\tplace_admin1\t"
          "lat\tlon\n", f);
}

void ent_write_tsv(FILE *f, const ent_doc *doc, const ent_result *res)
{
    for (int i = 0; i < res->nevents; i++) {
        const ent_event *e = &res->events[i];
        const ent_sentence *s = &res->sentences[e->sentence];
        tsv_str(f, doc->id);
        fprintf(f, "\t%d\t%zu\t%zu\t", e->sentence, s->start, s->end);
        tsv_str(f, e->date);
        fputc('\t', f);
        tsv_str(f, e->source.code);
        fputc('\t', f);
        tsv_str(f, e->source.text);
        fputc('\t', f);
        tsv_str(f, e->target.code);
        fputc('\t', f);
        tsv_str(f, e->target.text);
        fputc('\t', f);
        tsv_str(f, e->code);
        fprintf(f, "\t%s\t%d\t%.1f\t", e->root, e->quad, e->goldstein);
        tsv_str(f, e->plover);
        fprintf(f, "\t%s\t", ent_mode_name(e->mode));
        tsv_str(f, s->text);
        fputc('\t', f);
        tsv_str(f, e->evidence);
        fputc('\t', f);
        tsv_str(f, e->date_rule);
        fprintf(f, "\t%d\t", e->scheduled);
        tsv_str(f, e->place ? e->place : "");
        fputc('\t', f);
        tsv_str(f, e->place_country);
        fputc('\t', f);
        tsv_str(f, e->place_admin1);
        if (e->place)
            fprintf(f, "\t%.4f\t%.4f\n", e->lat, e->lon);
        else
            fputs("\t\t\n", f);
    }
}
