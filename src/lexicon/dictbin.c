/*
 * dictbin.c - the compiled dictionaries (data/dict.gen.bin): what the text
 * loader of dict.c builds from the files of data/ (entries with their
 * provenance, verb patterns with every inflection spelled out, the hash
 * maps from folded phrases and word forms) written as fixed-size records
 * and one string table, so that loading is a read, a check of every offset and
 * index, and a pass that turns offsets into pointers: no tokenizing, no
 * inflecting, no hashing. The messages of the text load (bad lines) are
 * stored too and replayed, so a compiled load reports what a text load
 * would. Format and staleness rule: docs/internals/dict.md.
 */
#include "lexicon/dictint.h"
#include "base/hash.h"
#include "base/binfile.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const char dictbin_magic[8] = "ENTDICT";

#define NONE 0xffffffffu /* a null string */

enum {
    SEC_META, SEC_STR, SEC_ACTORS, SEC_ROLES, SEC_DEMONYMS, SEC_AGENTS, SEC_PATTERNS,
    SEC_ELEMS, SEC_FORMS, SEC_CAMEO, SEC_PHRASES, SEC_IRR, SEC_PREFIX, SEC_INTS,
    SEC_MAP_PHRASE, SEC_MAP_FIRST, SEC_MAP_PATTERN, SEC_MAP_CAMEO, SEC_MAP_LEMMA,
    SEC_MAP_FORM, SEC_MSGS, NSEC
};
enum { NMAPS = SEC_MAP_FORM - SEC_MAP_PHRASE + 1 };
_Static_assert(NMAPS == 6, "one map_cap per map");

/* The records. Strings are offsets into SEC_STR; a list is its first
 * index into another section and its length. dict_role and dict_phrase
 * are stored as they are in memory. */
typedef struct bin_meta {
    int32_t max_phrase_tok, nbad;
    uint32_t map_cap[6]; /* slots of each hash map (0 or a power of 2) */
} bin_meta;
typedef struct bin_actor {
    uint32_t role0, nroles, kind, name, where, line;
} bin_actor;
typedef struct bin_demonym {
    char code[8];
    int32_t plural, group;
    uint32_t where, line;
} bin_demonym;
typedef struct bin_agent {
    char code[8];
    int32_t solo, prefix;
    uint32_t where, line;
} bin_agent;
typedef struct bin_pattern {
    int32_t code, code2, sym, flags;
    uint32_t elem0, nelems, text, where;
} bin_pattern;
typedef struct bin_elem {
    int32_t kind;
    uint32_t form0, nforms;
} bin_elem;
typedef struct bin_cameo {
    double goldstein;
    char code[5], root[3];
    int32_t quad, extra;
    uint32_t name, plover, plover_mode, plover_context;
} bin_cameo;
typedef struct bin_slot {
    uint32_t pos, key, v0, n; /* a used slot of a hash map, at pos */
} bin_slot;
typedef struct bin_msg {
    uint32_t file, msg;
    int32_t line;
} bin_msg;

_Static_assert(sizeof(int) == 4 && sizeof(dict_role) == 24 && sizeof(dict_phrase) == 20 &&
                   sizeof(bin_meta) == 32 && sizeof(bin_actor) == 24 &&
                   sizeof(bin_demonym) == 24 && sizeof(bin_agent) == 24 &&
                   sizeof(bin_pattern) == 32 && sizeof(bin_elem) == 12 &&
                   sizeof(bin_cameo) == 40 && sizeof(bin_slot) == 16 && sizeof(bin_msg) == 12,
               "compiled records have no padding");

/* Record size of each section (1: bytes). */
static const size_t rec_size[NSEC] = {
    [SEC_META] = sizeof(bin_meta),       [SEC_STR] = 1,
    [SEC_ACTORS] = sizeof(bin_actor),    [SEC_ROLES] = sizeof(dict_role),
    [SEC_DEMONYMS] = sizeof(bin_demonym), [SEC_AGENTS] = sizeof(bin_agent),
    [SEC_PATTERNS] = sizeof(bin_pattern), [SEC_ELEMS] = sizeof(bin_elem),
    [SEC_FORMS] = 4,                      [SEC_CAMEO] = sizeof(bin_cameo),
    [SEC_PHRASES] = sizeof(dict_phrase),  [SEC_IRR] = 4,
    [SEC_PREFIX] = 4,                     [SEC_INTS] = 4,
    [SEC_MAP_PHRASE] = sizeof(bin_slot),  [SEC_MAP_FIRST] = sizeof(bin_slot),
    [SEC_MAP_PATTERN] = sizeof(bin_slot), [SEC_MAP_CAMEO] = sizeof(bin_slot),
    [SEC_MAP_LEMMA] = sizeof(bin_slot),   [SEC_MAP_FORM] = sizeof(bin_slot),
    [SEC_MSGS] = sizeof(bin_msg),
};

/* ---- writing ---- */

typedef struct writer {
    mem_buf sec[NSEC];
    hash_map seen; /* string table: string -> its offset */
    int oom;
} writer;

static void put(writer *w, int sec, const void *rec, size_t n)
{
    mem_buf_put(&w->sec[sec], rec, n);
    if (w->sec[sec].oom || w->sec[sec].toobig)
        w->oom = 1;
}

static void put_u32(writer *w, int sec, uint32_t v) { put(w, sec, &v, sizeof v); }

/* The offset of s in the string table, added once. */
static uint32_t intern(writer *w, const char *s)
{
    if (!s)
        return NONE;
    mem_buf *str = &w->sec[SEC_STR];
    if (str->len >= NONE - 1 - strlen(s) || str->len > 0x7fffffff) {
        w->oom = 1;
        return NONE;
    }
    int at = hash_map_put(&w->seen, s, (int)str->len);
    if (at < 0) {
        w->oom = 1;
        return NONE;
    }
    if ((size_t)at == str->len) /* new */
        put(w, SEC_STR, s, strlen(s) + 1);
    return (uint32_t)at;
}

static uint32_t count(const writer *w, int sec) { return (uint32_t)(w->sec[sec].len / rec_size[sec]); }

/* The used slots of a map, each at its place, so that the map is rebuilt
 * without hashing (and iterates in the same order). */
static void put_map(writer *w, int sec, const smap *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        bin_slot s = {(uint32_t)i, intern(w, m->keys[i]), count(w, SEC_INTS),
                      (uint32_t)m->vals[i].n};
        put(w, SEC_INTS, m->vals[i].v, sizeof(int) * (size_t)m->vals[i].n);
        put(w, sec, &s, sizeof s);
    }
}

int dictbin_write(const dict *d, const char *path, const binfile_source *src, int nsrc,
                  const dictbin_msg *msgs, int nmsgs, char *err, size_t errlen)
{
    if (d->discards.n) {
        snprintf(err, errlen, "discard phrases (PETRARCH) have no compiled form");
        return -1;
    }
    writer w;
    memset(&w, 0, sizeof w);
    for (int i = 0; i < NSEC; i++)
        mem_buf_init(&w.sec[i], (size_t)1 << 30);
    const smap *maps[NMAPS] = {&d->phrase_index, &d->first_index, &d->pattern_index,
                               &d->cameo_index, &d->irr_by_lemma, &d->irr_by_form};
    bin_meta meta = {d->max_phrase_tok, d->nbad, {0}};
    for (int i = 0; i < NMAPS; i++)
        meta.map_cap[i] = (uint32_t)maps[i]->cap;
    put(&w, SEC_META, &meta, sizeof meta);
    for (int i = 0; i < d->actors.n; i++) {
        const dict_actor *a = &d->actors.v[i];
        bin_actor r = {count(&w, SEC_ROLES), (uint32_t)a->nroles, (uint32_t)a->kind,
                       intern(&w, a->name), intern(&w, a->where), intern(&w, a->line)};
        put(&w, SEC_ROLES, a->roles, sizeof *a->roles * (size_t)a->nroles);
        put(&w, SEC_ACTORS, &r, sizeof r);
    }
    for (int i = 0; i < d->demonyms.n; i++) {
        const dict_demonym *x = &d->demonyms.v[i];
        bin_demonym r = {{0}, x->plural, x->group, intern(&w, x->where), intern(&w, x->line)};
        memcpy(r.code, x->code, sizeof r.code);
        put(&w, SEC_DEMONYMS, &r, sizeof r);
    }
    for (int i = 0; i < d->agents.n; i++) {
        const dict_agent *x = &d->agents.v[i];
        bin_agent r = {{0}, x->solo, x->prefix, intern(&w, x->where), intern(&w, x->line)};
        memcpy(r.code, x->code, sizeof r.code);
        put(&w, SEC_AGENTS, &r, sizeof r);
    }
    for (int i = 0; i < d->patterns.n; i++) {
        const dict_pattern *p = &d->patterns.v[i];
        bin_pattern r = {p->code, p->code2, p->sym, p->flags, count(&w, SEC_ELEMS), (uint32_t)p->nelems,
                         intern(&w, p->text), intern(&w, p->where)};
        for (int k = 0; k < p->nelems; k++) {
            const dict_elem *e = &p->elems[k];
            bin_elem re = {e->kind, count(&w, SEC_FORMS), (uint32_t)e->nforms};
            for (int f = 0; f < e->nforms; f++)
                put_u32(&w, SEC_FORMS, intern(&w, e->forms[f]));
            put(&w, SEC_ELEMS, &re, sizeof re);
        }
        put(&w, SEC_PATTERNS, &r, sizeof r);
    }
    for (int i = 0; i < d->cameo.n; i++) {
        const dict_cameo *c = &d->cameo.v[i];
        bin_cameo r = {c->goldstein, {0}, {0}, c->quad, c->extra, intern(&w, c->name),
                       intern(&w, c->plover), intern(&w, c->plover_mode ? c->plover_mode : ""),
                       intern(&w, c->plover_context ? c->plover_context : "")};
        memcpy(r.code, c->code, sizeof r.code);
        memcpy(r.root, c->root, sizeof r.root);
        put(&w, SEC_CAMEO, &r, sizeof r);
    }
    put(&w, SEC_PHRASES, d->phrases.v, sizeof *d->phrases.v * (size_t)d->phrases.n);
    for (int i = 0; i < d->irr_forms.n; i++)
        put_u32(&w, SEC_IRR, intern(&w, d->irr_forms.v[i]));
    put(&w, SEC_PREFIX, d->prefix_patterns.v, sizeof(int) * (size_t)d->prefix_patterns.n);
    for (int i = 0; i < NMAPS; i++)
        put_map(&w, SEC_MAP_PHRASE + i, maps[i]);
    for (int i = 0; i < nmsgs; i++) {
        bin_msg r = {intern(&w, msgs[i].file), intern(&w, msgs[i].msg), (int32_t)msgs[i].line};
        put(&w, SEC_MSGS, &r, sizeof r);
    }
    int rc = -1;
    if (w.oom) {
        snprintf(err, errlen, "out of memory");
    } else {
        binfile_section sec[NSEC];
        for (int i = 0; i < NSEC; i++)
            sec[i] = (binfile_section){w.sec[i].data, w.sec[i].len};
        rc = binfile_write(path, dictbin_magic, DICTBIN_VERSION, src, nsrc, sec, NSEC, err,
                           errlen);
    }
    for (int i = 0; i < NSEC; i++)
        mem_buf_free(&w.sec[i]);
    hash_map_free(&w.seen);
    return rc;
}

/* ---- reading ---- */

typedef struct reader {
    const void *sec[NSEC];
    size_t n[NSEC]; /* records */
    const char *str;
    size_t strlen;
    const char *why;
} reader;

static int fail(reader *r, const char *why)
{
    r->why = why;
    return -1;
}

/* The string at off, or NULL (and why set) if off is outside the table. */
static const char *str_at(reader *r, uint32_t off)
{
    if (off >= r->strlen) {
        r->why = "a string offset lies outside the string table";
        return NULL;
    }
    return r->str + off;
}

/* Is the list [first, first + n) inside a section of total records? */
static int list_ok(uint32_t first, uint32_t n, size_t total)
{
    return (uint64_t)first + n <= (uint64_t)total;
}

static int read_entries(reader *r, dict *d)
{
    dict_role *roles = (dict_role *)r->sec[SEC_ROLES];
    for (size_t i = 0; i < r->n[SEC_ROLES]; i++)
        if (roles[i].code[sizeof roles[i].code - 1])
            return fail(r, "an actor code is not terminated");
    const bin_actor *ba = r->sec[SEC_ACTORS];
    for (size_t i = 0; i < r->n[SEC_ACTORS]; i++) {
        dict_actor *a = &d->actors.v[i];
        if (!list_ok(ba[i].role0, ba[i].nroles, r->n[SEC_ROLES]) || ba[i].nroles > 1024 ||
            ba[i].kind >= KIND_NKINDS)
            return fail(r, "an actor refers outside the file");
        a->roles = roles + ba[i].role0;
        a->nroles = (int)ba[i].nroles;
        a->kind = (dict_kind)ba[i].kind;
        if (!(a->name = str_at(r, ba[i].name)) || !(a->where = str_at(r, ba[i].where)) ||
            !(a->line = str_at(r, ba[i].line)))
            return -1;
    }
    const bin_demonym *bd = r->sec[SEC_DEMONYMS];
    for (size_t i = 0; i < r->n[SEC_DEMONYMS]; i++) {
        dict_demonym *x = &d->demonyms.v[i];
        if (bd[i].code[sizeof bd[i].code - 1])
            return fail(r, "a demonym code is not terminated");
        memcpy(x->code, bd[i].code, sizeof x->code);
        x->plural = bd[i].plural;
        x->group = bd[i].group;
        if (!(x->where = str_at(r, bd[i].where)) || !(x->line = str_at(r, bd[i].line)))
            return -1;
    }
    const bin_agent *bg = r->sec[SEC_AGENTS];
    for (size_t i = 0; i < r->n[SEC_AGENTS]; i++) {
        dict_agent *x = &d->agents.v[i];
        if (bg[i].code[sizeof bg[i].code - 1])
            return fail(r, "an agent code is not terminated");
        memcpy(x->code, bg[i].code, sizeof x->code);
        x->solo = bg[i].solo;
        x->prefix = bg[i].prefix;
        if (!(x->where = str_at(r, bg[i].where)) || !(x->line = str_at(r, bg[i].line)))
            return -1;
    }
    const bin_cameo *bc = r->sec[SEC_CAMEO];
    for (size_t i = 0; i < r->n[SEC_CAMEO]; i++) {
        dict_cameo *c = &d->cameo.v[i];
        if (bc[i].code[sizeof bc[i].code - 1] || bc[i].root[sizeof bc[i].root - 1])
            return fail(r, "a CAMEO code is not terminated");
        memcpy(c->code, bc[i].code, sizeof c->code);
        memcpy(c->root, bc[i].root, sizeof c->root);
        c->goldstein = bc[i].goldstein;
        c->quad = bc[i].quad;
        c->extra = bc[i].extra;
        if (!(c->name = str_at(r, bc[i].name)) || !(c->plover = str_at(r, bc[i].plover)) ||
            !(c->plover_mode = str_at(r, bc[i].plover_mode)) ||
            !(c->plover_context = str_at(r, bc[i].plover_context)))
            return -1;
    }
    const dict_phrase *ph = r->sec[SEC_PHRASES];
    for (size_t i = 0; i < r->n[SEC_PHRASES]; i++) {
        size_t lim = ph[i].type == DICT_ACTOR ? r->n[SEC_ACTORS]
                     : ph[i].type == DICT_DEMONYM ? r->n[SEC_DEMONYMS]
                     : ph[i].type == DICT_AGENT ? r->n[SEC_AGENTS] : 0;
        if (ph[i].idx < 0 || (size_t)ph[i].idx >= lim || ph[i].ntok < 1)
            return fail(r, "a phrase refers outside the file");
        d->phrases.v[i] = ph[i];
    }
    const uint32_t *irr = r->sec[SEC_IRR];
    for (size_t i = 0; i < r->n[SEC_IRR]; i++)
        if (!(d->irr_forms.v[i] = str_at(r, irr[i])))
            return -1;
    return 0;
}

/* Patterns: their elements and word forms, in the dict's arena. */
static int read_patterns(reader *r, dict *d)
{
    size_t nforms = r->n[SEC_FORMS], nelems = r->n[SEC_ELEMS];
    const char **forms = mem_arena_alloc(&d->arena, sizeof *forms * (nforms ? nforms : 1));
    dict_elem *elems = mem_arena_alloc(&d->arena, sizeof *elems * (nelems ? nelems : 1));
    if (!forms || !elems)
        return fail(r, "out of memory");
    const uint32_t *bf = r->sec[SEC_FORMS];
    for (size_t i = 0; i < nforms; i++)
        if (!(forms[i] = str_at(r, bf[i])))
            return -1;
    const bin_elem *be = r->sec[SEC_ELEMS];
    for (size_t i = 0; i < nelems; i++) {
        if (be[i].kind < PAT_LIT || be[i].kind > PAT_SKIP ||
            !list_ok(be[i].form0, be[i].nforms, nforms) || be[i].nforms > 0x7fffffff)
            return fail(r, "a pattern element refers outside the file");
        elems[i].kind = be[i].kind;
        elems[i].nforms = (int)be[i].nforms;
        elems[i].forms = be[i].nforms ? forms + be[i].form0 : NULL;
    }
    const bin_pattern *bp = r->sec[SEC_PATTERNS];
    int ncameo = (int)r->n[SEC_CAMEO];
    for (size_t i = 0; i < r->n[SEC_PATTERNS]; i++) {
        dict_pattern *p = &d->patterns.v[i];
        if (bp[i].code < -1 || bp[i].code >= ncameo || bp[i].code2 < -1 ||
            bp[i].code2 >= ncameo || !list_ok(bp[i].elem0, bp[i].nelems, nelems) ||
            bp[i].nelems < 1 || bp[i].nelems > DICT_ELEM_MAX)
            return fail(r, "a pattern refers outside the file");
        if (bp[i].flags & ~(DICT_PAT_COMPOUND | DICT_PAT_SWAP | DICT_PAT_COMMENT | DICT_PAT_VERB |
                            DICT_PAT_TOPIC))
            return fail(r, "a pattern has unknown flags");
        p->code = bp[i].code;
        p->code2 = bp[i].code2;
        p->sym = bp[i].sym;
        p->flags = bp[i].flags;
        p->elems = elems + bp[i].elem0;
        p->nelems = (int)bp[i].nelems;
        if (!(p->text = str_at(r, bp[i].text)) || !(p->where = str_at(r, bp[i].where)))
            return -1;
        /* what the text loader guarantees and the matcher relies on */
        int sane = p->elems[0].kind != PAT_GAP && p->elems[0].kind != PAT_SLOT &&
                   p->elems[0].kind != PAT_SKIP && p->elems[p->nelems - 1].kind != PAT_GAP;
        for (int k = 0; sane && k < p->nelems; k++)
            if (p->elems[k].kind != PAT_GAP && p->elems[k].kind != PAT_SLOT &&
                p->elems[k].kind != PAT_SKIP &&
                (p->elems[k].nforms < 1 || !p->elems[k].forms[0][0]))
                sane = 0;
        if (!sane)
            return fail(r, "a pattern has no matchable words");
    }
    const int32_t *pre = r->sec[SEC_PREFIX];
    for (size_t i = 0; i < r->n[SEC_PREFIX]; i++) {
        if (pre[i] < 0 || (size_t)pre[i] >= r->n[SEC_PATTERNS])
            return fail(r, "a prefix pattern refers outside the file");
        d->prefix_patterns.v[i] = pre[i];
    }
    return 0;
}

/* One hash map of cap slots: keys point into the string table, value
 * lists are borrowed from SEC_INTS; every value must be below lim. */
static int read_map(reader *r, int sec, uint32_t cap, smap *m, size_t lim)
{
    size_t used = r->n[sec];
    if (!cap)
        return used ? fail(r, "a hash table without slots has keys") : 0;
    if (cap & (cap - 1) || used >= cap)
        return fail(r, "a hash table's size is not a power of 2 above its keys");
    /* a table grows from 1024 slots by doubling when half full: no larger,
     * so that memory stays in proportion to the file */
    if (cap > 1024 && cap / 4 > used + 1)
        return fail(r, "a hash table is larger than its keys need");
    m->keys = mem_calloc(cap, sizeof *m->keys);
    m->vals = mem_calloc(cap, sizeof *m->vals);
    if (!m->keys || !m->vals)
        return fail(r, "out of memory");
    m->cap = cap;
    const bin_slot *slot = r->sec[sec];
    int32_t *ints = (int32_t *)r->sec[SEC_INTS];
    for (size_t i = 0; i < used; i++) {
        uint32_t pos = slot[i].pos;
        if (pos >= cap || m->keys[pos])
            return fail(r, "a hash slot lies outside its table or twice in it");
        if (!(m->keys[pos] = str_at(r, slot[i].key)))
            return -1;
        if (!list_ok(slot[i].v0, slot[i].n, r->n[SEC_INTS]) || slot[i].n > 0x7fffffff)
            return fail(r, "a hash slot refers outside the file");
        for (uint32_t k = 0; k < slot[i].n; k++)
            if (ints[slot[i].v0 + k] < 0 || (size_t)ints[slot[i].v0 + k] >= lim)
                return fail(r, "a hash slot refers outside the file");
        m->vals[pos].v = slot[i].n ? ints + slot[i].v0 : NULL;
        m->vals[pos].n = (int)slot[i].n;
        m->vals[pos].cap = 0; /* borrowed */
        m->n++;
    }
    return 0;
}

/* An array of n records of size sz for a VEC (NULL if n is 0). */
static void *vec_alloc(size_t n, size_t sz, int *ok)
{
    if (!n)
        return NULL;
    void *v = mem_calloc(n, sz);
    if (!v)
        *ok = 0;
    return v;
}

dict *dictbin_read(void *block, const char *dir, ent_diag_fn diag, void *ud, char *err,
                   size_t errlen)
{
    reader r;
    memset(&r, 0, sizeof r);
    if (binfile_nsections(block) != NSEC) {
        snprintf(err, errlen, "wrong number of sections");
        mem_free(block);
        return NULL;
    }
    for (int i = 0; i < NSEC; i++) {
        size_t size;
        r.sec[i] = binfile_section_at(block, i, &size);
        if (size % rec_size[i] || size / rec_size[i] > 0x7fffffff) {
            snprintf(err, errlen, "section %d has a bad size", i);
            mem_free(block);
            return NULL;
        }
        r.n[i] = size / rec_size[i];
    }
    dict *d = dict_new(diag, ud);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        mem_free(block);
        return NULL;
    }
    d->block = block;
    r.str = r.sec[SEC_STR];
    r.strlen = r.n[SEC_STR];
    if (r.n[SEC_META] != 1 || (r.strlen && r.str[r.strlen - 1])) {
        snprintf(err, errlen, "corrupt header or string table");
        dict_free(d);
        return NULL;
    }
    const bin_meta *meta = r.sec[SEC_META];
    d->max_phrase_tok = meta->max_phrase_tok;
    d->nbad = meta->nbad < 0 ? 0 : meta->nbad;
    int ok = 1;
#define SIZE_VEC(vec, sec)                                                     \
    ((vec).v = vec_alloc(r.n[sec], sizeof *(vec).v, &ok),                      \
     (vec).n = (int)r.n[sec], (vec).cap = r.n[sec])
    SIZE_VEC(d->actors, SEC_ACTORS);
    SIZE_VEC(d->demonyms, SEC_DEMONYMS);
    SIZE_VEC(d->agents, SEC_AGENTS);
    SIZE_VEC(d->patterns, SEC_PATTERNS);
    SIZE_VEC(d->cameo, SEC_CAMEO);
    SIZE_VEC(d->phrases, SEC_PHRASES);
    SIZE_VEC(d->irr_forms, SEC_IRR);
    SIZE_VEC(d->prefix_patterns, SEC_PREFIX);
#undef SIZE_VEC
    if (!ok)
        r.why = "out of memory";
    smap *maps[NMAPS] = {&d->phrase_index, &d->first_index, &d->pattern_index,
                         &d->cameo_index, &d->irr_by_lemma, &d->irr_by_form};
    size_t lims[NMAPS] = {r.n[SEC_PHRASES], 0x7fffffff, r.n[SEC_PATTERNS], r.n[SEC_CAMEO],
                          r.n[SEC_IRR], r.n[SEC_IRR]};
    if (ok && read_entries(&r, d) == 0 && read_patterns(&r, d) == 0) {
        for (int i = 0; i < NMAPS && !r.why; i++)
            read_map(&r, SEC_MAP_PHRASE + i, meta->map_cap[i], maps[i], lims[i]);
    } else if (!r.why) {
        r.why = "corrupt entries";
    }
    const bin_msg *msg = r.sec[SEC_MSGS];
    for (size_t i = 0; i < r.n[SEC_MSGS] && !r.why; i++)
        if ((msg[i].file != NONE && !str_at(&r, msg[i].file)) || !str_at(&r, msg[i].msg))
            break;
    if (r.why) {
        snprintf(err, errlen, "%s", r.why);
        dict_free(d);
        return NULL;
    }
    /* the messages of the text load, as it would have given them */
    for (size_t i = 0; diag && i < r.n[SEC_MSGS]; i++) {
        char path[4096];
        const char *file = msg[i].file == NONE ? NULL : r.str + msg[i].file;
        if (file && dir)
            snprintf(path, sizeof path, "%s/%s", dir, file);
        diag(ud, file && dir ? path : file, msg[i].line, r.str + msg[i].msg);
    }
    return d;
}

dict *dict_load_compiled(const void *data, size_t len, const char *dir, ent_diag_fn diag,
                         void *ud, char *err, size_t errlen)
{
    void *block = binfile_check_copy(data, len, dictbin_magic, DICTBIN_VERSION, err, errlen);
    return block ? dictbin_read(block, dir, diag, ud, err, errlen) : NULL;
}

int dict_is_compiled(const dict *d) { return d && d->block; }
