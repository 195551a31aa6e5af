/*
 * coder.c - ent_coder: dictionaries loaded once, then documents coded
 * sentence by sentence into an ent_result (sentences, actor mentions,
 * events). Sentences that repeat an earlier sentence of the same document
 * (pull quotes, repeated paragraphs) are kept but not coded again.
 */
#include "code/codeint.h"
#include "code/discourse.h"
#include "code/parse.h"
#include "text/text.h"
#include "context/when.h"
#include "context/where.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- the parser, loaded when first needed ---- */

/* The UD model (data/en.syntax in the coder's data folder) is mapped when
 * a sentence first needs a parse (or when ent_coder_set_parser asks for
 * it), once, under a lock: a coder is shared by the coding threads, and
 * the mapped model is read-only and thread-safe. A model that is missing
 * or corrupt is an error naming the file (code() then fails), never a
 * quiet fallback to the shallow rules. */
struct coder_parser {
    pthread_mutex_t lock;
    int tried;
    syn_model *m;
    char path[4096];
    char err[4352];
};

int coder_parser_start(ent_coder *c)
{
    if (c->parser)
        return 0;
    struct coder_parser *p = mem_calloc(1, sizeof *p);
    if (!p)
        return -1;
    pthread_mutex_init(&p->lock, NULL);
    snprintf(p->path, sizeof p->path, "%s/en.syntax", c->datadir ? c->datadir : "data");
    c->parser = p;
    return 0;
}

const syn_model *coder_engine(const ent_coder *c)
{
    struct coder_parser *p = c->parser;
    if (!p)
        return NULL;
    pthread_mutex_lock(&p->lock);
    if (!p->tried) {
        p->m = parse_model_load(p->path, p->err, sizeof p->err);
        p->tried = 1;
    }
    pthread_mutex_unlock(&p->lock);
    return p->m;
}

void coder_parser_stop(ent_coder *c)
{
    struct coder_parser *p = c->parser;
    if (!p)
        return;
    syn_model_free(p->m);
    pthread_mutex_destroy(&p->lock);
    mem_free(p);
    c->parser = NULL;
}

int ent_coder_set_parser(ent_coder *c, int on)
{
    if (!on) {
        coder_parser_stop(c);
        return 0;
    }
    if (coder_parser_start(c) < 0)
        return -1;
    return coder_engine(c) ? 0 : -1;
}

const char *ent_coder_parser(const ent_coder *c)
{
    const struct coder_parser *p = c->parser;
    return p && (!p->tried || p->m) ? "ud" : "none";
}

const char *ent_coder_parser_error(const ent_coder *c)
{
    const struct coder_parser *p = c->parser;
    if (!p)
        return "the parser is off";
    return p->tried && !p->m ? p->err : "";
}

typedef struct result_priv {
    mem_arena arena;
} result_priv;

const char *ent_strerror(ent_rc rc)
{
    switch (rc) {
    case ENT_OK: return "success";
    case ENT_ENOMEM: return "out of memory";
    case ENT_EIO: return "input/output error";
    case ENT_EFORMAT: return "unreadable input";
    case ENT_EDICT: return "dictionary error";
    case ENT_EDB: return "database error";
    case ENT_EUSAGE: return "invalid argument";
    case ENT_EOF: return "end of input";
    }
    return "unknown error";
}

const char *ent_mode_name(ent_mode m)
{
    switch (m) {
    case ENT_MODE_ASSERTED: return "asserted";
    case ENT_MODE_NEGATED: return "negated";
    case ENT_MODE_HYPOTHETICAL: return "hypothetical";
    case ENT_MODE_REPORTED: return "reported";
    }
    return "?";
}

ent_coder *ent_coder_new(const char *dir, ent_diag_fn diag, void *ud, int *nbad,
                         ent_rc *rc)
{
    ent_rc dummy;
    if (!rc)
        rc = &dummy;
    if (!dir) {
        *rc = ENT_EUSAGE;
        return NULL;
    }
    ent_coder *c = mem_calloc(1, sizeof *c);
    if (c) {
        c->dialect = &cod_dialect_entente;
        c->datadir = mem_strdup(dir);
    }
    if (!c || !c->datadir || coder_parser_start(c) < 0) {
        if (c)
            mem_free(c->datadir);
        mem_free(c);
        *rc = ENT_ENOMEM;
        return NULL;
    }
    c->d = dict_load(dir, diag, ud, nbad, rc);
    if (!c->d) {
        coder_parser_stop(c);
        mem_free(c->datadir);
        mem_free(c);
        return NULL;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/places.gen.tsv", dir);
    c->places = where_load_diag(path, diag, ud);
    if (nbad)
        *nbad += (int)where_skipped(c->places); /* skipped rows are skipped lines */
    c->disc = disc_lexicon_new(c->d);
    if (!c->disc) {
        ent_coder_free(c);
        *rc = ENT_ENOMEM;
        return NULL;
    }
    if (!c->places && diag)
        diag(ud, path, 0, "no gazetteer: events are not geocoded (run `make data`)");
    return c;
}

void ent_coder_free(ent_coder *c)
{
    if (!c)
        return;
    coder_parser_stop(c);
    mem_free(c->datadir);
    dict_free(c->d);
    where_free(c->places);
    disc_lexicon_free(c->disc);
    mem_free(c);
}

void ent_coder_stats(const ent_coder *c, ent_dict_stats *st) { dict_stats(c->d, st); }

void ent_result_free(ent_result *res)
{
    if (!res)
        return;
    result_priv *p = res->priv_;
    if (p) {
        mem_arena_free(&p->arena);
        mem_free(p);
    }
    mem_free(res);
}

/* "Russian jets bombed the town": an attack that hit no actor targets the
 * country where it happened (the coding guide: "jets struck targets in
 * Syria" -> SYR). Returns 1 when the event's place gave the target, 0 when
 * it has no place, -1 on OOM. */
static int place_target(mem_arena *A, ent_event *ev)
{
    if (!ev->place || !ev->place_country[0])
        return 0;
    char *code = mem_arena_strndup(A, ev->place_country, strlen(ev->place_country));
    char buf[1200];
    snprintf(buf, sizeof buf, "%s; target the place \"%s\" (%s): no actor hit", ev->evidence,
             ev->place_text, ev->place_country);
    char *evd = mem_arena_strndup(A, buf, strlen(buf));
    if (!code || !evd)
        return -1;
    ev->target.code = code;
    ev->target.name = NULL; /* (dict_split_code gives its country) */
    ev->target.text = ev->place_text;
    ev->target.start = ev->place_start;
    ev->target.end = ev->place_end;
    ev->evidence = evd;
    return 1;
}

static int ymd(const char *date)
{
    if (!date || strlen(date) < 10)
        return 0;
    return atoi(date) * 10000 + atoi(date + 5) * 100 + atoi(date + 8);
}

/* Folded key of a sentence for duplicate detection: its words only. */
static const char *sentence_key(mem_arena *a, const seg_doc *sd, const seg_sentence *st)
{
    size_t n = 0;
    for (int i = 0; i < st->ntok; i++)
        if (sd->toks[st->tok0 + i].flags & SEG_WORD)
            n += strlen(sd->toks[st->tok0 + i].norm) + 1;
    char *k = mem_arena_alloc(a, n + 1);
    if (!k)
        return NULL;
    size_t o = 0;
    for (int i = 0; i < st->ntok; i++) {
        const seg_token *t = &sd->toks[st->tok0 + i];
        if (!(t->flags & SEG_WORD))
            continue;
        size_t l = strlen(t->norm);
        memcpy(k + o, t->norm, l);
        o += l;
        k[o++] = ' ';
    }
    k[o] = 0;
    return k;
}

typedef struct growv {
    void *v;
    int n;
    size_t cap;
} growv;

static void *gv_push(growv *g, size_t size)
{
    if (mem_grow(&g->v, &g->cap, (size_t)g->n + 1, size, 16) < 0)
        return NULL;
    return (char *)g->v + size * (size_t)g->n++;
}

/* ---- coding a document: stages run from a table ---- */

/* What code() works on: the document, the vectors that become the
 * result, and the sentence being coded. The document stages (doc_stages)
 * fill it in order; the stage "sentences" runs the sentence stages
 * (sentence_stages) once per sentence over the same struct. What a
 * document has said so far (antecedents, countries in play) is the
 * disc_state of discourse.c. */
typedef struct code_ctx {
    const ent_coder *c;
    const char *text;        /* the document (PETRARCH: its copy, '_' as ' ') */
    size_t len;
    const char *date;        /* YYYY-MM-DD, or NULL */
    int docdate;             /* yyyymmdd; 0: unknown */
    ent_result *res;
    mem_arena *A;            /* the result's arena */
    mem_arena work;          /* the sentence's scratch, freed after it */
    mem_arena seen_arena;    /* keys and flags kept for the whole document */
    seg_doc sd;
    growv sents, ments, evs; /* ent_sentence, ent_mention, ent_event */
    disc_state disc;
    const char **seen;       /* hash set of the sentence keys seen so far */
    size_t nslots;           /* its size, a power of two */
    unsigned char *discard;  /* sentence -> 1: not coded; NULL: no discards */
    /* the sentence being coded */
    int si;
    const seg_sentence *st;
    cod_sentence s;
    int mbase, ebase;        /* its first mention in ments, event in evs */
    unsigned char *caps;     /* token -> capitalised and no actor: a place */
    /* the place of a wire story's header ("KHARTOUM, Sudan --"), for the
     * sentence after it: dl_si its segment, -1 none; dl_b0, dl_b1 its bytes */
    where_result dl;
    int dl_si;
    size_t dl_b0, dl_b1;
} code_ctx;

/* A stage returns 0 to go on and -1 on OOM; a sentence stage returns 1
 * when the sentence is not coded further (a duplicate, a discard). */
typedef struct code_stage {
    const char *name;
    int (*run)(code_ctx *x);
} code_stage;

/* PETRARCH writes "Dol_Amroth" for a name of two words: code a copy with
 * spaces, which keeps every byte offset. */
static int stage_underscores(code_ctx *x)
{
    if (!x->c->dialect->underscores_are_spaces || !memchr(x->text, '_', x->len))
        return 0;
    char *t = mem_arena_alloc(x->A, x->len + 1);
    if (!t)
        return -1;
    for (size_t i = 0; i < x->len; i++)
        t[i] = x->text[i] == '_' ? ' ' : x->text[i];
    t[x->len] = 0;
    x->text = t;
    return 0;
}

/* Sentences and tokens (segment.c), into the result's arena. */
static int stage_segment(code_ctx *x)
{
    return seg_split(x->A, x->text, x->len, &x->sd) == 0 ? 0 : -1;
}

/* An empty hash set of sentence keys, at most half full. */
static int stage_seen_set(code_ctx *x)
{
    x->nslots = 16;
    while (x->nslots < (size_t)x->sd.nsents * 2 + 2)
        x->nslots *= 2;
    x->seen = mem_arena_alloc(&x->seen_arena, sizeof *x->seen * x->nslots);
    if (!x->seen)
        return -1;
    memset(x->seen, 0, sizeof *x->seen * x->nslots);
    return 0;
}

/* Discard phrases (PETRARCH dictionaries): a story discard anywhere
 * leaves the whole document uncoded, a sentence discard its sentence. */
static int stage_discards(code_ctx *x)
{
    if (dict_ndiscards(x->c->d) <= 0)
        return 0;
    x->discard = mem_arena_alloc(&x->seen_arena, (size_t)x->sd.nsents + 1);
    if (!x->discard)
        return -1;
    int story_discard = 0;
    for (int si = 0; si < x->sd.nsents; si++) {
        const seg_sentence *st = &x->sd.sents[si];
        const char **nv = mem_arena_alloc(&x->seen_arena, sizeof *nv * ((size_t)st->ntok + 1));
        if (!nv)
            return -1;
        for (int i = 0; i < st->ntok; i++)
            nv[i] = x->sd.toks[st->tok0 + i].norm;
        int story = 0;
        x->discard[si] = (unsigned char)dict_discard_find(x->c->d, nv, st->ntok, &story);
        story_discard |= story;
    }
    if (story_discard)
        memset(x->discard, 1, (size_t)x->sd.nsents);
    return 0;
}

/* List the sentence in the result and look its folded words up in the
 * hash set: a repeat, or a sentence with a discard phrase, is listed but
 * not coded (returns 1). */
static int sstage_record(code_ctx *x)
{
    const seg_sentence *st = x->st;
    ent_sentence *es = gv_push(&x->sents, sizeof *es);
    if (!es)
        return -1;
    es->start = st->start;
    es->end = st->end;
    es->text = mem_arena_strndup(x->A, x->text + st->start, st->end - st->start);
    es->duplicate = 0;
    const char *key = sentence_key(&x->seen_arena, &x->sd, st);
    if (!es->text || !key)
        return -1;
    if (key[0]) {
        size_t h = 5381;
        for (const char *q = key; *q; q++)
            h = h * 33 + (unsigned char)*q;
        size_t j = h & (x->nslots - 1);
        while (x->seen[j] && strcmp(x->seen[j], key) != 0)
            j = (j + 1) & (x->nslots - 1);
        if (x->seen[j])
            es->duplicate = 1;
        else
            x->seen[j] = key;
    }
    return es->duplicate || (x->discard && x->discard[x->si]) ? 1 : 0;
}

/* Actors (actor.c) and events (event.c) of the sentence, in the scratch
 * arena, with the antecedents the document has given so far. */
static int sstage_analyse(code_ctx *x)
{
    cod_sentence *s = &x->s;
    memset(s, 0, sizeof *s);
    s->d = x->c->d;
    s->arena = &x->work;
    s->text = x->text;
    s->tok = x->sd.toks + x->st->tok0;
    s->n = x->st->ntok;
    s->date = x->docdate;
    s->dialect = x->c->dialect;
    s->require_dyad = x->c->require_dyad;
    disc_prime(&x->disc, s);
    s->coder = x->c;
    s->norm = mem_arena_alloc(&x->work, sizeof *s->norm * (size_t)(s->n + 1));
    if (!s->norm)
        return -1;
    for (int i = 0; i < s->n; i++)
        s->norm[i] = s->tok[i].norm;
    /* a tag list names the document's actors but states no event */
    if (actor_find(s) < 0 || (!x->st->tags && event_find(s) < 0))
        return -1;
    if (s->parse_tried) {
        if (s->parse_ok)
            x->res->nparsed++;
        else
            x->res->nshallow++;
    }
    return 0;
}

/* Copy the mentions into the result and note them in the discourse
 * state (antecedents, countries named). */
static int sstage_mentions(code_ctx *x)
{
    const cod_sentence *s = &x->s;
    x->mbase = x->ments.n;
    for (int i = 0; i < s->nm; i++) {
        const cod_mention *m = &s->m[i];
        ent_mention *em = gv_push(&x->ments, sizeof *em);
        if (!em)
            return -1;
        em->sentence = x->si;
        em->start = s->tok[m->t0].start;
        em->end = s->tok[m->t1 - 1].end;
        em->code = mem_arena_strndup(x->A, m->code, strlen(m->code));
        em->text = mem_arena_strndup(x->A, x->text + em->start, em->end - em->start);
        em->kind = mem_arena_strndup(x->A, m->kind, strlen(m->kind));
        em->entry = m->entry ? mem_arena_strndup(x->A, m->entry, strlen(m->entry)) : "";
        if (!em->code || !em->text || !em->kind || !em->entry)
            return -1;
    }
    return disc_note_mentions(&x->disc, x->c->disc, x->A, s,
                              (ent_mention *)x->ments.v + x->mbase) < 0 ? -1 : 0;
}

/* Which tokens can name the events' place: capitalised ones, but not an
 * actor ("Moscow opposed...") unless it is a place. */
static int sstage_place_caps(code_ctx *x)
{
    const cod_sentence *s = &x->s;
    x->caps = mem_arena_alloc(&x->work, (size_t)s->n + 1);
    if (!x->caps)
        return -1;
    for (int i = 0; i < s->n; i++) {
        int cp;
        text_decode(x->text + s->tok[i].start, s->tok[i].end - s->tok[i].start, &cp);
        x->caps[i] = text_is_upper(cp);
        if (s->mention_at[i] >= 0 && strcmp(s->m[s->mention_at[i]].kind, "place") != 0)
            x->caps[i] = 0;
    }
    return 0;
}

/* A wire story's header ("BAGHDAD (Reuters) -", segment.c): its place,
 * the place of the events of the next sentence that name none. */
static int sstage_dateline(code_ctx *x)
{
    const cod_sentence *s = &x->s;
    int nctx;
    const char *const *ctx = disc_context(&x->disc, &nctx);
    if (!x->st->wire || !x->c->places || s->n < 1 ||
        !where_find(x->c->places, s->norm, x->caps, s->n, -1, ctx, nctx, &x->dl))
        return 0;
    x->dl.rule = "dateline";
    x->dl_si = x->si;
    x->dl_b0 = s->tok[x->dl.t0].start;
    x->dl_b1 = s->tok[x->dl.t1 - 1].end;
    return 0;
}

/* a missing side (PETRARCH's require_dyad = false) is "---" */
static const ent_mention no_side = {0, "---", "", 0, 0, "none", ""};

/* The event's sides, its CAMEO row and its evidence. */
static int event_sides(code_ctx *x, const cod_event *e, ent_event *ev)
{
    const dict_cameo *cm = dict_cameo_at(x->c->d, e->cameo);
    const ent_mention *mv = (const ent_mention *)x->ments.v + x->mbase;
    const ent_mention *ms = e->src >= 0 ? &mv[e->src] : &no_side;
    const ent_mention *mt = e->tgt >= 0 ? &mv[e->tgt] : &no_side;
    ev->sentence = x->si;
    ev->source.code = ms->code;
    ev->source.text = ms->text;
    ev->source.start = ms->start;
    ev->source.end = ms->end;
    ev->target.code = mt->code;
    ev->target.text = mt->text;
    ev->target.start = mt->start;
    ev->target.end = mt->end;
    dict_describe_actor(x->c->d, ms->entry, &ev->source); /* name, country, agent */
    dict_describe_actor(x->c->d, mt->entry, &ev->target);
    ev->code = cm->code;
    ev->root = cm->root;
    ev->name = cm->name;
    ev->quad = cm->quad;
    ev->goldstein = cm->goldstein;
    ev->plover = cm->plover;
    ev->plover_mode = cm->plover_mode;
    ev->plover_context = cm->plover_context;
    ev->mode = e->mode;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s; source %s%s%s", e->evidence, ms->entry,
             e->at_place ? "" : "; target ", e->at_place ? "" : mt->entry);
    ev->evidence = mem_arena_strndup(x->A, buf, strlen(buf));
    return ev->evidence ? 0 : -1;
}

/* When (when.c): a date the sentence gives near the event's verb, else
 * the document's. An event dated after the document is scheduled, and
 * hypothetical (PETRARCH codes what is planned as done). A statement of
 * intent is dated by its document. */
static int event_when(code_ctx *x, const cod_event *e, ent_event *ev)
{
    const cod_sentence *s = &x->s;
    when_result w;
    snprintf(ev->date, sizeof ev->date, "%s", x->date ? x->date : "");
    ev->date_rule = "document";
    ev->date_text = "";
    ev->scheduled = 0;
    if (!x->docdate || e->intent || !when_resolve(s->norm, s->n, s->x[e->match].t0, x->docdate,
                                     e->mode == ENT_MODE_HYPOTHETICAL, &w) || !w.date)
        return 0;
    snprintf(ev->date, sizeof ev->date, "%04u-%02u-%02u", (unsigned)(w.date / 10000) % 10000u,
             (unsigned)(w.date / 100) % 100u, (unsigned)w.date % 100u);
    ev->date_rule = w.rule;
    size_t b0 = s->tok[w.t0].start, b1 = s->tok[w.t1 - 1].end;
    ev->date_text = mem_arena_strndup(x->A, x->text + b0, b1 - b0);
    if (w.date > x->docdate) {
        ev->scheduled = 1;
        if (x->c->dialect->future_is_hypothetical && (ev->mode == ENT_MODE_ASSERTED || ev->mode == ENT_MODE_REPORTED))
            ev->mode = ENT_MODE_HYPOTHETICAL;
    }
    return ev->date_text ? 0 : -1;
}

/* 1 if the sentence after a wire header names no country but the
 * header's: "TEHRAN - Indian police attacked a procession in Kashmir" is
 * no story of Iran's. */
static int dateline_fits(const code_ctx *x)
{
    const ent_mention *mv = (const ent_mention *)x->ments.v + x->mbase;
    for (int i = 0; i < x->s.nm; i++)
        if (x->c->disc && disc_is_country(x->c->disc, mv[i].code) &&
            strncmp(mv[i].code, x->dl.country, 3))
            return 0;
    return 1;
}

/* Where (where.c): the place nearest the event's verb, choosing among
 * places of one name by the countries in context. */
static int event_where(code_ctx *x, const cod_event *e, ent_event *ev)
{
    const cod_sentence *s = &x->s;
    ev->place = NULL;
    ev->place_text = "";
    ev->place_start = ev->place_end = 0;
    ev->place_country[0] = 0;
    ev->place_admin1 = "";
    ev->lat = ev->lon = 0;
    ev->place_rule = "";
    int nctx;
    const char *const *ctx = disc_context(&x->disc, &nctx);
    where_result pl;
    size_t b0, b1;
    if (x->c->places && where_find(x->c->places, s->norm, x->caps, s->n, s->x[e->match].t0,
                                   ctx, nctx, &pl)) {
        b0 = s->tok[pl.t0].start;
        b1 = s->tok[pl.t1 - 1].end;
    } else if (x->dl_si >= 0 && x->dl_si == x->si - 1 && dateline_fits(x)) {
        pl = x->dl; /* "BAGHDAD (Reuters) - Militants ...": where it was filed */
        b0 = x->dl_b0;
        b1 = x->dl_b1;
    } else {
        return 0;
    }
    ev->place = mem_arena_strndup(x->A, pl.name, strlen(pl.name));
    ev->place_text = mem_arena_strndup(x->A, x->text + b0, b1 - b0);
    ev->place_start = b0;
    ev->place_end = b1;
    memcpy(ev->place_country, pl.country, sizeof ev->place_country);
    ev->place_admin1 = mem_arena_strndup(x->A, pl.admin1, strlen(pl.admin1));
    ev->lat = pl.lat;
    ev->lon = pl.lon;
    ev->place_rule = pl.rule;
    return !ev->place || (ev->place_text && ev->place_admin1) ? 0 : -1;
}

/* The sentence's events into the result, each with its date and place;
 * an attack that hit no actor targets its place's country, and without
 * a place it is no event. */
static int sstage_events(code_ctx *x)
{
    x->ebase = x->evs.n;
    for (int i = 0; i < x->s.nev; i++) {
        const cod_event *e = &x->s.ev[i];
        ent_event *ev = gv_push(&x->evs, sizeof *ev);
        if (!ev || event_sides(x, e, ev) < 0 || event_when(x, e, ev) < 0 ||
            event_where(x, e, ev) < 0)
            return -1;
        if (e->at_place) {
            int r = place_target(x->A, ev);
            if (r < 0)
                return -1;
            if (r == 0)
                x->evs.n--; /* no place, no target: no event */
        }
    }
    return 0;
}

/* A country for the bare sides (discourse.c), now that the places are
 * known; PETRARCH mode gives none. */
static int sstage_countries(code_ctx *x)
{
    ent_event *ev = (ent_event *)x->evs.v + x->ebase;
    int n = x->evs.n - x->ebase;
    if (x->c->dialect->bare_actor_countries &&
        disc_assign(&x->disc, x->c->disc, x->A, ev, n) < 0)
        return -1;
    /* the split fields follow the codes a place or a country changed (two
     * actors may end with one code: rebels accusing the YPG, both SYRREB
     * in the coding guide; the event stays) */
    for (int i = 0; i < n; i++) {
        dict_split_code(x->c->d, &ev[i].source);
        dict_split_code(x->c->d, &ev[i].target);
    }
    return 0;
}

/* The stages of one sentence, in order. */
static const code_stage sentence_stages[] = {
    {"record", sstage_record},         /* list it; skip repeats and discards */
    {"analyse", sstage_analyse},       /* actors and events */
    {"mentions", sstage_mentions},     /* into the result; discourse notes them */
    {"place caps", sstage_place_caps}, /* which words can be a place */
    {"dateline", sstage_dateline},     /* a wire header's place, for the next */
    {"events", sstage_events},         /* into the result, with date and place */
    {"countries", sstage_countries},   /* a country for the bare sides */
};

/* Code every sentence: the sentence stages, then free its scratch. */
static int stage_sentences(code_ctx *x)
{
    for (x->si = 0; x->si < x->sd.nsents; x->si++) {
        x->st = &x->sd.sents[x->si];
        int r = 0;
        for (size_t k = 0; r == 0 && k < sizeof sentence_stages / sizeof *sentence_stages; k++)
            r = sentence_stages[k].run(x);
        mem_arena_free(&x->work);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* Move the vectors into the result's arena, so that one ent_result_free
 * releases everything. */
static int stage_collect(code_ctx *x)
{
    ent_result *res = x->res;
    int ns = x->sents.n, nm = x->ments.n, ne = x->evs.n;
    res->sentences = ns ? mem_arena_alloc(x->A, sizeof(ent_sentence) * (size_t)ns) : NULL;
    res->mentions = nm ? mem_arena_alloc(x->A, sizeof(ent_mention) * (size_t)nm) : NULL;
    res->events = ne ? mem_arena_alloc(x->A, sizeof(ent_event) * (size_t)ne) : NULL;
    if ((ns && !res->sentences) || (nm && !res->mentions) || (ne && !res->events))
        return -1;
    if (ns)
        memcpy(res->sentences, x->sents.v, sizeof(ent_sentence) * (size_t)ns);
    if (nm)
        memcpy(res->mentions, x->ments.v, sizeof(ent_mention) * (size_t)nm);
    if (ne)
        memcpy(res->events, x->evs.v, sizeof(ent_event) * (size_t)ne);
    res->nsentences = ns;
    res->nmentions = nm;
    res->nevents = ne;
    return 0;
}

/* The stages of a document, in order (docs/internals/coder.md). */
static const code_stage doc_stages[] = {
    {"underscores", stage_underscores}, /* PETRARCH: "Dol_Amroth" is two words */
    {"segment", stage_segment},         /* sentences and tokens */
    {"seen set", stage_seen_set},       /* for repeated sentences */
    {"discards", stage_discards},       /* PETRARCH discard phrases */
    {"sentences", stage_sentences},     /* sentence_stages, over each sentence */
    {"collect", stage_collect},         /* vectors into the result's arena */
};

/* Code one document: run doc_stages over a code_ctx. Returns NULL on OOM
 * (or when the parser's model cannot be loaded). */
static ent_result *code(const ent_coder *c, const char *text, size_t len,
                        const char *date)
{
    ent_result *res = mem_calloc(1, sizeof *res);
    result_priv *priv = mem_calloc(1, sizeof *priv);
    if (!res || !priv) {
        mem_free(res);
        mem_free(priv);
        return NULL;
    }
    res->priv_ = priv;
    code_ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.text = text;
    x.len = len;
    x.date = date;
    x.docdate = ymd(date);
    x.dl_si = -1;
    x.res = res;
    x.A = &priv->arena;
    disc_init(&x.disc);
    int r = 0;
    for (size_t k = 0; r == 0 && k < sizeof doc_stages / sizeof *doc_stages; k++)
        r = doc_stages[k].run(&x);
    mem_arena_free(&x.work);
    mem_arena_free(&x.seen_arena);
    mem_free(x.sents.v);
    mem_free(x.ments.v);
    mem_free(x.evs.v);
    if (r < 0) {
        ent_result_free(res);
        return NULL;
    }
    return res;
}

ent_result *ent_coder_code(const ent_coder *c, const ent_doc *doc)
{
    return code(c, doc->text ? doc->text : "", doc->len, doc->date);
}

ent_result *ent_coder_code_text(const ent_coder *c, const char *text, const char *date)
{
    return code(c, text, strlen(text), date);
}
