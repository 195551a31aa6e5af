/*
 * parse.c - the coder's reading of a UD tree (see parse.h). A candidate
 * sentence's tokens become the words of a ud_sent (one word per token, the
 * token's bytes as its form), syn_annotate tags and parses it, and the
 * heads, relations, tags, features and lemmas are kept per token. The
 * relation readers below walk the tree by relation, never by token gaps.
 */
#include "code/parse.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

syn_model *parse_model_load(const char *path, char *err, size_t errlen)
{
    char why[256];
    syn_model *m = syn_model_load(path, why, sizeof why);
    if (!m)
        snprintf(err, errlen, "%s: %s", path, why);
    return m;
}

/* The tagger (trained on the English Web Treebank, where news verbs such
 * as "attacked", "shelled" or "bombed" are rare and mostly participles)
 * often tags a past tense as a past participle (VBN), and the parser then
 * reads "Russian forces attacked Syrian rebels." as a noun phrase with a
 * reduced relative. Two grammatical facts undo that, and the sentence is
 * parsed again with the corrected tags:
 *  - a participle with a direct object and no auxiliary is a past tense
 *    (an English passive takes no direct object: "were given X" has its
 *    auxiliary);
 *  - a sentence that ends like one (".", "!", "?") has a finite main
 *    clause: when its root has no finite verb, auxiliary or copula, its
 *    first participle without an auxiliary or a "by" agent is a past tense.
 * Only forms that can be a past tense are changed ("attacked", "held",
 * not "taken", "shown", "done", "begun", "drunk"). Returns how many words
 * were retagged. */
static int can_be_past(const char *f)
{
    size_t n = strlen(f);
    if (n < 3)
        return 0;
    char a = (char)(f[n - 2] | 0x20), b = (char)(f[n - 1] | 0x20);
    return !((b == 'n' && (a == 'e' || a == 'w' || a == 'u')) || (a == 'n' && b == 'e') ||
             (a == 'n' && b == 'k'));
}

static int is_fin(const ud_word *w)
{
    return strstr(w->feats, "VerbForm=Fin") &&
           (!strcmp(w->upos, "VERB") || !strcmp(w->upos, "AUX"));
}

/* verbs that need an object when active: "civilians killed in an attack"
 * without one is a headline's passive, not a past tense */
static const char *const object_verbs[] = {
    "kill", "wound", "injure", "hurt", "arrest", "detain", "abduct", "kidnap", "execute",
    "capture", "displace", "jail", "imprison", "sentence", "expel", "deport", "shoot",
    "behead", "torture", "target", "hit", "bomb", "shell", "besiege", NULL};

static int lemma_needs_object(const char *lemma)
{
    for (int k = 0; lemma && object_verbs[k]; k++)
        if (!strcasecmp(lemma, object_verbs[k]))
            return 1;
    return 0;
}

static int needs_object(const ud_word *w) { return lemma_needs_object(w->lemma); }

static int retag_participles(ud_sent *s)
{
    int n = s->n, changed = 0, root = -1;
    const char *last = s->w[n - 1].form;
    int terminal = !strcmp(last, ".") || !strcmp(last, "!") || !strcmp(last, "?");
    for (int i = 0; i < n; i++)
        if (s->w[i].head == 0)
            root = i;
    int finite_root = root >= 0 && is_fin(&s->w[root]);
    for (int i = 0; root >= 0 && i < n; i++)
        if (s->w[i].head == root + 1 && is_fin(&s->w[i]) &&
            (!strcmp(s->w[i].deprel, "aux") || !strcmp(s->w[i].deprel, "cop") ||
             !strcmp(s->w[i].deprel, "aux:pass")))
            finite_root = 1;
    int want_main = terminal && !finite_root;
    for (int v = 0; v < n; v++) {
        ud_word *w = &s->w[v];
        if (strcmp(w->xpos, "VBN") || strcmp(w->upos, "VERB") || !can_be_past(w->form))
            continue;
        int aux = 0, agent = 0, obj = 0, in = 0;
        for (int i = 0; i < n; i++) {
            if (s->w[i].head != v + 1)
                continue;
            const char *r = s->w[i].deprel;
            aux |= !strcmp(r, "aux") || !strcmp(r, "aux:pass") || !strcmp(r, "cop");
            agent |= !strcmp(r, "obl:agent");
            obj |= !strcmp(r, "obj");
            if (!strcmp(r, "obl")) {
                int cased = 0;
                for (int k = 0; k < n; k++)
                    if (s->w[k].head == i + 1 && !strcmp(s->w[k].deprel, "case")) {
                        cased = 1;
                        agent |= !strcasecmp(s->w[k].form, "by");
                        in |= !strcasecmp(s->w[k].form, "in") || !strcasecmp(s->w[k].form, "during");
                    }
                obj |= !cased && !strcmp(s->w[i].upos, "PROPN"); /* a name misread as obl */
            }
        }
        /* an article or a number right after it opens its object, whatever
         * the parse made of it ("jets killed twelve civilians in strikes") */
        if (v + 1 < n && (!strcmp(s->w[v + 1].upos, "DET") || !strcmp(s->w[v + 1].upos, "NUM")))
            obj = 1;
        /* a headline's "Ten civilians injured in attacks" stays passive:
         * without an object, the participle of a verb that needs one, with
         * an "in" phrase, is what happened to its subject */
        if (aux || agent || !(obj || (want_main && !(in && needs_object(w)))))
            continue;
        w->xpos = "VBD";
        w->feats = "Mood=Ind|Tense=Past|VerbForm=Fin";
        changed++;
        if (!obj)
            want_main = 0; /* one main verb */
    }
    return changed;
}

/* A name the tagger read as a function word is a proper noun (the
 * dictionaries know better than the tagger what "IS" is in "clashed with IS
 * near the border"). Returns how many words were retagged. */
static int retag_names(ud_sent *s, const unsigned char *name)
{
    static const char *const function_tags[] = {"AUX", "VERB", "PRON", "ADP", "SCONJ",
                                                "CCONJ", "PART", NULL};
    int changed = 0;
    for (int i = 0; name && i < s->n; i++) {
        ud_word *w = &s->w[i];
        if (name[i] == 2 && (!strcmp(w->upos, "ADJ") || !strcmp(w->upos, "VERB"))) {
            /* the head word of a role ("the Turkish military", "regime
             * forces") is a noun whatever the tagger guessed */
            size_t len = strlen(w->form);
            int plural = len > 3 && w->form[len - 1] == 's' && w->form[len - 2] != 's';
            w->upos = "NOUN";
            w->xpos = plural ? "NNS" : "NN";
            w->feats = plural ? "Number=Plur" : "Number=Sing";
            changed++;
            continue;
        }
        int k = 0;
        while (function_tags[k] && strcmp(w->upos, function_tags[k]))
            k++;
        if (name[i] != 1 || !function_tags[k])
            continue;
        w->upos = "PROPN";
        w->xpos = "NNP";
        w->feats = "Number=Sing";
        w->lemma = w->form;
        changed++;
    }
    return changed;
}

static int retag_names_fn(ud_sent *s, void *name)
{
    return retag_names(s, name);
}

/* "US airstrikes killed 21 civilians": a word ending in -s that the tagger
 * read as a verb (VBZ) between a name or modifier and a past verb is a
 * plural noun - English puts no past verb right after a present one.
 * Returns how many words were retagged. */
static int retag_plural_nouns(ud_sent *s)
{
    int changed = 0;
    for (int i = 1; i + 1 < s->n; i++) {
        ud_word *w = &s->w[i];
        const ud_word *prev = &s->w[i - 1], *next = &s->w[i + 1];
        size_t len = strlen(w->form);
        if (strcmp(w->xpos, "VBZ") || len < 4 || w->form[len - 1] != 's' ||
            (strcmp(next->xpos, "VBD") && strcmp(next->xpos, "VBN")) ||
            (strcmp(prev->upos, "PROPN") && strcmp(prev->upos, "ADJ") && strcmp(prev->upos, "NOUN")))
            continue;
        w->upos = "NOUN";
        w->xpos = "NNS";
        w->feats = "Number=Plur";
        changed++;
    }
    return changed;
}

/* "Turkey shot down a Russian jet" with "shot" read as a noun: the word
 * that opens a verb pattern of the dictionaries (name[i] == 3), read as
 * the root noun after a name and before a particle, an article or a
 * number, with no finite verb before it, is the sentence's verb. Returns
 * how many words were retagged. */
static int retag_pattern_verbs(ud_sent *s, const unsigned char *name)
{
    for (int i = 1; name && i + 1 < s->n; i++) {
        ud_word *w = &s->w[i];
        const char *next = s->w[i + 1].upos;
        if (is_fin(&s->w[i - 1]))
            return 0; /* a finite verb before it: the sentence has its verb */
        if (name[i] != 3 || strcmp(w->upos, "NOUN") || w->head != 0 ||
            strcmp(s->w[i - 1].upos, "PROPN") ||
            (strcmp(next, "DET") && strcmp(next, "ADP") && strcmp(next, "ADV") &&
             strcmp(next, "NUM") && strcmp(next, "PRON")))
            continue;
        size_t len = strlen(w->form);
        int s3 = len > 2 && w->form[len - 1] == 's' && w->form[len - 2] != 's';
        w->upos = "VERB";
        w->xpos = s3 ? "VBZ" : "VBD";
        w->feats = s3 ? "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
                      : "Mood=Ind|Tense=Past|VerbForm=Fin";
        return 1; /* one main verb */
    }
    return 0;
}

/* ENTENTE_TRACE_PARSE set: the tree the coder reads, after its retagging,
 * one line per sentence on standard error (word/UPOS>head:relation), for
 * reading errors by eye (docs/internals/coder.md). */
static void trace_parse(const ud_sent *s)
{
    flockfile(stderr);
    for (int i = 0; i < s->n; i++)
        fprintf(stderr, "%d/%s/%s>%d:%s%s", i + 1, s->w[i].form, s->w[i].upos, s->w[i].head,
                s->w[i].deprel, i + 1 < s->n ? " " : "\n");
    funlockfile(stderr);
}

/* A bare day between two words ("the rebels Sunday attacked", "Iran
 * yesterday accused", "the coalition reported Monday it had launched"):
 * an adverb of time the parser, trained on text that seldom has one there,
 * takes for a subject or a noun a clause hangs on. It is left out of what
 * the parser reads and hung as obl:unmarked on the word after it. Not
 * after a preposition or a determiner ("on Monday", "last Friday"), not
 * before "'s" or a capital ("Monday's vote", "Friday Iran"). */
static const char *const day_words[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday", "yesterday", "today", "tonight",
                                        "tomorrow", NULL};
static const char *const day_openers[] = {"on", "by", "until", "till", "since", "from", "to",
                                          "of", "for", "last", "next", "this", "that", "every",
                                          "each", "early", "late", "the", "a", "and", "or",
                                          "before", "after", "through", "between", NULL};

static int bare_day(const char *text, const seg_token *tok, int n, int i)
{
    if (i < 1 || i + 1 >= n || !seg_token_is(text, &tok[i], day_words) ||
        seg_token_is(text, &tok[i - 1], day_openers) || !(tok[i - 1].flags & SEG_WORD))
        return 0;
    char c = text[tok[i + 1].start];
    return (tok[i + 1].flags & SEG_WORD) && c >= 'a' && c <= 'z';
}

/* The words the parser reads: every token but the bare days; kept[k] is
 * the token of word k. Returns the number of words. */
static int parsed_tokens(const char *text, const seg_token *tok, int n, int *kept)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (!bare_day(text, tok, n, i))
            kept[k++] = i;
    return k;
}

static int fill_words(ud_sent *s, const char *text, const seg_token *tok, const int *kept,
                      int k, mem_arena *a)
{
    for (int j = 0; j < k; j++) {
        const seg_token *tk = &tok[kept[j]];
        ud_word *w = &s->w[j];
        memset(w, 0, sizeof *w);
        char *f = mem_arena_strndup(a, text + tk->start, tk->end - tk->start);
        if (!f)
            return -1;
        for (char *p = f; *p; p++)
            if ((unsigned char)*p < 0x20)
                *p = ' ';
        w->form = f;
        w->lemma = w->upos = w->xpos = w->feats = w->deprel = w->deps = w->misc = "_";
        w->head = -1;
        w->start = (long)tk->start;
        w->end = (long)tk->end;
    }
    s->n = k;
    return 0;
}

/* The tree over all n tokens from the parse of the kept words: a left-out
 * day hangs on the token after it. */
static void tree_from_words(const ud_sent *s, const int *kept, int n, const char *text,
                            const seg_token *tok, mem_arena *a, parse_tree *t)
{
    for (int i = 0; i < n; i++) {
        t->head[i] = i + 1 < n ? i + 1 : -1;
        t->rel[i] = "obl:unmarked";
        t->upos[i] = "PROPN";
        t->xpos[i] = "NNP";
        t->feats[i] = "Number=Sing";
        char *l = mem_arena_strndup(a, text + tok[i].start, tok[i].end - tok[i].start);
        t->lemma[i] = l ? l : "_";
    }
    for (int j = 0; j < s->n; j++) {
        const ud_word *w = &s->w[j];
        int i = kept[j];
        t->head[i] = w->head >= 1 && w->head <= s->n ? kept[w->head - 1] : -1;
        t->rel[i] = w->deprel ? w->deprel : "_";
        t->upos[i] = w->upos ? w->upos : "_";
        t->xpos[i] = w->xpos ? w->xpos : "_";
        t->feats[i] = w->feats ? w->feats : "_";
        t->lemma[i] = w->lemma ? w->lemma : "_";
    }
}

int parse_sentence(const syn_model *m, const char *text, const seg_token *tok, int n,
                   const unsigned char *name, mem_arena *a, parse_tree *t)
{
    memset(t, 0, sizeof *t);
    t->ntok = n;
    if (!m || n < 1)
        return 0;
    ud_sent s;
    memset(&s, 0, sizeof s);
    int *kept = mem_arena_alloc(a, sizeof *kept * (size_t)n);
    unsigned char *kname = mem_arena_alloc(a, (size_t)n + 1);
    s.w = mem_arena_alloc(a, sizeof *s.w * (size_t)n);
    t->head = mem_arena_alloc(a, sizeof *t->head * (size_t)n);
    const char **str = mem_arena_alloc(a, sizeof *str * (size_t)n * 5);
    if (!kept || !kname || !s.w || !t->head || !str)
        return -1;
    int k = parsed_tokens(text, tok, n, kept);
    if (fill_words(&s, text, tok, kept, k, a) < 0)
        return -1;
    for (int j = 0; j < k; j++)
        kname[j] = name ? name[kept[j]] : 0;
    const unsigned char *nm = name ? kname : NULL;
    /* the names retagged between tagging and parsing: they read no heads */
    if (syn_annotate_retag(m, &s, a, retag_names_fn, (void *)nm) < 0)
        return -1;
    if (retag_plural_nouns(&s) + retag_participles(&s) + retag_pattern_verbs(&s, nm) &&
        syn_annotate(m, &s, a, SYN_PARSE) < 0)
        return -1;
    t->rel = str;
    t->upos = str + n;
    t->xpos = str + 2 * n;
    t->feats = str + 3 * n;
    t->lemma = str + 4 * n;
    tree_from_words(&s, kept, n, text, tok, a, t);
    t->ok = 1;
    if (getenv("ENTENTE_TRACE_PARSE"))
        trace_parse(&s);
    return 0;
}

/* ---- relations ---- */

static int valid(const parse_tree *t, int i) { return t->ok && i >= 0 && i < t->ntok; }

static int is(const char *const *norm, int i, const char *w)
{
    return i >= 0 && !strcmp(norm[i], w);
}

/* 1 if token i's relation is r exactly. */
static int rel_is(const parse_tree *t, int i, const char *r)
{
    return valid(t, i) && !strcmp(t->rel[i], r);
}

/* 1 if token i's relation is r or a subtype of it ("nsubj" for
 * "nsubj:pass"). */
static int rel_base(const parse_tree *t, int i, const char *r)
{
    if (!valid(t, i))
        return 0;
    size_t n = strlen(r);
    return !strncmp(t->rel[i], r, n) && (t->rel[i][n] == 0 || t->rel[i][n] == ':');
}

/* 1 if the FEATS of token i hold the feature f ("Polarity=Neg"). */
static int has_feat(const parse_tree *t, int i, const char *f)
{
    if (!valid(t, i))
        return 0;
    size_t n = strlen(f);
    for (const char *p = t->feats[i]; p && *p;) {
        if (!strncmp(p, f, n) && (p[n] == 0 || p[n] == '|'))
            return 1;
        p = strchr(p, '|');
        if (p)
            p++;
    }
    return 0;
}

/* The first dependent of h with relation r (exactly), or -1. */
static int child(const parse_tree *t, int h, const char *r)
{
    for (int i = 0; valid(t, h) && i < t->ntok; i++)
        if (t->head[i] == h && !strcmp(t->rel[i], r))
            return i;
    return -1;
}

static int head_of(const parse_tree *t, int i) { return valid(t, i) ? t->head[i] : -1; }

/* The predicate a verb token stands for: an auxiliary or copula given as
 * the pattern's verb ("has", "was") stands for the word it hangs from. */
static int pred(const parse_tree *t, int v)
{
    if (rel_is(t, v, "aux") || rel_is(t, v, "aux:pass") || rel_is(t, v, "cop"))
        return head_of(t, v);
    return v;
}

static int is_relative_pronoun(const parse_tree *t, const char *const *norm, int i)
{
    return has_feat(t, i, "PronType=Rel") || is(norm, i, "which") || is(norm, i, "who") ||
           is(norm, i, "whom");
}

/* A relative pronoun resolved to the noun its clause modifies ("Iran,
 * which ..."); any other word is itself. */
static int resolve_noun(const parse_tree *t, const char *const *norm, int s)
{
    if (!valid(t, s) || !is_relative_pronoun(t, norm, s))
        return s;
    /* the pronoun's clause: the acl:relcl its head is, or one it sits in
     * through an xcomp or conj ("which Russia wants to bomb") */
    int h = head_of(t, s);
    for (int step = 0; valid(t, h) && step < 4; step++) {
        if (rel_is(t, h, "acl:relcl"))
            return head_of(t, h);
        if (!rel_is(t, h, "xcomp") && !rel_base(t, h, "conj"))
            break;
        h = head_of(t, h);
    }
    return -1; /* a pronoun whose clause the parse does not show */
}

static int finite(const parse_tree *t, int v)
{
    return has_feat(t, v, "VerbForm=Fin");
}

/* The nsubj or nsubj:pass of predicate p. A predicate has one subject;
 * when the parse gives it two (a greedy parser's slip: "bombed the rebels
 * near Idlib, Turkish officials said" with "rebels" under "said"), the one
 * nearest to it. */
static int subject_child(const parse_tree *t, int p)
{
    int best = -1;
    for (int i = 0; valid(t, p) && i < t->ntok; i++)
        if (t->head[i] == p && (rel_is(t, i, "nsubj") || rel_is(t, i, "nsubj:pass")) &&
            (best < 0 || abs(i - p) < abs(best - p)))
            best = i;
    return best;
}

static int subject_of(const parse_tree *t, const char *const *norm, int v)
{
    int p = pred(t, v);
    for (int depth = 0; valid(t, p) && depth < 8; depth++) {
        int s = subject_child(t, p);
        if (s >= 0)
            return resolve_noun(t, norm, s);
        int g = head_of(t, p);
        if (rel_is(t, p, "xcomp")) {
            /* object control ("allowed Turkey to bomb"), else subject
             * control ("wants to bomb") */
            int o = child(t, g, "obj");
            if (o < 0)
                o = child(t, g, "iobj");
            if (o >= 0)
                return resolve_noun(t, norm, o);
            p = g;
        } else if (rel_base(t, p, "conj")) {
            int verb = !strcmp(t->upos[p], "VERB");
            p = g; /* "condemned ... and accused" */
            /* "accused the regime of being behind the attack and fired
             * missiles": a verb the parse conjoins to a noun shares the
             * subject of the verb above that noun (a noun with a subject
             * is a predicate: "Iran is an ally and has extended") */
            for (int up = 0; verb && valid(t, p) && up < 4 && strcmp(t->upos[p], "VERB") &&
                             strcmp(t->upos[p], "AUX") && subject_child(t, p) < 0;
                 up++)
                p = head_of(t, p);
            if (!valid(t, p))
                break;
        } else if (rel_is(t, p, "acl") || (rel_is(t, p, "amod") && g >= 0 && g < p)) {
            return g; /* "civilians killed by", "militants attacking" */
        } else if (rel_is(t, p, "advcl") && !finite(t, p) && child(t, p, "mark") < 0 &&
                   child(t, p, "aux") < 0 && child(t, p, "aux:pass") < 0 &&
                   child(t, p, "cop") < 0) {
            /* "bombed Aleppo, killing civilians"; not through a clause
             * with its own auxiliary ("after Bangladesh was submerged,
             * killing 700 people" is no act of the main clause's subject) */
            p = g;
        } else {
            break;
        }
    }
    return -1;
}

int parse_subject(const parse_tree *t, const char *const *norm, int v)
{
    return valid(t, v) ? subject_of(t, norm, v) : -1;
}

int parse_other_subject(const parse_tree *t, const char *const *norm, int v, int first)
{
    int p = valid(t, v) ? pred(t, v) : -1;
    for (int i = 0; valid(t, p) && i < t->ntok; i++)
        if (t->head[i] == p && i != first && (rel_is(t, i, "nsubj") || rel_is(t, i, "nsubj:pass")))
            return resolve_noun(t, norm, i);
    return -1;
}

static int np_rel(const parse_tree *t, int i)
{
    static const char *const rels[] = {"compound", "amod", "det", "nmod:poss", "flat",
                                       "nummod", NULL};
    for (int k = 0; rels[k]; k++)
        if (rel_base(t, i, rels[k]))
            return 1;
    return 0;
}

int parse_left_dependents(const parse_tree *t, int head, int *out, int max)
{
    int n = 0;
    if (!valid(t, head) || max < 1)
        return 0;
    out[n++] = head;
    for (int i = 0; i < n; i++)
        for (int d = 0; d < out[i] && n < max; d++) {
            if (t->head[d] != out[i] || !np_rel(t, d))
                continue;
            int seen = 0;
            for (int j = 0; j < n; j++)
                seen |= out[j] == d;
            if (!seen)
                out[n++] = d;
        }
    return n;
}

static int chain_rel(const parse_tree *t, int i)
{
    return rel_is(t, i, "aux") || rel_is(t, i, "aux:pass") || rel_is(t, i, "cop") ||
           rel_is(t, i, "mark");
}

static int push(int *out, int n, int max, int w)
{
    for (int j = 0; j < n; j++)
        if (out[j] == w)
            return n;
    if (n < max)
        out[n++] = w;
    return n;
}

int parse_verb_chain(const parse_tree *t, int v, int *out, int max)
{
    int n = 0;
    if (!valid(t, v) || max < 1)
        return 0;
    out[n++] = v;
    int p = pred(t, v);
    for (int depth = 0; valid(t, p) && depth < 8; depth++) {
        n = push(out, n, max, p);
        for (int i = 0; i < t->ntok; i++)
            if (t->head[i] == p && chain_rel(t, i))
                n = push(out, n, max, i);
        if (rel_base(t, p, "conj") && !finite(t, p) && subject_child(t, p) < 0) {
            /* "will attack and occupy": the auxiliaries of the first
             * conjunct, not its negation ("did not attack X but bombed") */
            int hasaux = 0;
            for (int i = 0; i < t->ntok; i++)
                hasaux |= t->head[i] == p && (rel_is(t, i, "aux") || rel_is(t, i, "aux:pass"));
            int g = head_of(t, p);
            for (int i = 0; !hasaux && valid(t, g) && i < t->ntok; i++)
                if (t->head[i] == g && (rel_is(t, i, "aux") || rel_is(t, i, "aux:pass")))
                    n = push(out, n, max, i);
            break;
        }
        if (!rel_is(t, p, "xcomp"))
            break;
        p = head_of(t, p);
    }
    return n;
}

int parse_negator(const parse_tree *t, const char *const *norm, int w)
{
    for (int i = 0; valid(t, w) && i < t->ntok; i++) {
        if (t->head[i] != w || !rel_is(t, i, "advmod"))
            continue;
        if (has_feat(t, i, "Polarity=Neg") || has_feat(t, i, "PronType=Neg") ||
            is(norm, i, "not") || is(norm, i, "n't") || is(norm, i, "never"))
            return i;
        /* "will no longer hold talks" */
        if ((is(norm, i, "longer") || is(norm, i, "more")) && i > 0 && t->head[i - 1] == i &&
            is(norm, i - 1, "no"))
            return i - 1;
    }
    return -1;
}

int parse_object(const parse_tree *t, const char *const *norm, int v)
{
    int p = pred(t, v);
    if (!valid(t, p))
        return -1;
    int o = child(t, p, "obj");
    if (o < 0)
        o = child(t, p, "iobj");
    if (o >= 0)
        return resolve_noun(t, norm, o);
    /* an object relative without a pronoun: "the rebels Russia targeted" */
    if (rel_is(t, p, "acl:relcl")) {
        int s = child(t, p, "nsubj");
        if (s >= 0 && !is_relative_pronoun(t, norm, s))
            return head_of(t, p);
    }
    return -1;
}

static int shared_passive(const parse_tree *t, const char *const *norm, int p);

int parse_is_passive(const parse_tree *t, const char *const *norm, int v)
{
    int p = pred(t, v);
    if (!valid(t, p))
        return 0;
    if (child(t, p, "nsubj:pass") >= 0 || child(t, p, "aux:pass") >= 0)
        return 1;
    /* a participle read as an adjective after "be": "were wounded in" */
    if (child(t, p, "cop") >= 0 && (!strcmp(t->xpos[p], "VBN") || !strcmp(t->upos[p], "ADJ"))) {
        size_t n = strlen(norm[p]);
        if (n > 3 && !strcmp(norm[p] + n - 2, "ed"))
            return 1;
    }
    /* a reduced relative: "civilians killed by the army", also when the
     * participle is read as an adjective after its noun ("civilians
     * injured in attacks") */
    if (rel_is(t, p, "amod") && head_of(t, p) >= 0 && head_of(t, p) < p) {
        size_t n = strlen(norm[p]);
        return n > 3 && !strcmp(norm[p] + n - 2, "ed");
    }
    if (rel_is(t, p, "acl") && !strcmp(t->xpos[p], "VBN"))
        return 1;
    /* "which was created and backed by the Americans": a participle
     * coordinated with a passive, with no subject of its own */
    return shared_passive(t, norm, p) && parse_is_passive(t, norm, head_of(t, p));
}

/* 1 if predicate p is a participle coordinated ("and", "or", a comma) with
 * the verb before it and has no subject of its own: it shares that verb's
 * voice and agent. */
static int shared_passive(const parse_tree *t, const char *const *norm, int p)
{
    int cc = child(t, p, "cc"); /* "recognized as Azerbaijan's but controlled by" */
    /* (a past tense is a participle misread: "created and backed") */
    return rel_is(t, p, "conj") && (!strcmp(t->xpos[p], "VBN") || !strcmp(t->xpos[p], "VBD")) &&
           head_of(t, p) >= 0 &&
           head_of(t, p) < p && child(t, p, "nsubj") < 0 && child(t, p, "nsubj:pass") < 0 &&
           /* "has been viewed ... and has cooperated", "were called in and
            * arrested 13 people": a verb of its own */
           child(t, p, "aux") < 0 && child(t, p, "obj") < 0 &&
           (cc < 0 || is(norm, cc, "and") || is(norm, cc, "or"));
}

/* The agent of predicate p itself: obl:agent, or an obl with "by". */
static int own_by_agent(const parse_tree *t, const char *const *norm, int p)
{
    int a = child(t, p, "obl:agent");
    if (a >= 0)
        return a;
    for (int i = 0; i < t->ntok; i++)
        if (t->head[i] == p && rel_is(t, i, "obl")) {
            int c = child(t, i, "case");
            if (c >= 0 && is(norm, c, "by"))
                return i;
        }
    return -1;
}

int parse_by_agent(const parse_tree *t, const char *const *norm, int v)
{
    int p = pred(t, v);
    if (!valid(t, p))
        return -1;
    int a = own_by_agent(t, norm, p);
    /* coordinated participles share the agent: "created and backed by X"
     * (on the first), "attacked and killed by X" (on the last) */
    if (a < 0 && shared_passive(t, norm, p))
        a = own_by_agent(t, norm, head_of(t, p));
    for (int i = 0; a < 0 && i < t->ntok; i++)
        if (t->head[i] == p && shared_passive(t, norm, i))
            a = own_by_agent(t, norm, i);
    return a;
}

/* The obl of predicate v whose preposition is one of preps (lower case),
 * nearest first; -1 when there is none. */
int parse_obl_with(const parse_tree *t, const char *const *norm, int v,
                   const char *const *preps)
{
    int o;
    return parse_obls_with(t, norm, v, preps, &o, 1) ? o : -1;
}

/* Up to max such obls into out, nearest first; returns how many. */
int parse_obls_with(const parse_tree *t, const char *const *norm, int v,
                    const char *const *preps, int *out, int max)
{
    int p = pred(t, v), n = 0;
    for (int i = 0; valid(t, p) && i < t->ntok; i++) {
        if (t->head[i] != p || !rel_base(t, i, "obl"))
            continue;
        int c = child(t, i, "case"), hit = 0;
        for (int k = 0; c >= 0 && preps[k]; k++)
            hit |= is(norm, c, preps[k]);
        if (!hit)
            continue;
        /* insert by distance from p */
        int j = n < max ? n++ : max;
        while (j > 0 && abs(out[j - 1] - p) > abs(i - p)) {
            if (j < max)
                out[j] = out[j - 1];
            j--;
        }
        if (j < max)
            out[j] = i;
    }
    return n;
}

/* The nmod of noun h introduced by one of preps ("fighters of the
 * Islamic State", "militants from radical groups"), or -1. */
int parse_nmod_with(const parse_tree *t, const char *const *norm, int h,
                    const char *const *preps)
{
    for (int i = 0; valid(t, h) && i < t->ntok; i++) {
        if (t->head[i] != h || !rel_is(t, i, "nmod"))
            continue;
        int c = child(t, i, "case");
        for (int k = 0; c >= 0 && preps[k]; k++)
            if (is(norm, c, preps[k]))
                return i;
    }
    return -1;
}

/* The verb whose clause holds predicate v as an argument or adjunct
 * clause (advcl, acl, ccomp, xcomp), and in *mark its "of"/"to"/"that"
 * word if any; -1 at the top of the sentence. */
int parse_governor(const parse_tree *t, const char *const *norm, int v, int *mark)
{
    (void)norm;
    int p = pred(t, v);
    *mark = -1;
    if (!valid(t, p))
        return -1;
    if (!rel_is(t, p, "advcl") && !rel_is(t, p, "acl") && !rel_is(t, p, "ccomp") &&
        !rel_is(t, p, "xcomp"))
        return -1;
    *mark = child(t, p, "mark");
    return head_of(t, p);
}

int parse_headline_passive(const parse_tree *t, const char *const *norm, int v)
{
    static const char *const in[] = {"in", "during", "amid", "near", NULL};
    if (!valid(t, v) || strcmp(t->upos[v], "VERB") || !lemma_needs_object(t->lemma[v]))
        return 0;
    if (child(t, v, "obj") >= 0 || child(t, v, "iobj") >= 0 || child(t, v, "ccomp") >= 0 ||
        child(t, v, "xcomp") >= 0 || parse_by_agent(t, norm, v) >= 0)
        return 0;
    return subject_child(t, v) >= 0 && parse_obl_with(t, norm, v, in) >= 0;
}

int parse_case_is(const parse_tree *t, const char *const *norm, int h, const char *word)
{
    for (int i = 0; valid(t, h) && i < t->ntok; i++)
        if (t->head[i] == h && rel_is(t, i, "case") && is(norm, i, word))
            return 1;
    return 0;
}
