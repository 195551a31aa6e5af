/*
 * syntax.c - the model in use: mapping a model file, checking each of its
 * sections before use, and annotating a sentence (tags, features, lemmas,
 * then the parse).
 */
#include "syntax/synint.h"

#include <stdlib.h>
#include <string.h>

typedef struct tabhdr {
    uint32_t nslots, nrows, nclass;
    float scale;
} tabhdr;

static int load_strs(const syn_file *f, uint32_t id, syn_strs *out, char *err, size_t errlen)
{
    size_t n;
    const char *p = syn_file_section(f, id, &n);
    if (!p || n == 0 || p[n - 1] != 0) {
        snprintf(err, errlen, "model: section %u (a string list) missing or unterminated", id);
        return -1;
    }
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == 0;
    if (k > SYN_MAXCLASS) {
        snprintf(err, errlen, "model: section %u has %d strings (at most %d)", id, k,
                 SYN_MAXCLASS);
        return -1;
    }
    out->s = mem_calloc((size_t)k, sizeof *out->s);
    if (!out->s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    out->n = k;
    for (int i = 0; i < k; i++) {
        out->s[i] = p;
        p += strlen(p) + 1;
    }
    return 0;
}

static int load_table(const syn_file *f, uint32_t hid, pc_table *t, char *err, size_t errlen)
{
    size_t nh, ns, nr;
    const tabhdr *h = syn_file_section(f, hid, &nh);
    const uint32_t *slots = syn_file_section(f, hid + 1, &ns);
    const uint32_t *rows = syn_file_section(f, hid + 2, &nr);
    if (!h || nh != sizeof *h || !slots || !rows || ns != (size_t)h->nslots * 8 ||
        nr != (size_t)h->nrows * 4) {
        snprintf(err, errlen, "model: weight table %u missing or of the wrong size", hid);
        return -1;
    }
    memset(t, 0, sizeof *t);
    t->slots = slots;
    t->nslots = h->nslots;
    t->rows = rows;
    t->nrows = h->nrows;
    t->nclass = h->nclass;
    t->scale = h->scale;
    char why[160];
    if (pc_table_check(t, why, sizeof why) || t->nclass > SYN_MAXCLASS) {
        snprintf(err, errlen, "model: weight table %u: %s", hid,
                 t->nclass > SYN_MAXCLASS ? "too many classes" : why);
        return -1;
    }
    return 0;
}

static int load_kv(const syn_file *f, uint32_t id, syn_kv *kv, uint32_t maxval, char *err,
                   size_t errlen)
{
    size_t n;
    kv->slots = syn_file_section(f, id, &n);
    kv->nslots = (uint32_t)(n / 12);
    char why[160];
    if (!kv->slots || n % 12 || n / 12 > UINT32_MAX || syn_kv_check(kv, maxval, why, sizeof why)) {
        snprintf(err, errlen, "model: key table %u: %s", id, kv->slots ? why : "missing");
        return -1;
    }
    return 0;
}

int syn_split_tags(syn_model *m)
{
    m->upos = mem_calloc((size_t)m->tags.n + 1, sizeof *m->upos);
    m->xpos = mem_calloc((size_t)m->tags.n + 1, sizeof *m->xpos);
    char *buf = mem_malloc(m->tags.n ? m->tags.n * 64u : 1);
    if (!m->upos || !m->xpos || !buf) {
        mem_free(buf);
        return -1;
    }
    m->own[0] = buf;
    m->upos_id = mem_calloc((size_t)m->tags.n + 1, sizeof *m->upos_id);
    if (!m->upos_id)
        return -1;
    for (int i = 0; i < m->tags.n; i++) {
        const char *t = m->tags.s[i], *tab = strchr(t, '\t');
        size_t u = tab ? (size_t)(tab - t) : strlen(t);
        if (u > 30)
            u = 30;
        char *p = buf + i * 64;
        memcpy(p, t, u);
        p[u] = 0;
        m->upos[i] = p;
        snprintf(p + 32, 32, "%s", tab ? tab + 1 : "_");
        m->xpos[i] = p + 32;
        m->upos_id[i] = i;
        for (int k = 0; k < i; k++)
            if (!strcmp(m->upos[k], m->upos[i])) {
                m->upos_id[i] = m->upos_id[k];
                break;
            }
    }
    return 0;
}

static int load_sections(syn_model *m, char *err, size_t errlen)
{
    size_t n;
    const syn_file *f = &m->file;
    m->info = syn_file_section(f, SEC_INFO, &n);
    if (!m->info || !n || m->info[n - 1]) {
        snprintf(err, errlen, "model: description missing");
        return -1;
    }
    m->pool = syn_file_section(f, SEC_POOL, &m->npool);
    if (!m->pool || !m->npool || m->pool[m->npool - 1]) {
        snprintf(err, errlen, "model: string pool missing or unterminated");
        return -1;
    }
    if (load_strs(f, SEC_TAGS, &m->tags, err, errlen) ||
        load_strs(f, SEC_LABELS, &m->labels, err, errlen) ||
        load_table(f, SEC_TAGTAB, &m->tagger, err, errlen) ||
        load_table(f, SEC_DEPTAB, &m->parser, err, errlen) ||
        load_table(f, SEC_TAG2TAB, &m->tagger2, err, errlen) ||
        load_kv(f, SEC_LEX, &m->lex, UINT32_MAX, err, errlen) ||
        load_kv(f, SEC_LEMMA, &m->lemma, (uint32_t)m->npool, err, errlen) ||
        load_kv(f, SEC_FEATS, &m->feats, (uint32_t)m->npool, err, errlen))
        return -1;
    /* the external lexicon is optional: older models have none */
    m->has_xlex = syn_file_section(f, SEC_XLEX, &n) != NULL;
    if (m->has_xlex && load_kv(f, SEC_XLEX, &m->xlex, UINT32_MAX, err, errlen))
        return -1;
    /* so are the word clusters */
    m->has_clus = syn_file_section(f, SEC_CLUS, &n) != NULL;
    if (m->has_clus && load_kv(f, SEC_CLUS, &m->clus, UINT32_MAX, err, errlen))
        return -1;
    if (m->tagger.nclass != (uint32_t)m->tags.n || m->tagger2.nclass != (uint32_t)m->tags.n ||
        m->parser.nclass != (uint32_t)syn_dep_nclass(m->labels.n)) {
        snprintf(err, errlen, "model: class counts do not match the tag and label lists");
        return -1;
    }
    const uint32_t *bw = syn_file_section(f, SEC_BEAM, &n);
    m->beam = 1; /* no section: a greedy model */
    if (bw && (n != sizeof *bw || *bw < 1 || *bw > SYN_MAXBEAM)) {
        snprintf(err, errlen, "model: bad beam width");
        return -1;
    }
    if (bw)
        m->beam = (int)*bw;
    m->root_label = -1;
    for (int i = 0; i < m->labels.n; i++)
        if (strcmp(m->labels.s[i], "root") == 0)
            m->root_label = i;
    if (m->root_label < 0 || m->tags.n == 0) {
        snprintf(err, errlen, "model: no \"root\" label or no tags");
        return -1;
    }
    if (syn_split_tags(m) || syn_finite_tags(m)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

static syn_model *finish_load(syn_model *m, char *err, size_t errlen)
{
    if (load_sections(m, err, errlen)) {
        syn_model_free(m);
        return NULL;
    }
    return m;
}

syn_model *syn_model_load(const char *path, char *err, size_t errlen)
{
    syn_model *m = mem_calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (syn_file_open(path, &m->file, err, errlen)) {
        mem_free(m);
        return NULL;
    }
    char why[200];
    if (load_sections(m, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", path, why);
        syn_model_free(m);
        return NULL;
    }
    return m;
}

syn_model *syn_model_from_bytes(const void *buf, size_t len, char *err, size_t errlen)
{
    syn_model *m = mem_calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (syn_file_from_bytes(buf, len, &m->file, err, errlen)) {
        mem_free(m);
        return NULL;
    }
    return finish_load(m, err, errlen);
}

void syn_model_free(syn_model *m)
{
    if (!m)
        return;
    syn_file_close(&m->file);
    /* tables built by the trainer own their memory; mapped ones do not */
    pc_table_free(&m->tagger);
    pc_table_free(&m->tagger2);
    pc_table_free(&m->parser);
    mem_free(m->tags.s);
    mem_free(m->labels.s);
    mem_free(m->upos);
    mem_free(m->xpos);
    mem_free(m->upos_id);
    mem_free(m->fin);
    for (int i = 0; i < 8; i++)
        mem_free(m->own[i]);
    mem_free(m);
}

const char *syn_model_info(const syn_model *m)
{
    return m->info;
}

static int tag_id(const syn_model *m, const ud_word *w)
{
    for (int i = 0; i < m->tags.n; i++)
        if (strcmp(m->upos[i], w->upos) == 0 && strcmp(m->xpos[i], w->xpos) == 0)
            return i;
    for (int i = 0; i < m->tags.n; i++)
        if (strcmp(m->upos[i], w->upos) == 0)
            return i;
    return 0;
}

/* The tagger's tags of w into s's words, with their features and
 * lemmas. 0, or -1 on out of memory. */
static int put_tags(const syn_model *m, ud_sent *s, const syn_w *w, mem_arena *a)
{
    for (int i = 0; i < s->n; i++) {
        ud_word *x = &s->w[i];
        x->upos = m->upos[w[i].tag];
        x->xpos = m->xpos[w[i].tag];
        x->feats = syn_feats(m, x->form, w[i].tag);
        x->lemma = syn_lemma(m, x->form, w[i].tag, a);
        if (!x->lemma)
            return -1;
    }
    return 0;
}

/* Parse w (tagged) into s's heads and relations; head has 2 * s->n ints. */
static int put_parse(const syn_model *m, ud_sent *s, const syn_w *w, int *head)
{
    int *label = head + s->n;
    int rc = m->beam > 1 ? syn_beam_parse(m, w, s->n, m->beam, head, label)
                         : syn_parse_sentence(m, w, s->n, head, label);
    for (int i = 0; i < s->n && rc == 0; i++) {
        s->w[i].head = head[i];
        s->w[i].deprel = m->labels.s[label[i]];
    }
    return rc;
}

/* The two steps of annotation with an optional retagging between them
 * (syn_annotate_retag): the words' atoms from their forms, then the tags
 * (the tagger's, or those already in s), then the parse. */
static int annotate(const syn_model *m, ud_sent *s, mem_arena *a, unsigned what,
                    syn_retag_fn retag, void *arg)
{
    if (s->n == 0)
        return 0;
    syn_w *w = mem_malloc(sizeof *w * (size_t)s->n);
    int *head = mem_malloc(sizeof *head * (size_t)s->n * 2);
    if (!w || !head) {
        mem_free(w);
        mem_free(head);
        return -1;
    }
    int rc = 0;
    syn_prepare(m, s, w);
    if (what & SYN_TAG) {
        syn_tag_sentence(m, w, s->n);
        rc = put_tags(m, s, w, a);
    }
    /* the atoms come from the forms alone: retagged words need only
     * their tags read back, as a parse of s's own tags reads them */
    if (!(what & SYN_TAG) || (rc == 0 && retag && retag(s, arg) > 0))
        for (int i = 0; i < s->n; i++)
            syn_set_tag(m, &w[i], tag_id(m, &s->w[i]));
    if (rc == 0 && (what & SYN_PARSE))
        rc = put_parse(m, s, w, head);
    mem_free(w);
    mem_free(head);
    return rc;
}

int syn_annotate(const syn_model *m, ud_sent *s, mem_arena *a, unsigned what)
{
    return annotate(m, s, a, what, NULL, NULL);
}

int syn_annotate_retag(const syn_model *m, ud_sent *s, mem_arena *a, syn_retag_fn retag,
                       void *arg)
{
    return annotate(m, s, a, SYN_TAG | SYN_PARSE, retag, arg);
}
