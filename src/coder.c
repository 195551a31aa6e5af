/*
 * coder.c - ent_coder: dictionaries loaded once, then documents coded
 * sentence by sentence into an ent_result (sentences, actor mentions,
 * events). Sentences that repeat an earlier sentence of the same document
 * (pull quotes, repeated paragraphs) are kept but not coded again.
 */
#include "codeint.h"
#include "discourse.h"
#include "parse.h"
#include "text.h"
#include "when.h"
#include "where.h"

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
    if (c)
        c->datadir = mem_strdup(dir);
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
    int n, cap;
} growv;

static void *gv_push(growv *g, size_t size)
{
    if (g->n == g->cap) {
        int cap = g->cap ? g->cap * 2 : 16;
        void *v = mem_realloc(g->v, size * (size_t)cap);
        if (!v)
            return NULL;
        g->v = v;
        g->cap = cap;
    }
    return (char *)g->v + size * (size_t)g->n++;
}

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
    mem_arena *A = &priv->arena;
    mem_arena work = {0};
    seg_doc sd;
    growv sents = {0}, ments = {0}, evs = {0};
    disc_state disc;
    disc_init(&disc);
    /* PETRARCH writes "Dol_Amroth" for a name of two words; the copy
     * keeps every byte offset */
    if (c->petrarch && memchr(text, '_', len)) {
        char *t = mem_arena_alloc(A, len + 1);
        if (!t) {
            ent_result_free(res);
            return NULL;
        }
        for (size_t i = 0; i < len; i++)
            t[i] = text[i] == '_' ? ' ' : text[i];
        t[len] = 0;
        text = t;
    }
    int ok = seg_split(A, text, len, &sd) == 0;
    /* hash set of the sentences seen so far, for duplicates */
    mem_arena seen_arena = {0};
    size_t nslots = 16;
    while (ok && nslots < (size_t)sd.nsents * 2 + 2)
        nslots *= 2;
    const char **seen = ok ? mem_arena_alloc(&seen_arena, sizeof *seen * nslots) : NULL;
    ok = ok && seen;
    if (seen)
        memset(seen, 0, sizeof *seen * nslots);
    /* discard phrases (PETRARCH dictionaries): a story discard anywhere
     * leaves the whole document uncoded, a sentence discard its sentence */
    unsigned char *discard = NULL;
    if (ok && dict_ndiscards(c->d) > 0) {
        discard = mem_arena_alloc(&seen_arena, (size_t)sd.nsents + 1);
        ok = discard != NULL;
        int story_discard = 0;
        for (int si = 0; ok && si < sd.nsents; si++) {
            const seg_sentence *st = &sd.sents[si];
            const char **nv = mem_arena_alloc(&seen_arena, sizeof *nv * ((size_t)st->ntok + 1));
            if (!nv) {
                ok = 0;
                break;
            }
            for (int i = 0; i < st->ntok; i++)
                nv[i] = sd.toks[st->tok0 + i].norm;
            int story = 0;
            discard[si] = (unsigned char)dict_discard_find(c->d, nv, st->ntok, &story);
            story_discard |= story;
        }
        if (ok && story_discard)
            memset(discard, 1, (size_t)sd.nsents);
    }
    for (int si = 0; ok && si < sd.nsents; si++) {
        const seg_sentence *st = &sd.sents[si];
        ent_sentence *es = gv_push(&sents, sizeof *es);
        if (!es) {
            ok = 0;
            break;
        }
        es->start = st->start;
        es->end = st->end;
        es->text = mem_arena_strndup(A, text + st->start, st->end - st->start);
        es->duplicate = 0;
        const char *key = sentence_key(&seen_arena, &sd, st);
        if (!es->text || !key) {
            ok = 0;
            break;
        }
        if (key[0]) {
            size_t h = 5381;
            for (const char *q = key; *q; q++)
                h = h * 33 + (unsigned char)*q;
            size_t j = h & (nslots - 1);
            while (seen[j] && strcmp(seen[j], key) != 0)
                j = (j + 1) & (nslots - 1);
            if (seen[j])
                es->duplicate = 1;
            else
                seen[j] = key;
        }
        if (es->duplicate || (discard && discard[si]))
            continue;

        cod_sentence s;
        memset(&s, 0, sizeof s);
        s.d = c->d;
        s.arena = &work;
        s.text = text;
        s.tok = sd.toks + st->tok0;
        s.n = st->ntok;
        s.date = ymd(date);
        s.petrarch = c->petrarch;
        s.require_dyad = c->require_dyad;
        disc_prime(&disc, &s);
        s.coder = c;
        s.norm = mem_arena_alloc(&work, sizeof *s.norm * (size_t)(s.n + 1));
        if (!s.norm) {
            ok = 0;
            break;
        }
        for (int i = 0; i < s.n; i++)
            s.norm[i] = s.tok[i].norm;
        if (actor_find(&s) < 0 || event_find(&s) < 0) {
            ok = 0;
            break;
        }
        if (s.parse_tried) {
            if (s.parse_ok)
                res->nparsed++;
            else
                res->nshallow++;
        }
        int mbase = ments.n;
        for (int i = 0; i < s.nm; i++) {
            const cod_mention *m = &s.m[i];
            ent_mention *em = gv_push(&ments, sizeof *em);
            if (!em) {
                ok = 0;
                break;
            }
            em->sentence = si;
            em->start = s.tok[m->t0].start;
            em->end = s.tok[m->t1 - 1].end;
            em->code = mem_arena_strndup(A, m->code, strlen(m->code));
            em->text = mem_arena_strndup(A, text + em->start, em->end - em->start);
            em->kind = mem_arena_strndup(A, m->kind, strlen(m->kind));
            em->entry = m->entry ? mem_arena_strndup(A, m->entry, strlen(m->entry)) : "";
            if (!em->code || !em->text || !em->kind || !em->entry)
                ok = 0;
        }
        if (ok && disc_note_mentions(&disc, c->disc, A, &s, (ent_mention *)ments.v + mbase) < 0)
            ok = 0;
        int nctx;
        const char *const *ctx = disc_context(&disc, &nctx);
        int ebase = evs.n;
        unsigned char *caps = mem_arena_alloc(&work, (size_t)s.n + 1);
        if (!caps) {
            ok = 0;
            break;
        }
        for (int i = 0; i < s.n; i++) {
            int cp;
            text_decode(text + s.tok[i].start, s.tok[i].end - s.tok[i].start, &cp);
            caps[i] = text_is_upper(cp);
            /* an actor ("Moscow opposed...") is not the event's place */
            if (s.mention_at[i] >= 0 && strcmp(s.m[s.mention_at[i]].kind, "place") != 0)
                caps[i] = 0;
        }
        for (int i = 0; ok && i < s.nev; i++) {
            const cod_event *e = &s.ev[i];
            const dict_cameo *cm = dict_cameo_at(c->d, e->cameo);
            ent_event *ev = gv_push(&evs, sizeof *ev);
            if (!ev) {
                ok = 0;
                break;
            }
            /* a missing side (PETRARCH's require_dyad = false) is "---" */
            static const ent_mention none = {0, "---", "", 0, 0, "none", ""};
            const ent_mention *ms = e->src >= 0 ? &((ent_mention *)ments.v)[mbase + e->src] : &none;
            const ent_mention *mt = e->tgt >= 0 ? &((ent_mention *)ments.v)[mbase + e->tgt] : &none;
            ev->sentence = si;
            ev->source.code = ms->code;
            ev->source.text = ms->text;
            ev->source.start = ms->start;
            ev->source.end = ms->end;
            ev->target.code = mt->code;
            ev->target.text = mt->text;
            ev->target.start = mt->start;
            ev->target.end = mt->end;
            ev->code = cm->code;
            ev->root = cm->root;
            ev->name = cm->name;
            ev->quad = cm->quad;
            ev->goldstein = cm->goldstein;
            ev->plover = cm->plover;
            ev->mode = e->mode;
            char buf[1024];
            snprintf(buf, sizeof buf, "%s; source %s%s%s", e->evidence, ms->entry,
                     e->at_place ? "" : "; target ", e->at_place ? "" : mt->entry);
            ev->evidence = mem_arena_strndup(A, buf, strlen(buf));
            if (!ev->evidence)
                ok = 0;
            /* when */
            int docdate = ymd(date);
            when_result w;
            int anchor = s.x[e->match].t0;
            snprintf(ev->date, sizeof ev->date, "%s", date ? date : "");
            ev->date_rule = "document";
            ev->date_text = "";
            ev->scheduled = 0;
            if (docdate && when_resolve(s.norm, s.n, anchor, docdate,
                                        e->mode == ENT_MODE_HYPOTHETICAL, &w) && w.date) {
                snprintf(ev->date, sizeof ev->date, "%04u-%02u-%02u",
                         (unsigned)(w.date / 10000) % 10000u, (unsigned)(w.date / 100) % 100u,
                         (unsigned)w.date % 100u);
                ev->date_rule = w.rule;
                size_t b0 = s.tok[w.t0].start, b1 = s.tok[w.t1 - 1].end;
                ev->date_text = mem_arena_strndup(A, text + b0, b1 - b0);
                if (w.date > docdate) {
                    ev->scheduled = 1;
                    /* PETRARCH codes what is planned as done */
                    if (!c->petrarch &&
                        (ev->mode == ENT_MODE_ASSERTED || ev->mode == ENT_MODE_REPORTED))
                        ev->mode = ENT_MODE_HYPOTHETICAL;
                }
            }
            /* where */
            where_result pl;
            ev->place = NULL;
            ev->place_text = "";
            ev->place_start = ev->place_end = 0;
            ev->place_country[0] = 0;
            ev->place_admin1 = "";
            ev->lat = ev->lon = 0;
            ev->place_rule = "";
            if (c->places &&
                where_find(c->places, s.norm, caps, s.n, anchor, ctx, nctx, &pl)) {
                ev->place = mem_arena_strndup(A, pl.name, strlen(pl.name));
                size_t b0 = s.tok[pl.t0].start, b1 = s.tok[pl.t1 - 1].end;
                ev->place_text = mem_arena_strndup(A, text + b0, b1 - b0);
                ev->place_start = b0;
                ev->place_end = b1;
                memcpy(ev->place_country, pl.country, sizeof ev->place_country);
                ev->place_admin1 = mem_arena_strndup(A, pl.admin1, strlen(pl.admin1));
                ev->lat = pl.lat;
                ev->lon = pl.lon;
                ev->place_rule = pl.rule;
            }
            if (!ev->date_text || (ev->place && (!ev->place_text || !ev->place_admin1)))
                ok = 0;
            if (ok && e->at_place) {
                int r = place_target(A, ev);
                if (r < 0)
                    ok = 0;
                else if (r == 0)
                    evs.n--; /* no place, no target: no event */
            }
        }
        /* a country for the bare sides, now that the places are known */
        if (ok && !c->petrarch &&
            disc_assign(&disc, c->disc, A, (ent_event *)evs.v + ebase, evs.n - ebase) < 0)
            ok = 0;
        mem_arena_free(&work);
    }
    mem_arena_free(&work);
    mem_arena_free(&seen_arena);
    /* move the vectors into the arena so one free releases everything */
    res->sentences = sents.n ? mem_arena_alloc(A, sizeof(ent_sentence) * (size_t)sents.n) : NULL;
    res->mentions = ments.n ? mem_arena_alloc(A, sizeof(ent_mention) * (size_t)ments.n) : NULL;
    res->events = evs.n ? mem_arena_alloc(A, sizeof(ent_event) * (size_t)evs.n) : NULL;
    if ((sents.n && !res->sentences) || (ments.n && !res->mentions) ||
        (evs.n && !res->events))
        ok = 0;
    if (ok) {
        if (sents.n)
            memcpy(res->sentences, sents.v, sizeof(ent_sentence) * (size_t)sents.n);
        if (ments.n)
            memcpy(res->mentions, ments.v, sizeof(ent_mention) * (size_t)ments.n);
        if (evs.n)
            memcpy(res->events, evs.v, sizeof(ent_event) * (size_t)evs.n);
        res->nsentences = sents.n;
        res->nmentions = ments.n;
        res->nevents = evs.n;
    }
    mem_free(sents.v);
    mem_free(ments.v);
    mem_free(evs.v);
    if (!ok) {
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
