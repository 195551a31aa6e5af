/*
 * test_dict.c - dictionary loading (dict.c): every bad line is reported as
 * file:line and skipped; dated roles pick the code for the document date;
 * verb lemmas are inflected; phrases match longest first. The compiled
 * form (dictbin.c) loads the real dictionaries into the same entries,
 * indexes, matches and provenance as the text files, replays their
 * messages, is passed over when stale and refused with a message when
 * corrupt.
 */
#include "base/binfile.h"
#include "lexicon/dict.h"
#include "lexicon/dictint.h" /* dictbin_write: a round trip of patterns only loaders make */
#include "testing.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char msgs[4096];
static void diag(void *ud, const char *file, long line, const char *msg)
{
    (void)ud;
    char one[600];
    snprintf(one, sizeof one, "%s:%ld: %s\n", file, line, msg);
    strncat(msgs, one, sizeof msgs - strlen(msgs) - 1);
}

static dict *D;

static int has_form(mem_arena *a, const char *lemma, const char *form)
{
    const char **f;
    int n = dict_inflect(D, a, lemma, &f);
    for (int i = 0; i < n; i++)
        if (!strcmp(f[i], form))
            return 1;
    return 0;
}

/* ---- compiled and text loads give the same dictionary ---- */

static int same_str(const char *a, const char *b)
{
    return a && b ? !strcmp(a, b) : a == b;
}

/* Every phrase key with its entries, in index order, as one string. */
static void collect_phrase(void *ud, const char *key, const dict_phrase *ph, int n)
{
    mem_buf *b = ud;
    mem_buf_printf(b, "%s:", key);
    for (int i = 0; i < n; i++)
        mem_buf_printf(b, " %d/%d/%d/%d/%x", ph[i].type, ph[i].idx, ph[i].ntok, ph[i].acronym,
                       ph[i].capmask);
    mem_buf_putc(b, '\n');
}

/* Matches of every phrase key (split into tokens, each with the case
 * flags capflags) and every pattern form, as one string: what the coder
 * asks of a dictionary. */
static void collect_matches(const dict *d, const char *keys, unsigned char capflags,
                            mem_buf *out)
{
    char *copy = mem_strdup(keys);
    char *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *colon = strrchr(line, ':');
        if (colon)
            *colon = 0;
        const char *norms[64];
        unsigned char caps[64];
        int n = 0;
        char *s2 = NULL;
        for (char *t = strtok_r(line, " ", &s2); t && n < 64; t = strtok_r(NULL, " ", &s2)) {
            caps[n] = capflags;
            norms[n++] = t;
        }
        for (int i = 0; i < n; i++) {
            dict_phrase ph[8];
            int nph;
            int len = dict_match_phrase(d, norms, caps, n, i, ph, 8, &nph);
            mem_buf_printf(out, "%d %d:", len, nph);
            for (int k = 0; k < nph; k++)
                mem_buf_printf(out, " %d/%d", ph[k].type, ph[k].idx);
            int np;
            const int *pi = dict_patterns_for(d, norms[i], &np);
            mem_buf_printf(out, " |");
            for (int k = 0; k < np; k++)
                mem_buf_printf(out, " %d", pi[k]);
            mem_buf_printf(out, " %d\n", dict_is_participle(d, norms[i]));
        }
    }
    mem_free(copy);
}

/* 1 if a and b hold the same entries, provenance, patterns and indexes
 * (big: the real dictionaries, whose index and matches are large). */
static int same_dict(const dict *a, const dict *b, int big)
{
    int bad = 0;
    ent_dict_stats sa, sb;
    dict_stats(a, &sa);
    dict_stats(b, &sb);
    CHECK(memcmp(&sa, &sb, sizeof sa) == 0);
    CHECK_INT(dict_nbad(a), dict_nbad(b));
    if (memcmp(&sa, &sb, sizeof sa))
        return 0;
    for (int i = 0; i < sa.actors; i++) {
        const dict_actor *x = dict_actor_at(a, i), *y = dict_actor_at(b, i);
        bad += x->kind != y->kind || x->nroles != y->nroles || !same_str(x->name, y->name) ||
               !same_str(x->where, y->where) || !same_str(x->line, y->line);
        for (int r = 0; r < x->nroles && r < y->nroles; r++)
            bad += strcmp(x->roles[r].code, y->roles[r].code) != 0 ||
                   x->roles[r].from != y->roles[r].from || x->roles[r].to != y->roles[r].to;
    }
    for (int i = 0; i < sa.demonyms; i++) {
        const dict_demonym *x = dict_demonym_at(a, i), *y = dict_demonym_at(b, i);
        bad += strcmp(x->code, y->code) != 0 || x->plural != y->plural || x->group != y->group ||
               !same_str(x->where, y->where) || !same_str(x->line, y->line);
    }
    for (int i = 0; i < sa.agents; i++) {
        const dict_agent *x = dict_agent_at(a, i), *y = dict_agent_at(b, i);
        bad += strcmp(x->code, y->code) != 0 || x->solo != y->solo || x->prefix != y->prefix ||
               !same_str(x->where, y->where) || !same_str(x->line, y->line);
    }
    for (int i = 0; i < sa.cameo_codes; i++) {
        const dict_cameo *x = dict_cameo_at(a, i), *y = dict_cameo_at(b, i);
        bad += strcmp(x->code, y->code) != 0 || strcmp(x->root, y->root) != 0 ||
               !same_str(x->name, y->name) || x->quad != y->quad ||
               x->goldstein != y->goldstein || !same_str(x->plover, y->plover) ||
               x->extra != y->extra || dict_cameo_find(b, x->code) != i;
    }
    for (int i = 0; i < sa.verb_patterns; i++) {
        const dict_pattern *x = dict_pattern_at(a, i), *y = dict_pattern_at(b, i);
        bad += x->code != y->code || x->code2 != y->code2 || x->sym != y->sym ||
               x->flags != y->flags || x->nelems != y->nelems || !same_str(x->text, y->text) ||
               !same_str(x->where, y->where);
        for (int e = 0; e < x->nelems && e < y->nelems; e++) {
            const dict_elem *ex = &x->elems[e], *ey = &y->elems[e];
            bad += ex->kind != ey->kind || ex->nforms != ey->nforms;
            for (int f = 0; f < ex->nforms && f < ey->nforms; f++)
                bad += strcmp(ex->forms[f], ey->forms[f]) != 0;
        }
    }
    int na, nb;
    const int *pa = dict_prefix_patterns(a, &na), *pb = dict_prefix_patterns(b, &nb);
    bad += na != nb || (na && memcmp(pa, pb, sizeof *pa * (size_t)na));
    CHECK_INT(bad, 0);
    /* the phrase index, in the same order, and every look-up */
    mem_buf ka, kb, ma, mb;
    mem_buf_init(&ka, 64u << 20);
    mem_buf_init(&kb, 64u << 20);
    mem_buf_init(&ma, 256u << 20);
    mem_buf_init(&mb, 256u << 20);
    dict_each_phrase(a, collect_phrase, &ka);
    dict_each_phrase(b, collect_phrase, &kb);
    size_t least = big ? 10000 : 1;
    CHECK(ka.len >= least && ka.len == kb.len && !memcmp(ka.data, kb.data, ka.len));
    /* in capitals, capitalised (quoted names) and lower case (acronyms and
     * quoted names refused) */
    static const unsigned char capflags[] = {DICT_CAPS_ALL, DICT_CAPS_ALL | DICT_CAPS_INITIAL,
                                             DICT_CAPS_INITIAL, 0};
    for (size_t i = 0; i < sizeof capflags; i++) {
        collect_matches(a, ka.data, capflags[i], &ma);
        collect_matches(b, ka.data, capflags[i], &mb);
    }
    CHECK(ma.len >= least && ma.len == mb.len && !memcmp(ma.data, mb.data, ma.len));
    /* inflections use the irregular forms */
    mem_arena ar = {0};
    const char *lemmas[] = {"meet", "strike", "withdraw", "bomb", "hold", "say", "fight"};
    for (size_t i = 0; i < sizeof lemmas / sizeof *lemmas; i++) {
        const char **fa, **fb;
        int n1 = dict_inflect(a, &ar, lemmas[i], &fa), n2 = dict_inflect(b, &ar, lemmas[i], &fb);
        int same = n1 == n2;
        for (int k = 0; same && k < n1; k++)
            same = !strcmp(fa[k], fb[k]);
        CHECK(same);
    }
    mem_arena_free(&ar);
    int ok = !bad && ka.len == kb.len && ma.len == mb.len;
    mem_buf_free(&ka);
    mem_buf_free(&kb);
    mem_buf_free(&ma);
    mem_buf_free(&mb);
    return ok;
}

/* How many entries carry the fields added in format version 2. */
typedef struct fields {
    int groups, plain;     /* demonyms naming a group, a country */
    int quoted, unquoted;  /* phrases with a capmask, without */
    int flags;             /* the pattern flags, or-ed */
} fields;

static void count_capmask(void *ud, const char *key, const dict_phrase *ph, int n)
{
    fields *f = ud;
    (void)key;
    for (int i = 0; i < n; i++)
        *(ph[i].capmask ? &f->quoted : &f->unquoted) += 1;
}

static fields count_fields(const dict *d)
{
    fields f = {0, 0, 0, 0, 0};
    ent_dict_stats st;
    dict_stats(d, &st);
    for (int i = 0; i < st.demonyms; i++)
        *(dict_demonym_at(d, i)->group ? &f.groups : &f.plain) += 1;
    for (int i = 0; i < dict_npatterns(d); i++)
        f.flags |= dict_pattern_at(d, i)->flags;
    dict_each_phrase(d, count_capmask, &f);
    return f;
}

/* issue 14: dictionaries fail loudly - a missing source file (generated
 * ones too), an empty one, or one with far fewer entries than lines is an
 * error naming the file, not a smaller dictionary. dir holds a good set. */
static void write_file(const char *path, const char *text);

static void test_loud(const char *dir)
{
    char path[4200], save[4200];
    int nbad;
    ent_rc rc;
    snprintf(path, sizeof path, "%s/countries.gen.txt", dir);
    snprintf(save, sizeof save, "%s/countries.gen.txt.save", dir);
    CHECK_INT(rename(path, save), 0);
    msgs[0] = 0;
    dict *d = dict_load(dir, diag, NULL, &nbad, &rc);
    CHECK(d == NULL && rc == ENT_EDICT);
    CHECK(strstr(msgs, "countries.gen.txt:0: error: cannot read dictionary") != NULL);
    dict_free(d);
    CHECK_INT(rename(save, path), 0);

    snprintf(path, sizeof path, "%s/verbs.txt", dir);
    write_file(path, "# only a comment\n\n");
    msgs[0] = 0;
    d = dict_load(dir, diag, NULL, &nbad, &rc);
    CHECK(d == NULL && rc == ENT_EDICT);
    CHECK(strstr(msgs, "verbs.txt:0: error: no entries") != NULL);
    dict_free(d);

    write_file(path, "040 | meet+\nzork\nzork zork\n999 | a+\n");
    msgs[0] = 0;
    d = dict_load(dir, diag, NULL, &nbad, &rc);
    CHECK(d == NULL && rc == ENT_EDICT);
    CHECK(strstr(msgs, "verbs.txt:0: error: only 1 of its 4 lines loaded") != NULL);
    dict_free(d);

    write_file(path, "040 sym | meet+\n040 | talk+ with\nzork\n");
    d = dict_load(dir, diag, NULL, &nbad, &rc);
    /* one bad line of three: loaded, counted (with actors.txt's one) */
    CHECK(d != NULL && nbad == 2);
    dict_free(d);
    write_file(path, "040 sym | meet+\n");
}

/* Patterns only the PETRARCH loader makes (flags, a reverse code, a null
 * code) survive a round trip, as do group demonyms and quoted names; a
 * flag the matcher does not know is refused. */
static void test_flags(const char *dir)
{
    int nbad;
    ent_rc rc;
    char why[256] = "";
    dict *text = dict_load_text(dir, NULL, NULL, &nbad, &rc);
    CHECK(text != NULL);
    if (!text)
        return;
    int c = dict_cameo_find(text, "040");
    CHECK_INT(dict_add_pattern(text, c, -1, DICT_PAT_COMPOUND, "meet+ with", "t.verbs", 1), 0);
    CHECK_INT(dict_add_pattern(text, c, c, DICT_PAT_SWAP, "visit+ $", "t.verbs", 2), 0);
    CHECK_INT(dict_add_pattern(text, -1, -1, DICT_PAT_COMPOUND | DICT_PAT_SWAP, "host+ .. in",
                               "t.verbs", 3), 0);
    char bin[512];
    snprintf(bin, sizeof bin, "%s/flags.bin", dir);
    CHECK_INT(dictbin_write(text, bin, NULL, 0, NULL, 0, why, sizeof why), 0);
    size_t len = 0;
    char *bytes = mem_read_file(bin, 1u << 20, &len);
    dict *comp = bytes ? dict_load_compiled(bytes, len, dir, NULL, NULL, why, sizeof why) : NULL;
    CHECK(comp != NULL);
    if (comp) {
        CHECK(same_dict(text, comp, 0));
        fields f = count_fields(comp);
        CHECK_INT(f.flags, DICT_PAT_COMPOUND | DICT_PAT_SWAP);
        CHECK_INT(f.groups, 2);
        CHECK_INT(f.plain, 2);
        CHECK_INT(f.quoted, 1);
    }
    dict_free(comp);
    size_t n = 0;
    char *pats = bytes ? (char *)binfile_section_at(bytes, 6, &n) : NULL;
    CHECK(pats && n >= 32 && n % 32 == 0);
    if (pats && n >= 32) {
        int32_t bad = 64; /* no DICT_PAT_* flag */
        memcpy(pats + n - 32 + 12, &bad, 4); /* the last pattern's flags */
        binfile_seal(bytes, len);
        comp = dict_load_compiled(bytes, len, dir, NULL, NULL, why, sizeof why);
        CHECK(comp == NULL && strstr(why, "unknown flags"));
        dict_free(comp);
    }
    mem_free(bytes);
    remove(bin);
    dict_free(text);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Change byte at off of the file at path (xor with x). */
static void poke(const char *path, long off, int x)
{
    FILE *f = fopen(path, "r+b");
    if (!f)
        return;
    fseek(f, off, SEEK_SET);
    int c = fgetc(f);
    fseek(f, off, SEEK_SET);
    fputc(c ^ x, f);
    fclose(f);
}

static void test_compiled(const char *data)
{
    char tmpdir[] = "/tmp/entente-test-dict-XXXXXX";
    if (!mkdtemp(tmpdir)) {
        CHECK(0);
        return;
    }
    char bin[512], path[512];
    snprintf(bin, sizeof bin, "%s/real.bin", tmpdir);

    /* the real dictionaries: compiled and text give the same dictionary */
    msgs[0] = 0;
    CHECK_INT(dict_compile(data, bin, diag, NULL), 0);
    size_t len = 0;
    char *bytes = mem_read_file(bin, 1u << 30, &len);
    CHECK(bytes != NULL);
    char why[256] = "";
    int nbad;
    ent_rc rc;
    dict *text = dict_load_text(data, NULL, NULL, &nbad, &rc);
    dict *comp = bytes ? dict_load_compiled(bytes, len, data, NULL, NULL, why, sizeof why) : NULL;
    if (!comp)
        fprintf(stderr, "compiled load failed: %s\n", why);
    CHECK(text && comp && dict_is_compiled(comp) && !dict_is_compiled(text));
    if (text && comp)
        CHECK(same_dict(text, comp, 1));
    /* with the fields the comparison must cover: group demonyms, quoted
     * names (capmask) */
    if (text) {
        fields f = count_fields(text);
        CHECK(f.groups > 5 && f.plain > 100 && f.quoted >= 3 && f.unquoted > 1000);
    }
    dict_free(text);

    /* out of memory at each allocation of a compiled load: NULL, no leak */
    int loaded = 0, tries = 0;
    for (long k = 1; bytes && !loaded && k < 1000; k++, tries++) {
        mem_fail_after(k);
        dict *d = dict_load_compiled(bytes, len, data, NULL, NULL, why, sizeof why);
        mem_fail_after(0);
        loaded = d != NULL;
        dict_free(d);
    }
    CHECK(loaded && tries > 5);

    /* mutations: every truncation is refused; a flipped byte is caught */
    const size_t cuts[] = {0, 7, 100, len / 2, len - 1};
    for (size_t i = 0; bytes && i < sizeof cuts / sizeof *cuts; i++) {
        why[0] = 0;
        dict *d = dict_load_compiled(bytes, cuts[i], data, NULL, NULL, why, sizeof why);
        CHECK(d == NULL && strstr(why, "truncated"));
        dict_free(d);
    }
    if (bytes && len > 5000) {
        bytes[len - 3000] ^= 0x40;
        dict *d = dict_load_compiled(bytes, len, data, NULL, NULL, why, sizeof why);
        CHECK(d == NULL && strstr(why, "checksum"));
        bytes[len - 3000] ^= 0x40;
        /* a bad offset behind a correct checksum: the section checks refuse it */
        size_t n;
        const void *actors = binfile_section_at(bytes, 2, &n);
        CHECK(actors && n > 24);
        if (actors && n > 24) {
            uint32_t off = 0xfffffff0u;
            memcpy((char *)actors + 12, &off, 4); /* the first actor's name */
            binfile_seal(bytes, len);
            d = dict_load_compiled(bytes, len, data, NULL, NULL, why, sizeof why);
            CHECK(d == NULL && strstr(why, "outside"));
            dict_free(d);
        }
    }
    mem_free(bytes);
    dict_free(comp);
    remove(bin);

    /* a small folder of its own: messages, staleness, corruption */
    static const struct { const char *name, *text; } files[] = {
        {"cameo.tsv", "code\tname\troot\tquad\tgoldstein\tplover\n"
                      "040\tConsult\t04\t1\t1.0\tCONSULT\n"},
        {"actors.txt", "Russia | RUS | country\nIran | IRN | nation\n"
                       "Washington Post; \"the Post\" | USAMED | media\n"},
        {"demonyms.txt", "Russian; Russians | RUS\nShia; Shiites | SHI\n"},
        {"agents.txt", "army | MIL | solo\n"},
        {"verbs.txt", "040 sym | meet+\n"},
        {"irregular.gen.txt", "meet met met\n"},
        {"countries.gen.txt", "Ruritania | RUR | country\n"},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i].name);
        write_file(path, files[i].text);
    }
    snprintf(bin, sizeof bin, "%s/dict.gen.bin", tmpdir);
    msgs[0] = 0;
    CHECK_INT(dict_compile(tmpdir, bin, diag, NULL), 0);
    char want[1024];
    snprintf(want, sizeof want, "%s/actors.txt:2: unknown kind 'nation'", tmpdir);
    CHECK(strstr(msgs, want) != NULL);
    char first[4096];
    snprintf(first, sizeof first, "%s", msgs);

    /* fresh: compiled, the same messages and count */
    msgs[0] = 0;
    dict *d = dict_load(tmpdir, diag, NULL, &nbad, &rc);
    CHECK(d && dict_is_compiled(d));
    CHECK_STR(msgs, first);
    CHECK_INT(nbad, 1);
    dict_free(d);

    test_flags(tmpdir);

    /* stale (a source's modification time changed, not its size): the
     * text files, nothing said */
    snprintf(path, sizeof path, "%s/verbs.txt", tmpdir);
    struct stat st;
    stat(path, &st);
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    times[1].tv_sec -= 10;
    CHECK_INT(utimensat(AT_FDCWD, path, times, 0), 0);
    msgs[0] = 0;
    d = dict_load(tmpdir, diag, NULL, &nbad, &rc);
    CHECK(d && !dict_is_compiled(d));
    CHECK_STR(msgs, first);
    dict_free(d);
    CHECK_INT(dict_compile(tmpdir, bin, NULL, NULL), 0);

    /* corrupt: said once, then the text files */
    stat(bin, &st);
    poke(bin, (long)st.st_size - 2, 0x01);
    msgs[0] = 0;
    d = dict_load(tmpdir, diag, NULL, &nbad, &rc);
    CHECK(d && !dict_is_compiled(d) && nbad == 1);
    CHECK(strstr(msgs, "dict.gen.bin:0: compiled dictionaries not used (checksum mismatch") != NULL);
    CHECK(strstr(msgs, want) != NULL);
    dict_free(d);
    if (truncate(bin, 500) == 0) {
        msgs[0] = 0;
        d = dict_load(tmpdir, diag, NULL, &nbad, &rc);
        CHECK(d && !dict_is_compiled(d));
        CHECK(strstr(msgs, "compiled dictionaries not used (truncated") != NULL);
        dict_free(d);
    }
    write_file(bin, "not a compiled file at all");
    msgs[0] = 0;
    d = dict_load(tmpdir, diag, NULL, &nbad, &rc);
    CHECK(d && !dict_is_compiled(d));
    CHECK(strstr(msgs, "compiled dictionaries not used (truncated") != NULL);
    dict_free(d);

    remove(bin);
    test_loud(tmpdir);

    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i].name);
        remove(path);
    }
    rmdir(tmpdir);
}

int main(void)
{
    dict *d = dict_new(diag, NULL);
    D = d;
    /* irregular forms, as in WordNet's verb.exc */
    const char *irr = "met meet\nfought fight\nstruck strike\nwithdrew withdraw\n"
                      "withdrawn withdraw\nheld hold\nbadline\nleft leave left\n";
    dict_load_buffer(d, "irregular", "irregular.gen.txt", irr, strlen(irr));
    CHECK(strstr(msgs, "irregular.gen.txt:7: expected 'inflected lemma [lemma...]'") != NULL);
    msgs[0] = 0;
    const char *cameo = "code\tname\troot\tquad\tgoldstein\tplover\n"
                        "040\tConsult\t04\t1\t1.0\tCONSULT\n"
                        "190\tFight\t19\t4\t-10.0\tASSAULT\n"
                        "19x\tBad\t19\t4\t-10\tX\n"
                        "195\tAir\t19\t9\t-10\t\n";
    dict_load_buffer(d, "cameo", "cameo.tsv", cameo, strlen(cameo));
    CHECK(strstr(msgs, "cameo.tsv:4: bad CAMEO code") != NULL);
    CHECK(strstr(msgs, "cameo.tsv:5: quad class must be 1-4") != NULL);
    CHECK(dict_cameo_find(d, "190") >= 0);
    CHECK(dict_cameo_find(d, "19x") < 0);

    const char *actors =
        "# people\n"
        "Hassan Rouhani; Rouhani | IRNGOV@2013-08-03..2021-08-03, IRNELI | person\n"
        "Russia | RUS | country\n"
        "Iran | IRN | nation\n"
        "Nowhere | rus | country\n"
        "Bad Range | RUS@2016-13-01.. | country\n"
        "Only Field\n"
        "Islamic State; IS | IMGMUS | group\n"
        "Washington Post; \"the Post\" | USAMED | media\n";
    msgs[0] = 0;
    dict_load_buffer(d, "actors", "actors.txt", actors, strlen(actors));
    CHECK(strstr(msgs, "actors.txt:4: unknown kind 'nation'") != NULL);
    CHECK(strstr(msgs, "actors.txt:5: 'rus' is not an actor code") != NULL);
    CHECK(strstr(msgs, "actors.txt:6: bad date") != NULL);
    CHECK(strstr(msgs, "actors.txt:7: expected 'names | codes | kind'") != NULL);
    CHECK_INT(dict_nbad(d), 7);

    const char *agents = "rebel; rebels | REB | solo\npresident | GOV | bound\nx | GOV | maybe\n";
    msgs[0] = 0;
    dict_load_buffer(d, "agents", "agents.txt", agents, strlen(agents));
    CHECK(strstr(msgs, "agents.txt:3: third field must be 'solo' or 'bound'") != NULL);

    const char *verbs = "040 sym | meet+; hold+ talks with\n190 | fight+ .. against\n"
                        "999 | foo+\n040 | .. meet\n190 wrong | attack+\n"
                        "040 sym verb | phone+\n040 sym topic | discuss+\n"
                        "040 sym topic verb sym | confer+\n042 verb nope | tour+\n";
    msgs[0] = 0;
    dict_load_buffer(d, "verbs", "verbs.txt", verbs, strlen(verbs));
    CHECK(strstr(msgs, "verbs.txt:3: '999' is not a CAMEO event code") != NULL);
    CHECK(strstr(msgs, "verbs.txt:4: pattern '.. meet' is empty or starts") != NULL);
    CHECK(strstr(msgs, "verbs.txt:5: the code may only be followed by the flags 'sym', "
                       "'comment', 'verb' and 'topic'") != NULL);
    CHECK(strstr(msgs, "verbs.txt:8: the code may only be followed") != NULL);
    CHECK(strstr(msgs, "verbs.txt:9: the code may only be followed") != NULL);
    int n;
    const int *pp = dict_patterns_for(d, "phoned", &n);
    CHECK(pp && n == 1);
    if (pp && n == 1) {
        const dict_pattern *ph = dict_pattern_at(d, pp[0]);
        CHECK(ph->sym && (ph->flags & DICT_PAT_VERB) && !(ph->flags & DICT_PAT_TOPIC));
    }
    pp = dict_patterns_for(d, "discussed", &n);
    CHECK(pp && n == 1);
    if (pp && n == 1)
        CHECK(dict_pattern_at(d, pp[0])->sym && (dict_pattern_at(d, pp[0])->flags & DICT_PAT_TOPIC));
    CHECK(dict_patterns_for(d, "conferred", &n) == NULL || n == 0);
    CHECK(dict_patterns_for(d, "toured", &n) == NULL || n == 0);
    CHECK(dict_patterns_for(d, "met", &n) && n == 1);
    CHECK(dict_patterns_for(d, "holding", &n) && n == 1);
    CHECK(dict_patterns_for(d, "fought", &n) && n == 1);

    /* dated roles */
    const char *norms[] = {"president", "hassan", "rouhani", "said"};
    dict_phrase ph[4];
    int nph;
    CHECK_INT(dict_match_phrase(d, norms, NULL, 4, 1, ph, 4, &nph), 2);
    CHECK(nph == 1 && ph[0].type == DICT_ACTOR);
    const dict_actor *a = dict_actor_at(d, ph[0].idx);
    CHECK_STR(dict_actor_code(a, 20161123), "IRNGOV");
    CHECK_STR(dict_actor_code(a, 20240101), "IRNELI");
    CHECK_STR(dict_actor_code(a, 20130803), "IRNGOV");
    CHECK_STR(dict_actor_code(a, 20210804), "IRNELI");
    CHECK_INT(dict_match_phrase(d, norms, NULL, 4, 0, ph, 4, &nph), 1);
    CHECK(nph == 1 && ph[0].type == DICT_AGENT);

    /* a quoted name is matched as written */
    const char *post[] = {"the", "post", "said"};
    const char *office[] = {"the", "post", "office"};
    unsigned char cap_post[] = {DICT_CAPS_INITIAL, DICT_CAPS_INITIAL, 0};
    unsigned char low_post[] = {0, 0, 0};
    unsigned char cap_office[] = {0, DICT_CAPS_INITIAL, DICT_CAPS_INITIAL};
    CHECK_INT(dict_match_phrase(d, post, cap_post, 3, 0, ph, 4, &nph), 2);
    CHECK(nph == 1 && ph[0].type == DICT_ACTOR && ph[0].capmask == 2u);
    CHECK_INT(dict_match_phrase(d, post, low_post, 3, 0, ph, 4, &nph), 0);
    CHECK_INT(dict_match_phrase(d, office, cap_office, 3, 0, ph, 4, &nph), 0);
    CHECK_INT(dict_match_phrase(d, post, NULL, 3, 0, ph, 4, &nph), 2); /* case not looked at */
    CHECK_INT(dict_match_phrase(d, post, cap_post, 3, 1, ph, 4, &nph), 0); /* "the" is needed */

    /* inflections */
    mem_arena ar = {0};
    CHECK(has_form(&ar, "bomb", "bombed"));
    CHECK(has_form(&ar, "bomb", "bombing"));
    CHECK(has_form(&ar, "veto", "vetoes"));
    CHECK(has_form(&ar, "veto", "vetoed"));
    CHECK(has_form(&ar, "criticize", "criticized"));
    CHECK(has_form(&ar, "criticize", "criticizing"));
    CHECK(has_form(&ar, "ban", "banned"));
    CHECK(has_form(&ar, "deny", "denied"));
    CHECK(has_form(&ar, "deny", "denies"));
    CHECK(has_form(&ar, "agree", "agreeing"));
    CHECK(has_form(&ar, "meet", "met"));
    CHECK(has_form(&ar, "withdraw", "withdrawn"));
    CHECK(has_form(&ar, "attack", "attacks"));
    CHECK(has_form(&ar, "push", "pushes"));
    CHECK(!has_form(&ar, "bomb", "bombs "));
    mem_arena_free(&ar);
    CHECK(dict_is_participle(d, "bombed"));
    CHECK(dict_is_participle(d, "struck"));
    CHECK(!dict_is_participle(d, "bomb"));
    dict_free(d);

    /* a missing required file fails cleanly */
    ent_rc rc;
    CHECK(dict_load("/nonexistent-entente-dir", NULL, NULL, NULL, &rc) == NULL);
    CHECK_INT(rc, ENT_EDICT);

    const char *data = getenv("ENTENTE_DATA");
    test_compiled(data ? data : "data");
    TEST_DONE();
}
