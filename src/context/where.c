/*
 * where.c - the gazetteer and the place finder (see where.h).
 *
 * The gazetteer is a block of memory: a string table (fields of the TSV
 * cut in place by NULs, or the compiled file's strings), an array of places
 * that refer to it by offset, an open-addressing hash table from folded
 * names to places and the capital of each country. The compiled form
 * (data/places.gen.bin, docs/internals/where.md) is that block written to
 * disk, so loading it is one read and a check of every offset.
 * where_find() folds each run of capitalised tokens into a key, looks it up
 * (longest first, up to 4 words), drops country names, weighs the locative
 * cue before the name ("in", "near", "the city of") and its distance to the
 * event verb, then resolves the name among same-named places by a qualifier
 * ("X, Syria", "Syria's X"), the context countries, rank and population.
 */
#include "context/where.h"
#include "base/binfile.h"
#include "base/hash.h"
#include "base/mem.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { KIND_CITY, KIND_COUNTRY, KIND_STATE };
enum { RANK_NONE, RANK_ADM2, RANK_ADM1, RANK_CAPITAL };
enum { MAXWORDS = 4, MAXKEY = 256, MAXCAPS = 400, MAXCAND = 32 };

/* A place; also the record of the compiled file, as it is in memory. */
typedef struct where_place {
    uint32_t name, key, admin; /* offsets into the text */
    uint16_t keylen;
    unsigned char kind, rank;
    float lat, lon;
    int32_t pop;
    char cc[4];
} where_place;

/* A hash slot: place index + 1 (0 = empty), top bit set when the entry is
 * the name without its leading article ("al bab" -> "bab"). */
typedef struct where_slot {
    uint32_t hash;
    uint32_t place;
} where_slot;

#define STRIPPED 0x80000000u

typedef struct where_capital {
    char cc[4];
    uint32_t place;
} where_capital;

_Static_assert(sizeof(float) == 4 && sizeof(where_place) == 32 &&
                   offsetof(where_place, lat) == 16 && offsetof(where_place, cc) == 28,
               "where_place is the compiled record: no padding");
_Static_assert(sizeof(where_slot) == 8 && sizeof(where_capital) == 8,
               "compiled records have no padding");

struct where_gazetteer {
    char *text;              /* text[textlen - 1] is NUL */
    size_t textlen;
    where_place *places;
    size_t nplaces;
    where_slot *slots;       /* nslots is a power of 2, some slot is empty */
    size_t nslots;
    where_capital *capitals; /* one per country: its largest plain PPLC */
    int ncapitals;
    void *block;             /* owns all of the above */
    int compiled;            /* block is a compiled file */
    long nskipped;           /* rows of the text file that are no place */
    long first_skipped;      /* the line of the first */
};

#define G_TEXT(g) ((const char *)(g)->text)
#define G_PLACES(g) ((const where_place *)(g)->places)
#define G_SLOTS(g) ((const where_slot *)(g)->slots)

/* The compiled gazetteer: magic, format version and sections. */
static const char bin_magic[8] = "ENTPLACE";
enum { BIN_VERSION = 2 }; /* 2: slots hashed with base/hash.h */
enum { SEC_TEXT, SEC_PLACES, SEC_SLOTS, SEC_CAPITALS, NSEC };

/* The 32-bit key hash of a slot (never 0): base/hash.h's hash of bytes. */
static uint32_t key_hash(const char *s, size_t n)
{
    uint32_t h = (uint32_t)hash_bytes64(HASH_SEED, s, n);
    return h ? h : 1;
}

/* Arabic article forms (sun letters assimilate: ar-, as-, ash-, ...). */
static const char *const articles[] = {
    "al", "el", "ar", "as", "ash", "at", "ath", "ad", "adh", "an", "az", "ed",
    "es", "esh", "et", "ez", "en", "er", NULL};

static int is_in(const char *const *set, const char *w, size_t n)
{
    for (int i = 0; set[i]; i++)
        if (strlen(set[i]) == n && memcmp(set[i], w, n) == 0)
            return 1;
    return 0;
}

/* Length of the leading article and its space in key[0..n), or 0. */
/* where place names carry the Arabic article */
static const char *const article_countries[] = {
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN",
    "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "ISR", "IRN", "TUR", "ESH",
    "TCD", "ERI", "SSD", NULL};

static size_t article_len(const char *key, size_t n)
{
    const char *sp = memchr(key, ' ', n);
    if (!sp || sp + 1 >= key + n)
        return 0;
    return is_in(articles, key, (size_t)(sp - key)) ? (size_t)(sp - key) + 1 : 0;
}

/* Rank from a GeoNames feature code; an alias row's code ends in '~'. */
static int rank_of(const char *feature)
{
    if (!strncmp(feature, "PPLC", 4) && (!feature[4] || feature[4] == '~'))
        return RANK_CAPITAL;
    if (!strncmp(feature, "PPLA", 4) && (!feature[4] || feature[4] == '~'))
        return RANK_ADM1;
    if (!strncmp(feature, "PPLA", 4) || !strcmp(feature, "PPLG"))
        return RANK_ADM2;
    return RANK_NONE;
}

static void slot_put(where_slot *slots, size_t nslots, uint32_t hash, uint32_t value)
{
    size_t mask = nslots - 1;
    size_t i = hash & mask;
    while (slots[i].place)
        i = (i + 1) & mask;
    slots[i].hash = hash;
    slots[i].place = value;
}

/* Number of hash keys of the places: the name, and the name without its
 * article for a city. */
static size_t count_keys(const char *text, const where_place *places, size_t np)
{
    size_t n = np;
    for (size_t i = 0; i < np; i++)
        n += places[i].kind == KIND_CITY && article_len(text + places[i].key, places[i].keylen);
    return n;
}

/* Fill the empty table slots[0..nslots) with the keys of the places, in
 * place order, so that same-named places come out of a look-up in that
 * order whatever the table's size. */
static void index_places(const char *text, const where_place *places, size_t np,
                         where_slot *slots, size_t nslots)
{
    for (size_t i = 0; i < np; i++) {
        const where_place *p = &places[i];
        const char *key = text + p->key;
        slot_put(slots, nslots, key_hash(key, p->keylen), (uint32_t)i + 1);
        size_t al = article_len(key, p->keylen);
        if (al && p->kind == KIND_CITY)
            slot_put(slots, nslots, key_hash(key + al, p->keylen - al), ((uint32_t)i + 1) | STRIPPED);
    }
}

/* Parse one line (NUL-terminated, fields cut in place) into *p. */
static int parse_line(char *text, char *line, where_place *p, const char **feature)
{
    char *f[8];
    int k = 0;
    f[k++] = line;
    for (char *c = line; *c && k < 8; c++)
        if (*c == '\t') {
            *c = 0;
            f[k++] = c + 1;
        }
    if (k != 8 || !*f[0] || !*f[1] || strlen(f[2]) != 3 || strlen(f[3]) > 15)
        return 0;
    size_t kl = strlen(f[1]);
    if (kl >= MAXKEY)
        return 0;
    p->name = (uint32_t)(f[0] - text);
    p->key = (uint32_t)(f[1] - text);
    p->keylen = (uint16_t)kl;
    p->admin = (uint32_t)(f[3] - text);
    memcpy(p->cc, f[2], 4);
    p->lat = (float)strtod(f[4], NULL);
    p->lon = (float)strtod(f[5], NULL);
    p->pop = (int32_t)strtol(f[6], NULL, 10);
    p->kind = !strcmp(f[7], "PCLI") ? KIND_COUNTRY
              : !strcmp(f[7], "ADM1") ? KIND_STATE : KIND_CITY;
    p->rank = (unsigned char)rank_of(f[7]);
    *feature = f[7];
    return 1;
}

/* A plain (not alias) capital row: keep the largest one per country. */
static void note_capital(where_gazetteer *g, size_t np)
{
    const where_place *p = &g->places[np];
    where_capital *c = NULL;
    for (int i = 0; i < g->ncapitals; i++)
        if (!memcmp(g->capitals[i].cc, p->cc, 4))
            c = &g->capitals[i];
    if (!c) {
        if (g->ncapitals >= MAXCAPS)
            return;
        c = &g->capitals[g->ncapitals++];
        memcpy(c->cc, p->cc, 4);
        c->place = (uint32_t)np;
    } else if (g->places[c->place].pop < p->pop) {
        c->place = (uint32_t)np;
    }
}

where_gazetteer *where_load_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return NULL;
    }
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size < 0 || size > 0x7fffffffL || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        errno = size > 0x7fffffffL ? EFBIG : EIO;
        return NULL;
    }
    where_gazetteer *g = mem_calloc(1, sizeof *g);
    char *block = mem_malloc((size_t)size + 1);
    if (!g || !block) {
        mem_free(g);
        mem_free(block);
        fclose(f);
        errno = ENOMEM;
        return NULL;
    }
    size_t got = fread(block, 1, (size_t)size, f);
    fclose(f);
    if (got != (size_t)size) {
        mem_free(block);
        mem_free(g);
        errno = EIO;
        return NULL;
    }
    block[size] = 0;

    size_t nlines = 1;
    for (const char *c = block; (c = memchr(c, '\n', (size_t)(block + size - c))); c++)
        nlines++;
    /* slots: at most two keys per place, load factor <= 1/2 */
    size_t nslots = 1024;
    while (nslots < 4 * nlines)
        nslots *= 2;
    size_t off_places = ((size_t)size + 1 + 7) & ~(size_t)7;
    size_t off_slots = off_places + nlines * sizeof(where_place);
    size_t off_caps = off_slots + nslots * sizeof(where_slot);
    size_t total = off_caps + MAXCAPS * sizeof(where_capital);
    char *bigger = mem_realloc(block, total);
    if (!bigger) {
        mem_free(block);
        mem_free(g);
        errno = ENOMEM;
        return NULL;
    }
    block = bigger;
    g->block = block;
    g->text = block;
    g->textlen = (size_t)size + 1;
    g->places = (where_place *)(block + off_places);
    g->slots = (where_slot *)(block + off_slots);
    g->nslots = nslots;
    g->capitals = (where_capital *)(block + off_caps);
    memset(g->slots, 0, nslots * sizeof(where_slot));

    char *text = g->text;
    size_t np = 0;
    long lineno = 0;
    for (char *line = text; line < text + size;) {
        char *end = memchr(line, '\n', (size_t)(text + size - line));
        if (!end)
            end = text + size;
        *end = 0;
        if (end > line && end[-1] == '\r')
            end[-1] = 0;
        const char *feature = "";
        lineno++;
        if (*line != '#' && parse_line(text, line, &g->places[np], &feature)) {
            if (g->places[np].rank == RANK_CAPITAL && !strchr(feature, '~'))
                note_capital(g, np);
            np++;
        } else if (*line && *line != '#' && !g->nskipped++) {
            g->first_skipped = lineno;
        }
        line = end + 1;
    }
    g->nplaces = np;
    if (!np) {
        where_free(g);
        errno = EINVAL;
        return NULL;
    }
    index_places(g->text, g->places, np, g->slots, g->nslots);
    return g;
}

/* ---- the compiled gazetteer ----------------------------------------- */

/* A string table being built, each distinct string stored once. */
typedef struct where_strings {
    mem_buf buf;
    hash_map seen; /* string -> its offset */
} where_strings;

static int strings_add(where_strings *s, const char *str, uint32_t *off)
{
    size_t n = strlen(str);
    if (s->buf.len > 0x7fffffffu)
        return -1;
    int at = hash_map_put(&s->seen, str, (int)s->buf.len);
    if (at < 0)
        return -1;
    *off = (uint32_t)at;
    if ((size_t)at == s->buf.len) { /* new */
        mem_buf_put(&s->buf, str, n + 1);
        if (s->buf.oom || s->buf.toobig)
            return -1;
    }
    return 0;
}

int where_compile(const char *tsv_path, const char *bin_path, char *err, size_t errlen)
{
    char dir[4096];
    const char *slash = strrchr(tsv_path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - tsv_path) : 1,
             slash ? tsv_path : ".");
    binfile_source src;
    int st = binfile_source_stat(dir, slash ? slash + 1 : tsv_path, &src);
    if (st != 0 || src.size < 0) {
        snprintf(err, errlen, "%s: %s", tsv_path, strerror(st != 0 ? errno : ENOENT));
        return -1;
    }
    where_gazetteer *g = where_load_text(tsv_path);
    if (!g) {
        snprintf(err, errlen, "%s: %s", tsv_path,
                 errno == EINVAL ? "no valid line" : strerror(errno));
        return -1;
    }
    if (g->nskipped) {
        /* a compiled gazetteer could not say what it lost: refuse */
        snprintf(err, errlen, "%s:%ld: %ld row%s not NAME KEY CC ADMIN1 LAT LON POP FEATURE "
                 "(8 tab-separated fields)", tsv_path, g->first_skipped, g->nskipped,
                 g->nskipped == 1 ? "" : "s");
        where_free(g);
        return -1;
    }
    int rc = -1;
    where_strings s = {{0}, {0}};
    where_place *places = mem_malloc(g->nplaces * sizeof *places);
    size_t nkeys = count_keys(g->text, g->places, g->nplaces);
    size_t nslots = 1024;
    while (nslots < nkeys + nkeys / 2)
        nslots *= 2;
    where_slot *slots = mem_calloc(nslots, sizeof *slots);
    mem_buf_init(&s.buf, (size_t)1 << 31);
    if (!places || !slots) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < g->nplaces; i++) {
        places[i] = g->places[i];
        if (strings_add(&s, g->text + g->places[i].name, &places[i].name) < 0 ||
            strings_add(&s, g->text + g->places[i].key, &places[i].key) < 0 ||
            strings_add(&s, g->text + g->places[i].admin, &places[i].admin) < 0) {
            snprintf(err, errlen, "out of memory");
            goto done;
        }
    }
    index_places(s.buf.data, places, g->nplaces, slots, nslots);
    binfile_section sec[NSEC] = {
        [SEC_TEXT] = {s.buf.data, s.buf.len},
        [SEC_PLACES] = {places, g->nplaces * sizeof *places},
        [SEC_SLOTS] = {slots, nslots * sizeof *slots},
        [SEC_CAPITALS] = {g->capitals, (size_t)g->ncapitals * sizeof *g->capitals},
    };
    rc = binfile_write(bin_path, bin_magic, BIN_VERSION, &src, 1, sec, NSEC, err, errlen);
done:
    mem_buf_free(&s.buf);
    hash_map_free(&s.seen);
    mem_free(places);
    mem_free(slots);
    where_free(g);
    return rc;
}

/* The gazetteer in a checked compiled file's bytes (block: taken over,
 * freed on failure). Every offset and index is checked, so the finder
 * cannot read outside the block; NULL with a reason in err if one is off. */
static where_gazetteer *from_block(void *block, char *err, size_t errlen)
{
    size_t size[NSEC];
    const void *sec[NSEC];
    for (int i = 0; i < NSEC; i++)
        sec[i] = binfile_section_at(block, i, &size[i]);
    where_gazetteer *g = NULL;
    const char *why = NULL;
    if (binfile_nsections(block) != NSEC)
        why = "wrong number of sections";
    else if (!size[SEC_TEXT] || ((const char *)sec[SEC_TEXT])[size[SEC_TEXT] - 1] ||
             size[SEC_TEXT] > 0xffffffffu)
        why = "string table not terminated";
    else if (!size[SEC_PLACES] || size[SEC_PLACES] % sizeof(where_place))
        why = "bad size of the place table";
    else if (size[SEC_SLOTS] % sizeof(where_slot) || size[SEC_SLOTS] < sizeof(where_slot) ||
             (size[SEC_SLOTS] / sizeof(where_slot)) & (size[SEC_SLOTS] / sizeof(where_slot) - 1))
        why = "bad size of the hash table";
    else if (size[SEC_CAPITALS] % sizeof(where_capital) ||
             size[SEC_CAPITALS] / sizeof(where_capital) > MAXCAPS)
        why = "bad size of the capital table";
    if (why)
        goto bad;
    g = mem_calloc(1, sizeof *g);
    if (!g) {
        why = "out of memory";
        goto bad;
    }
    g->block = block;
    g->compiled = 1;
    g->text = (char *)sec[SEC_TEXT];
    g->textlen = size[SEC_TEXT];
    g->places = (where_place *)sec[SEC_PLACES];
    g->nplaces = size[SEC_PLACES] / sizeof(where_place);
    g->slots = (where_slot *)sec[SEC_SLOTS];
    g->nslots = size[SEC_SLOTS] / sizeof(where_slot);
    g->capitals = (where_capital *)sec[SEC_CAPITALS];
    g->ncapitals = (int)(size[SEC_CAPITALS] / sizeof(where_capital));
    if (g->nplaces >= STRIPPED - 1) {
        why = "too many places";
        goto bad;
    }
    for (size_t i = 0; i < g->nplaces; i++) {
        const where_place *p = &g->places[i];
        if (p->name >= g->textlen || p->key >= g->textlen || p->admin >= g->textlen ||
            p->keylen >= MAXKEY || p->keylen >= g->textlen - p->key ||
            p->kind > KIND_STATE || p->rank > RANK_CAPITAL || p->cc[3]) {
            why = "a place refers outside the file";
            goto bad;
        }
    }
    size_t empty = 0;
    for (size_t i = 0; i < g->nslots; i++) {
        uint32_t v = g->slots[i].place;
        if (!v)
            empty++;
        else if ((v & ~STRIPPED) == 0 || (v & ~STRIPPED) > g->nplaces) {
            why = "a hash slot refers outside the file";
            goto bad;
        }
    }
    if (!empty) {
        why = "hash table full";
        goto bad;
    }
    for (int i = 0; i < g->ncapitals; i++)
        if (g->capitals[i].place >= g->nplaces) {
            why = "a capital refers outside the file";
            goto bad;
        }
    return g;
bad:
    snprintf(err, errlen, "%s", why);
    if (g)
        where_free(g);
    else
        mem_free(block);
    return NULL;
}

where_gazetteer *where_load_compiled(const void *data, size_t len, char *err, size_t errlen)
{
    void *block = binfile_check_copy(data, len, bin_magic, BIN_VERSION, err, errlen);
    return block ? from_block(block, err, errlen) : NULL;
}

where_gazetteer *where_load_diag(const char *path, ent_diag_fn diag, void *ud)
{
    /* places.gen.tsv -> places.gen.bin, in the same folder */
    char bin[4096], dir[4096];
    size_t n = strlen(path);
    int tsv = n > 4 && !strcmp(path + n - 4, ".tsv");
    if (snprintf(bin, sizeof bin, "%.*s.bin", (int)(tsv ? n - 4 : n), path) >= (int)sizeof bin)
        return where_load_text(path);
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    void *block;
    size_t len;
    char why[256];
    binfile_rc rc = binfile_read(bin, bin_magic, BIN_VERSION, (size_t)1 << 31, &block, &len,
                                 why, sizeof why);
    if (rc == BINFILE_OK && !binfile_fresh(block, dir)) {
        mem_free(block);
        rc = BINFILE_STALE;
    }
    if (rc == BINFILE_OK) {
        where_gazetteer *g = from_block(block, why, sizeof why);
        if (g)
            return g;
        rc = BINFILE_BAD;
    }
    if (rc == BINFILE_BAD && diag) {
        char msg[400];
        snprintf(msg, sizeof msg, "compiled gazetteer not used (%s); reading %s instead", why,
                 slash ? slash + 1 : path);
        diag(ud, bin, 0, msg);
    }
    where_gazetteer *g = where_load_text(path);
    if (g && g->nskipped && diag) {
        char msg[300];
        snprintf(msg, sizeof msg, "%ld gazetteer row%s skipped (not 8 tab-separated fields "
                 "NAME KEY CC ADMIN1 LAT LON POP FEATURE); the first at line %ld",
                 g->nskipped, g->nskipped == 1 ? "" : "s", g->first_skipped);
        diag(ud, path, g->first_skipped, msg);
    }
    return g;
}

long where_skipped(const where_gazetteer *g)
{
    return g ? g->nskipped : 0;
}

int where_is_compiled(const where_gazetteer *g)
{
    return g && g->compiled;
}

where_gazetteer *where_load(const char *path)
{
    return where_load_diag(path, NULL, NULL);
}

void where_free(where_gazetteer *g)
{
    if (!g)
        return;
    mem_free(g->block);
    mem_free(g);
}

long where_count(const where_gazetteer *g)
{
    return g ? (long)g->nplaces : 0;
}

/* ---- folding sentence tokens ---------------------------------------- */

/* Token classes inside a name: a word, a joiner that a name may contain
 * ("-" in "al-Bab", "." in "St. Petersburg", a stray apostrophe), or
 * anything else, which ends a name. */
enum { TOK_OTHER, TOK_JOINER, TOK_WORD };

static int tok_class(const char *t)
{
    if (!t || !*t)
        return TOK_OTHER;
    if (!strcmp(t, "-") || !strcmp(t, ".") || !strcmp(t, "'"))
        return TOK_JOINER;
    for (const unsigned char *c = (const unsigned char *)t; *c; c++)
        if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c >= 0x80)
            return TOK_WORD;
    return TOK_OTHER;
}

/* Append the folded form of token t to buf[*len..cap): apostrophes and
 * modifier letters dropped, '-', '.', ',' and '/' as spaces, a few letters
 * without a decomposition transliterated (as gen_places.js does). */
static int fold_append(char *buf, size_t *len, size_t cap, const char *t)
{
    static const struct { const char *from, *to; } tr[] = {
        {"\xc3\xb8", "o"}, {"\xc4\x91", "d"}, {"\xc3\xb0", "d"}, {"\xc5\x82", "l"},
        {"\xc4\xb1", "i"}, {"\xc3\xa6", "ae"}, {"\xc5\x93", "oe"}, {"\xc3\xbe", "th"},
        {"\xc4\xa7", "h"}, {"\xc3\x9f", "ss"}, {NULL, NULL}};
    static const char *const drop[] = {
        "\xe2\x80\x98", "\xe2\x80\x99", "\xca\xbb", "\xca\xbc", "\xca\xbe",
        "\xca\xbf", "\xc2\xb4", NULL};
    size_t n = *len;
    for (const char *c = t; *c;) {
        const char *rep = NULL;
        size_t adv = 1;
        if (*c == '\'' || *c == '`') {
            rep = "";
        } else if (*c == '-' || *c == '.' || *c == ',' || *c == '/') {
            rep = " ";
        } else if ((unsigned char)*c >= 0x80) {
            for (int i = 0; tr[i].from && !rep; i++)
                if (!strncmp(c, tr[i].from, strlen(tr[i].from))) {
                    rep = tr[i].to;
                    adv = strlen(tr[i].from);
                }
            for (int i = 0; drop[i] && !rep; i++)
                if (!strncmp(c, drop[i], strlen(drop[i]))) {
                    rep = "";
                    adv = strlen(drop[i]);
                }
        }
        if (!rep) {
            if (n + 1 >= cap)
                return 0;
            buf[n++] = *c;
        } else {
            for (const char *r = rep; *r; r++) {
                if (*r == ' ' && (n == 0 || buf[n - 1] == ' '))
                    continue;
                if (n + 1 >= cap)
                    return 0;
                buf[n++] = *r;
            }
        }
        c += adv;
    }
    while (n > 0 && buf[n - 1] == ' ')
        n--;
    buf[n] = 0;
    *len = n;
    return 1;
}

/* ---- look-up --------------------------------------------------------- */

typedef struct where_hits {
    uint32_t place[MAXCAND];
    int n, stripped;
} where_hits;

/* Places whose key (or key without article, if stripped) is key[0..n). */
static void lookup(const where_gazetteer *g, const char *key, size_t n, int stripped,
                   where_hits *h)
{
    const where_slot *slots = G_SLOTS(g);
    const where_place *places = G_PLACES(g);
    const char *text = G_TEXT(g);
    uint32_t hash = key_hash(key, n);
    size_t mask = g->nslots - 1;
    h->n = 0;
    h->stripped = stripped;
    for (size_t i = hash & mask; slots[i].place; i = (i + 1) & mask) {
        if (slots[i].hash != hash || !!(slots[i].place & STRIPPED) != stripped)
            continue;
        uint32_t pi = (slots[i].place & ~STRIPPED) - 1;
        const where_place *p = &places[pi];
        const char *k = text + p->key;
        size_t kl = p->keylen;
        if (stripped) {
            size_t al = article_len(k, kl);
            k += al;
            kl -= al;
        }
        if (kl == n && !memcmp(k, key, n) && h->n < MAXCAND)
            h->place[h->n++] = pi;
    }
}

/* Exact names first; then names without their article; then the key
 * without its own article ("al raqqa" -> "raqqa"). */
/* Words of region before a name that the gazetteer does not hold with
 * them: "Rural Damascus", "Eastern Ghouta", "Greater Idlib" are where
 * Damascus, Ghouta and Idlib are (a name it holds whole, "North Korea",
 * "West Bank", is found first). */
static const char *const region_words[] = {
    "rural", "greater", "northern", "southern", "eastern", "western", "central", "upper",
    "lower", "north", "south", "east", "west", NULL};

/* The length of a leading region word and its space in key[0..n), or 0. */
static size_t region_len(const char *key, size_t n)
{
    for (int i = 0; region_words[i]; i++) {
        size_t k = strlen(region_words[i]);
        if (n > k + 1 && !strncmp(key, region_words[i], k) && key[k] == ' ')
            return k + 1;
    }
    return 0;
}

static void find_key(const where_gazetteer *g, const char *key, size_t n, where_hits *h)
{
    lookup(g, key, n, 0, h);
    if (h->n)
        return;
    size_t rl = region_len(key, n);
    if (rl) {
        lookup(g, key + rl, n - rl, 0, h);
        if (h->n)
            return;
    }
    lookup(g, key, n, 1, h);
    if (h->n)
        return;
    size_t al = article_len(key, n);
    if (al) {
        lookup(g, key + al, n - al, 0, h);
        if (!h->n)
            lookup(g, key + al, n - al, 1, h);
        h->stripped = 1;
        /* a name written with an Arabic article ("al-Meridian") is a place
         * where names are written so, not Meridian, Mississippi */
        int k = 0;
        for (int i = 0; i < h->n; i++)
            if (is_in(article_countries, G_PLACES(g)[h->place[i]].cc, 3))
                h->place[k++] = h->place[i];
        h->n = k;
    }
}

static int hits_have(const where_gazetteer *g, const where_hits *h, int kind)
{
    for (int i = 0; i < h->n; i++)
        if (G_PLACES(g)[h->place[i]].kind == kind)
            return 1;
    return 0;
}

/* ---- the sentence ---------------------------------------------------- */

static const char *const preps[] = {
    "in", "at", "near", "around", "outside", "inside", "across", "into", "from",
    "to", "toward", "towards", "through", "throughout", "within", "over", "on",
    "nearby", "beyond", "past", "via", "between", "besieging", NULL};

/* Nouns before "of" that make it locative: "the city of X". */
static const char *const place_nouns[] = {
    "city", "town", "village", "province", "governorate", "region", "district",
    "outskirts", "suburbs", "suburb", "countryside", "capital", "port", "area",
    "heart", "centre", "center", "edge", "streets", "north", "south", "east",
    "west", "northeast", "northwest", "southeast", "southwest", "environs",
    "vicinity", "municipality", "enclave", "stronghold", "hub", "neighbourhood",
    "neighborhood", "county", "state", "island", "border", "gates", NULL};

/* Words that may stand between a preposition and the name. */
static const char *const modifiers[] = {
    "the", "a", "an", "rural", "besieged", "nearby", "neighbouring",
    "neighboring", "coastal", "central", "north", "south", "east", "west",
    "rebel", "held", "government", "controlled", "opposition", "war", "torn",
    "key", "strategic", "embattled", "ancient", "old", "historic", "divided",
    "contested", "occupied", "seaside", "border", "frontline", "restive",
    "southern", "northern", "eastern", "western", "downtown", "greater",
    "city", "town", "village", "province", "and", "capital", "kurdish", "syrian",
    "iraqi", "libyan", "lebanese", "yemeni", "afghan", "ukrainian", "russian",
    "turkish", "israeli", "palestinian", "egyptian", "iranian", "port", NULL};

/* Words after the name that make it a place: "Idlib province". */
static const char *const after_nouns[] = {
    "province", "governorate", "countryside", "district", "region", "city",
    "town", "area", "suburbs", "outskirts", "airport", "airbase", NULL};

/* Capitalised words after a name that still leave it a place. */
static const char *const direction_words[] = {
    "east", "west", "north", "south", "eastern", "western", "northern",
    "southern", "central", "greater", "old", "new", NULL};

static const char *const speech[] = {
    "said", "says", "say", "told", "added", "announced", "stated", "warned",
    "insisted", "claimed", "denied", "urged", "accused", "wants", "reported",
    "rejected", "condemned", "welcomed", "demanded", "called", "has", "have",
    NULL};

/* Verbs whose object is an actor: after them a bare capital is the state
 * ("NATO warned Moscow"), not a place. */
static const char *const actor_verbs[] = {
    "warned", "urged", "accused", "criticised", "criticized", "condemned",
    "praised", "thanked", "told", "asked", "called", "met", "invited", "blamed",
    "threatened", "pressed", "rebuked", "sanctioned", "supported", "backed",
    "recognised", "recognized", "lobbied", "reassured", "congratulated",
    "defied", "snubbed", "joined", "rejoined", "engaged", "courted", NULL};

/* Nouns after which "on"/"against" names a target, not a place:
 * "sanctions on Moscow". */
static const char *const target_nouns[] = {
    "sanctions", "sanction", "pressure", "restrictions", "embargo", "tariffs",
    "ban", "demands", "ultimatum", NULL};

/* Words that are never a one-word place (some are names of small towns:
 * March, England; Of, Turkey; Police, Poland). */
static const char *const not_places[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "an",
    "of", "in", "on", "at", "to", "for", "by", "with", "as", "is", "it", "he",
    "she", "they", "we", "i", "but", "and", "or", "if", "no", "so", "this",
    "that", "after", "before", "while", "when", "then", "there", "his", "her",
    "its", "their", "police", "army", "president", "minister", "state",
    "government", "god", "allah", "islam", "christmas", "easter", "ramadan",
    "eid", "reuters", "news", "union", "church", "man", "bar", "mission",
    "independence", "liberty", "freedom", "justice", "progress", "unity",
    "concord", "hope", "truth", "security", "defence", "defense", "interior",
    "foreign", "un", "eu", "nato", "au", "opec", "imf", "who", "ap", "afp",
    "bbc", "cnn", "said", "king", "prince", "general", "colonel", NULL};

typedef struct where_span {
    int t0, t1;      /* tokens [t0, t1) */
    int w0, w1;      /* first and last word token */
    where_hits hits;
} where_span;

static int word_in(const char *const *set, const char *w)
{
    return w && is_in(set, w, strlen(w));
}

/* Words of English that many places are called by ("the Old City", "the
 * Green Zone", "the Line of Control"): a name made only of them (and
 * "of", "the") is a place of the document's countries or none. */
static const char *const generic_words[] = {
    "old", "new", "city", "town", "line", "control", "zone", "green", "square", "gate",
    "bank", "valley", "hill", "hills", "camp", "market", "port", "village", "district",
    "quarter", "centre", "center", "river", "lake", "mountain", "mountains", "island",
    "bay", "coast", "field", "bridge", "station", "road", "street", "palace", "house",
    "of", "the", "upper", "lower", "great", "little", "central", NULL};

static int generic_name(const char *const *norms, int t0, int t1)
{
    for (int i = t0; i < t1; i++)
        if (tok_class(norms[i]) == TOK_WORD && !word_in(generic_words, norms[i]))
            return 0;
    return 1;
}

/* Can token i start a name? Capitalised words, or "al-" before one. */
static int can_start(const char *const *norms, const unsigned char *caps, int n, int i)
{
    if (tok_class(norms[i]) != TOK_WORD)
        return 0;
    if (caps[i])
        return 1;
    return i + 2 < n && word_in(articles, norms[i]) && !strcmp(norms[i + 1], "-") &&
           caps[i + 2];
}

/* The longest name (any kind) starting at token i; 0 if none. */
static int match_at(const where_gazetteer *g, const char *const *norms,
                    const unsigned char *caps, int n, int i, where_span *sp)
{
    if (!can_start(norms, caps, n, i))
        return 0;
    int ends[MAXWORDS], nw = 0;
    for (int j = i; j < n && nw < MAXWORDS; j++) {
        int c = tok_class(norms[j]);
        if (c == TOK_OTHER)
            break;
        if (c == TOK_JOINER) {
            if (j + 1 >= n || tok_class(norms[j + 1]) != TOK_WORD)
                break;
            continue;
        }
        ends[nw++] = j;
    }
    for (int w = nw; w >= 1; w--) {
        int last = ends[w - 1];
        if (!caps[last])
            continue;
        char key[MAXKEY];
        size_t len = 0;
        int ok = 1;
        for (int j = i; j <= last && ok; j++) {
            if (tok_class(norms[j]) != TOK_WORD)
                continue;
            if (len && len + 1 < sizeof key)
                key[len++] = ' ';
            ok = fold_append(key, &len, sizeof key, norms[j]);
        }
        if (!ok || !len)
            continue;
        if (w == 1 && (word_in(not_places, key) || is_in(articles, key, len)))
            continue; /* "al" of "al-Meridian" is not Ål, Norway */
        find_key(g, key, len, &sp->hits);
        if (sp->hits.n) {
            sp->t0 = i;
            sp->t1 = last + 1;
            sp->w0 = i;
            sp->w1 = last;
            return 1;
        }
    }
    return 0;
}

/* Is a clause boundary between tokens a and b? */
static int crosses_clause(const char *const *norms, int a, int b)
{
    static const char *const bounds[] = {
        ";", ":", "as", "while", "when", "after", "before", "but", "because",
        "since", "although", "though", "whereas", "said", "says", "where",
        "which", "who", "\"", NULL};
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    for (int i = a + 1; i < b; i++)
        if (word_in(bounds, norms[i]))
            return 1;
    return 0;
}

/* Country mention (or US state) at tokens [t0, t1), if the span names one. */
typedef struct where_country {
    int t0, t1;
    where_hits hits;
} where_country;

/* Score of a place among same-named ones: context country, rank, size. */
static double place_score(const where_place *p, const char *const *ctx, int nctx)
{
    double s = log10(p->pop > 1 ? (double)p->pop : 1.0);
    s += p->rank == RANK_CAPITAL ? 1.0 : p->rank == RANK_ADM1 ? 0.5
         : p->rank == RANK_ADM2 ? 0.2 : 0.0;
    for (int i = 0; i < nctx; i++)
        if (ctx[i] && !strncmp(ctx[i], p->cc, 3)) {
            double b = 2.0 - 0.25 * i;
            s += b < 1.0 ? 1.0 : b;
            break;
        }
    return s;
}

/* Does place p fit qualifier q (a country or a US state)? */
static int fits(const where_gazetteer *g, const where_place *p, const where_hits *q)
{
    for (int i = 0; i < q->n; i++) {
        const where_place *c = &G_PLACES(g)[q->place[i]];
        if (memcmp(c->cc, p->cc, 3))
            continue;
        if (c->kind == KIND_COUNTRY)
            return 1;
        if (c->kind == KIND_STATE && !strcmp(G_TEXT(g) + c->admin, G_TEXT(g) + p->admin))
            return 1;
    }
    return 0;
}

/* Best city among hits, or -1; qual (may be NULL) filters. */
static long best_place(const where_gazetteer *g, const where_hits *h, const where_hits *qual,
                       const char *const *ctx, int nctx, int *in_ctx)
{
    long best = -1;
    double bs = -1e9;
    for (int i = 0; i < h->n; i++) {
        const where_place *p = &G_PLACES(g)[h->place[i]];
        if (p->kind != KIND_CITY || (qual && !fits(g, p, qual)))
            continue;
        double s = place_score(p, ctx, nctx);
        if (s > bs) {
            bs = s;
            best = (long)h->place[i];
        }
    }
    if (in_ctx) {
        *in_ctx = 0;
        for (int i = 0; best >= 0 && i < nctx; i++)
            if (ctx[i] && !strncmp(ctx[i], G_PLACES(g)[best].cc, 3))
                *in_ctx = 1;
    }
    return best;
}

/* Best city among hits in country cc, or -1. */
static long best_in_country(const where_gazetteer *g, const where_hits *h, const char *cc,
                            const char *const *ctx, int nctx)
{
    long best = -1;
    double bs = -1e9;
    for (int i = 0; i < h->n; i++) {
        const where_place *p = &G_PLACES(g)[h->place[i]];
        if (p->kind != KIND_CITY || memcmp(p->cc, cc, 3))
            continue;
        double s = place_score(p, ctx, nctx);
        if (s > bs) {
            bs = s;
            best = (long)h->place[i];
        }
    }
    return best;
}

/* The place that span sp is a part of: "X district of Y", "X
 * neighbourhood of the city of Y" (a part noun and "of" right after it,
 * then a name within three words); its best city, or -1. */
static long containing_place(const where_gazetteer *g, const char *const *norms, int n,
                             const where_span *spans, int nspans, const where_span *sp,
                             const char *const *ctx, int nctx)
{
    static const char *const parts[] = {"district", "neighbourhood", "neighborhood", "quarter",
                                        "suburb", "suburbs", "outskirts", "countryside",
                                        "area", "village", "town", "camp", NULL};
    int t = sp->t1;
    if (t + 1 >= n || !word_in(parts, norms[t]) || strcmp(norms[t + 1], "of"))
        return -1;
    for (int k = 0; k < nspans; k++)
        if (spans[k].t0 > t + 1 && spans[k].t0 <= t + 4)
            return best_place(g, &spans[k].hits, NULL, ctx, nctx, NULL);
    return -1;
}

/* Walk back from token i over modifiers; returns the index of a locative
 * preposition (or of "of" after a place noun), -2 if the preposition marks a
 * target ("sanctions on X"), else -1. A "Country 's"
 * on the way is stored in *qual. */
static int cue_before(const char *const *norms, int i, const where_country *cs, int ncs,
                      const where_country **qual)
{
    int steps = 0;
    for (int j = i - 1; j >= 0 && steps < 8; j--, steps++) {
        const char *w = norms[j];
        if (word_in(preps, w)) {
            if ((!strcmp(w, "on") || !strcmp(w, "against")) && j > 0 &&
                word_in(target_nouns, norms[j - 1]))
                return -2;
            return j;
        }
        if (!strcmp(w, "of") && j > 0 && word_in(place_nouns, norms[j - 1]))
            return j;
        if (!strcmp(w, "'s")) {
            const where_country *c = NULL;
            for (int k = 0; k < ncs; k++)
                if (cs[k].t1 == j)
                    c = &cs[k];
            if (!c)
                return -1;
            if (qual && !*qual)
                *qual = c;
            j = c->t0;
            continue;
        }
        size_t l = strlen(w);
        if (word_in(modifiers, w) || !strcmp(w, "-") ||
            (l > 3 && !strcmp(w + l - 3, "ern")) ||
            (j + 1 < i && !strcmp(norms[j + 1], "-")))
            continue;
        return -1;
    }
    return -1;
}

typedef struct where_cand {
    long place;
    int t0, t1, tier, bare_ok;
    const char *rule;
    double score;
} where_cand;

int where_find(const where_gazetteer *g, const char *const *norms,
               const unsigned char *caps, int n, int anchor,
               const char *const *ctx, int nctx, where_result *out)
{
    enum { MAXSPANS = 32 };
    where_span spans[MAXSPANS];
    where_country cs[MAXSPANS];
    const char *allctx[32];
    where_cand best = {-1, 0, 0, 0, 0, NULL, -1e9};
    int nspans = 0, ncs = 0;
    if (!g || !norms || !caps || n <= 0 || !out)
        goto done;
    for (int i = 0; i < n; i++)
        if (!norms[i])
            goto done;

    /* 1. names, longest first; countries and states kept apart */
    for (int i = 0; i < n && nspans < MAXSPANS && ncs < MAXSPANS;) {
        where_span sp;
        if (!match_at(g, norms, caps, n, i, &sp)) {
            i++;
            continue;
        }
        if (hits_have(g, &sp.hits, KIND_COUNTRY) ||
            (hits_have(g, &sp.hits, KIND_STATE) && !hits_have(g, &sp.hits, KIND_CITY))) {
            cs[ncs].t0 = sp.t0;
            cs[ncs].t1 = sp.t1;
            cs[ncs].hits = sp.hits;
            ncs++;
        } else {
            spans[nspans++] = sp;
        }
        i = sp.t1;
    }

    /* 2. context: the caller's, then countries named in the sentence */
    int na = 0;
    for (int i = 0; i < nctx && na < 32; i++)
        if (ctx && ctx[i])
            allctx[na++] = ctx[i];
    for (int k = 0; k < ncs && na < 32; k++)
        for (int i = 0; i < cs[k].hits.n && na < 32; i++) {
            const where_place *c = &G_PLACES(g)[cs[k].hits.place[i]];
            if (c->kind == KIND_COUNTRY)
                allctx[na++] = c->cc;
        }

    /* 3. weigh each city name */
    for (int s = 0; s < nspans; s++) {
        const where_span *sp = &spans[s];
        const where_country *qual = NULL;
        where_country comma;
        int cue = cue_before(norms, sp->t0, cs, ncs, &qual);
        int after_cue = 0, tier = cue >= 0 ? 2 : 1;
        if (cue == -2)
            continue;
        int nx = sp->t1;
        /* "X, Syria" / "X, Texas" */
        where_span qs;
        if (nx + 1 < n && !strcmp(norms[nx], ",") && match_at(g, norms, caps, n, nx + 1, &qs) &&
            (hits_have(g, &qs.hits, KIND_COUNTRY) || hits_have(g, &qs.hits, KIND_STATE)) &&
            best_place(g, &sp->hits, &qs.hits, allctx, na, NULL) >= 0) {
            comma.t0 = qs.t0;
            comma.t1 = qs.t1;
            comma.hits = qs.hits;
            qual = &comma;
            tier = 2;
        }
        if (nx < n && word_in(after_nouns, norms[nx])) {
            after_cue = 1;
            tier = 2;
        }
        /* a capitalised word right after, or before, makes a longer name
         * ("Aleppo University", "President Obama"), or a compound modifier
         * ("Moscow-backed") */
        if (nx < n && caps[nx] && tok_class(norms[nx]) == TOK_WORD && !after_cue)
            continue;
        if (nx + 1 < n && !strcmp(norms[nx], "-") && !caps[nx + 1])
            continue;
        if (sp->t0 > 0 && caps[sp->t0 - 1] && tok_class(norms[sp->t0 - 1]) == TOK_WORD &&
            !word_in(direction_words, norms[sp->t0 - 1]) && !word_in(preps, norms[sp->t0 - 1]) &&
            !word_in(modifiers, norms[sp->t0 - 1]))
            continue;
        if (sp->t0 > 1 && !strcmp(norms[sp->t0 - 1], "-") && !caps[sp->t0 - 2])
            continue; /* "pro-Damascus" */
        int in_ctx = 0;
        long pi = best_place(g, &sp->hits, qual ? &qual->hits : NULL, allctx, na, &in_ctx);
        if (pi < 0 && qual)
            pi = best_place(g, &sp->hits, NULL, allctx, na, &in_ctx);
        if (pi < 0)
            continue;
        /* "the Meydan district of Aleppo": a part lies in the whole's
         * country; a name with no place there is the whole's own word */
        long whole = containing_place(g, norms, n, spans, nspans, sp, allctx, na);
        if (whole >= 0 && memcmp(G_PLACES(g)[whole].cc, G_PLACES(g)[pi].cc, 3)) {
            pi = best_in_country(g, &sp->hits, G_PLACES(g)[whole].cc, allctx, na);
            if (pi < 0)
                continue;
        }
        const where_place *p = &G_PLACES(g)[pi];
        if (!in_ctx && generic_name(norms, sp->t0, sp->t1))
            continue;
        if (tier == 1) {
            /* bare names must look like places on their own */
            int one = sp->w0 == sp->w1;
            if (nx < n && word_in(speech, norms[nx]))
                continue;
            if (((p->pop > 0 && p->pop < 5000) || (p->pop == 0 && p->rank == RANK_NONE)) &&
                !in_ctx && p->rank < RANK_ADM1)
                continue; /* population 0 is unknown, not none */
            if (sp->hits.stripped && !in_ctx)
                continue;
            if (sp->t0 == 0 && one && !in_ctx && p->rank < RANK_ADM1)
                continue;
            if (p->rank == RANK_CAPITAL &&
                (sp->t1 == anchor ||
                 (anchor >= 0 && sp->t0 == anchor + 1 && word_in(actor_verbs, norms[anchor]))))
                continue; /* "Moscow denied", "NATO warned Moscow": the state */
        }
        double dist = anchor >= 0 && anchor < n
                          ? (sp->t0 > anchor ? sp->t0 - anchor : anchor - sp->t1 + 1) : sp->t0;
        if (anchor >= 0 && anchor < n && crosses_clause(norms, anchor, sp->t0))
            dist += 4;
        double score = (tier == 2 ? 6.0 : 0.0) - dist;
        if (score > best.score) {
            best.place = pi;
            best.t0 = sp->t0;
            best.t1 = sp->t1;
            best.tier = tier;
            best.rule = tier == 2 ? "preposition" : "bare";
            best.score = score;
        }
    }

    /* 4. "Kazakhstan's capital", "the capital of Kazakhstan" */
    for (int k = 0; k < ncs; k++) {
        int t0 = -1, t1 = -1;
        if (cs[k].t1 + 1 < n && !strcmp(norms[cs[k].t1], "'s") &&
            !strcmp(norms[cs[k].t1 + 1], "capital")) {
            t0 = cs[k].t0;
            t1 = cs[k].t1 + 2;
        } else if (cs[k].t0 >= 2 && !strcmp(norms[cs[k].t0 - 1], "of") &&
                   !strcmp(norms[cs[k].t0 - 2], "capital")) {
            t0 = cs[k].t0 - 2;
            t1 = cs[k].t1;
        }
        if (t0 < 0)
            continue;
        long pi = -1;
        for (int i = 0; i < cs[k].hits.n && pi < 0; i++) {
            const where_place *c = &G_PLACES(g)[cs[k].hits.place[i]];
            if (c->kind != KIND_COUNTRY)
                continue;
            for (int j = 0; j < g->ncapitals; j++)
                if (!memcmp(g->capitals[j].cc, c->cc, 4))
                    pi = (long)g->capitals[j].place;
        }
        if (pi < 0)
            continue;
        int cue = cue_before(norms, t0, cs, ncs, NULL);
        int tier = cue >= 0 ? 2 : 1;
        double dist = anchor >= 0 && anchor < n
                          ? (t0 > anchor ? t0 - anchor : anchor - t1 + 1) : t0;
        if (anchor >= 0 && anchor < n && crosses_clause(norms, anchor, t0))
            dist += 4;
        double score = (tier == 2 ? 6.0 : 0.0) - dist + 0.5;
        if (score > best.score) {
            best.place = pi;
            best.t0 = t0;
            best.t1 = t1;
            best.tier = tier;
            best.rule = "capital-of";
            best.score = score;
        }
    }

done:
    if (best.place < 0)
        return 0;
    const where_place *p = &G_PLACES(g)[best.place];
    const char *text = G_TEXT(g);
    memset(out, 0, sizeof *out);
    out->name = text + p->name;
    memcpy(out->country, p->cc, 4);
    snprintf(out->admin1, sizeof out->admin1, "%s", text + p->admin);
    out->lat = p->lat;
    out->lon = p->lon;
    out->population = p->pop;
    out->t0 = best.t0;
    out->t1 = best.t1;
    out->rule = best.rule;
    return 1;
}

/* ---- is this run of words a place? (for the gap list) ----------------- */

/* Locative words that make the next name a place even when the gazetteer
 * does not know it ("in Wadi Barada", "around East Ghouta"); weaker ones
 * ("from", "to", "at", "on") also precede organisations and are left out. */
static const char *const strong_preps[] = {
    "in", "near", "around", "outside", "inside", "across", "into", "throughout",
    "toward", "towards", "within", "besieging", "nearby", NULL};

static int is_place_noun(const char *w)
{
    size_t l = strlen(w);
    if (word_in(place_nouns, w) || !strcmp(w, "cities") || !strcmp(w, "countries"))
        return 1;
    if (l > 3 && w[l - 1] == 's') {
        char one[32];
        if (l - 1 >= sizeof one)
            return 0;
        memcpy(one, w, l - 1);
        one[l - 1] = 0;
        return word_in(place_nouns, one);
    }
    return 0;
}

/* A locative cue before token t0: a strong preposition or "the town(s) of",
 * reached by walking back over modifiers, articles and hyphens. */
static int strong_cue_before(const char *const *norms, int t0)
{
    for (int j = t0 - 1, steps = 0; j >= 0 && steps < 8; j--, steps++) {
        const char *w = norms[j];
        if (word_in(strong_preps, w))
            return 1;
        if (!strcmp(w, "of") && j > 0 && is_place_noun(norms[j - 1]))
            return 1;
        size_t l = strlen(w);
        if (word_in(modifiers, w) || !strcmp(w, "-") ||
            (j + 1 < t0 && !strcmp(norms[j + 1], "-")) || (l > 3 && !strcmp(w + l - 3, "ern")))
            continue;
        return 0;
    }
    return 0;
}

/* Start of the capitalised name that ends at token e (inclusive), or -1. */
static int name_start(const char *const *norms, const unsigned char *caps, int e)
{
    if (e < 0 || !caps[e] || tok_class(norms[e]) != TOK_WORD)
        return -1;
    int s = e;
    while (s > 0 && ((caps[s - 1] && tok_class(norms[s - 1]) == TOK_WORD) ||
                     (tok_class(norms[s - 1]) == TOK_JOINER && s > 1 && caps[s - 2])))
        s--;
    return s;
}

int where_place_at(const where_gazetteer *g, const char *const *norms,
                   const unsigned char *caps, int n, int t0, int t1,
                   const char *const *ctx, int nctx)
{
    if (!norms || !caps || t0 < 0 || t1 > n || t0 >= t1)
        return WHERE_NONE;
    for (int i = 0; i < n; i++)
        if (!norms[i])
            return WHERE_NONE;
    /* the words around it, or a place noun ending it ("Idlib Province") */
    if (strong_cue_before(norms, t0) || (t1 < n && word_in(after_nouns, norms[t1])) ||
        (t1 - t0 > 1 && word_in(after_nouns, norms[t1 - 1])))
        return WHERE_CUED;
    /* "X and Y", "X, Y or Z" after a cue: each of them is a place */
    int e = t0 - 1;
    for (int depth = 0; depth < 4 && e > 0; depth++) {
        if (strcmp(norms[e], "and") && strcmp(norms[e], "or") && strcmp(norms[e], ","))
            break;
        int s = name_start(norms, caps, e - 1);
        if (s < 0)
            break;
        if (strong_cue_before(norms, s))
            return WHERE_CUED;
        e = s - 1;
    }
    if (!g)
        return WHERE_NONE;
    /* the gazetteer: a country, a US state, or a city that stands out */
    char key[MAXKEY];
    size_t len = 0;
    for (int j = t0; j < t1; j++) {
        if (tok_class(norms[j]) != TOK_WORD)
            continue;
        if (len && len + 1 < sizeof key)
            key[len++] = ' ';
        if (!fold_append(key, &len, sizeof key, norms[j]))
            return WHERE_NONE;
    }
    if (!len || (t1 - t0 == 1 && word_in(not_places, key)))
        return WHERE_NONE;
    where_hits h;
    find_key(g, key, len, &h);
    if (!h.n)
        return WHERE_NONE;
    if (hits_have(g, &h, KIND_COUNTRY) || hits_have(g, &h, KIND_STATE))
        return WHERE_KNOWN;
    int in_ctx = 0;
    long pi = best_place(g, &h, NULL, ctx, nctx, &in_ctx);
    if (pi < 0)
        return WHERE_NONE;
    const where_place *p = &G_PLACES(g)[pi];
    /* "X, Syria" */
    where_span qs;
    if (t1 + 1 < n && !strcmp(norms[t1], ",") && match_at(g, norms, caps, n, t1 + 1, &qs) &&
        hits_have(g, &qs.hits, KIND_COUNTRY) && best_place(g, &h, &qs.hits, ctx, nctx, NULL) >= 0)
        return WHERE_CUED;
    /* "Warren said": a person */
    if (t1 < n && word_in(speech, norms[t1]) && strcmp(norms[t1], "has") &&
        strcmp(norms[t1], "have"))
        return WHERE_NONE;
    if (p->rank >= RANK_ADM1 || p->pop >= 100000 || (in_ctx && p->pop >= 20000 && !h.stripped))
        return WHERE_KNOWN;
    return WHERE_NONE;
}
