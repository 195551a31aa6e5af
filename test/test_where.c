/*
 * test_where.c - unit test of the gazetteer and place finder (where.c).
 * Usage: test_where data/places.gen.tsv test/spec_places.txt
 * A few direct checks, then every case of the spec file: context
 * countries, a tokenized sentence (capitalised tokens marked "^"), the
 * event verb's index and the expected "name|ISO3" or "none". Cases are
 * counted one by one; the test fails if fewer than 90% are right. Then the
 * compiled gazetteer: it finds what the TSV finds (every spec case, and a
 * sample of all names; where_find and where_place_at), is passed over
 * when stale and refused with a message when corrupt.
 */
#include "base/binfile.h"
#include "base/mem.h"
#include "testing.h"
#include "context/where.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { MAXTOK = 128, MAXCTX = 8 };

typedef struct spec_case {
    const char *norms[MAXTOK];
    unsigned char caps[MAXTOK];
    const char *ctx[MAXCTX];
    int n, nctx, anchor;
} spec_case;

/* Split a sentence of space-separated tokens, "^" marking capitals. */
static void parse_sentence(char *s, spec_case *c)
{
    c->n = 0;
    for (char *tok = strtok(s, " "); tok && c->n < MAXTOK; tok = strtok(NULL, " ")) {
        c->caps[c->n] = tok[0] == '^';
        c->norms[c->n] = tok + (tok[0] == '^');
        c->n++;
    }
}

/* Find on a sentence written inline, for the direct checks. */
static int find_in(const where_gazetteer *g, const char *sentence, int anchor,
                   const char *ctx0, where_result *r)
{
    static char buf[1024];
    spec_case c;
    snprintf(buf, sizeof buf, "%s", sentence);
    parse_sentence(buf, &c);
    const char *ctx[1] = {ctx0};
    return where_find(g, c.norms, c.caps, c.n, anchor, ctx, ctx0 ? 1 : 0, r);
}

/* where_place_at on a sentence written inline: the run [t0, t1). */
static int place_in(const where_gazetteer *g, const char *sentence, int t0, int t1,
                    const char *ctx0)
{
    static char buf[1024];
    spec_case c;
    snprintf(buf, sizeof buf, "%s", sentence);
    parse_sentence(buf, &c);
    const char *ctx[1] = {ctx0};
    return where_place_at(g, c.norms, c.caps, c.n, t0, t1, ctx, ctx0 ? 1 : 0);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Run the spec file; returns the share of cases right (or -1). */
static double run_spec(const where_gazetteer *g, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char line[2048];
    int lineno = 0, total = 0, right = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *field[4];
        int k = 0;
        for (char *p = line; k < 4; k++) {
            field[k] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                k++;
                break;
            }
            *tab = 0;
            p = tab + 1;
        }
        if (k != 4) {
            fprintf(stderr, "%s:%d: want 4 tab-separated fields\n", path, lineno);
            total++;
            continue;
        }
        spec_case c;
        c.nctx = 0;
        if (strcmp(field[0], "-") != 0)
            for (char *t = strtok(field[0], ","); t && c.nctx < MAXCTX; t = strtok(NULL, ","))
                c.ctx[c.nctx++] = t;
        c.anchor = atoi(field[2]);
        char expect[256];
        snprintf(expect, sizeof expect, "%s", field[3]);
        parse_sentence(field[1], &c);
        where_result r;
        int found = where_find(g, c.norms, c.caps, c.n, c.anchor, c.ctx, c.nctx, &r);
        int ok;
        char got[300];
        if (found)
            snprintf(got, sizeof got, "%s|%s", r.name, r.country);
        else
            snprintf(got, sizeof got, "none");
        ok = strcmp(got, expect) == 0;
        total++;
        right += ok;
        if (!ok)
            fprintf(stderr, "%s:%d: got %s (%s), want %s\n", path, lineno, got,
                    found ? r.rule : "-", expect);
    }
    fclose(f);
    printf("spec_places: %d of %d right (%.1f%%)\n", right, total,
           total ? 100.0 * right / total : 0.0);
    return total ? (double)right / total : -1;
}

/* The result of a find as one line, to compare two gazetteers; then
 * where_place_at of every run of capitalised tokens, where it stands and
 * with the words before it cut off (so that the gazetteer decides). */
static void describe(const where_gazetteer *g, spec_case *c, char *out, size_t n)
{
    where_result r;
    size_t len;
    if (!where_find(g, c->norms, c->caps, c->n, c->anchor, c->ctx, c->nctx, &r))
        len = (size_t)snprintf(out, n, "none");
    else
        len = (size_t)snprintf(out, n, "%s|%s|%s|%.5f|%.5f|%ld|%d|%d|%s", r.name, r.country,
                               r.admin1, r.lat, r.lon, r.population, r.t0, r.t1, r.rule);
    for (int s = 0, e; s < c->n && len < n; s = e) {
        for (e = s + 1; c->caps[s] && e < c->n && c->caps[e]; e++)
            ;
        if (!c->caps[s])
            continue;
        int here = where_place_at(g, c->norms, c->caps, c->n, s, e, c->ctx, c->nctx);
        int alone = where_place_at(g, c->norms + s, c->caps + s, c->n - s, 0, e - s, c->ctx,
                                   c->nctx);
        len += (size_t)snprintf(out + len, n - len, " %d:%d/%d", s, here, alone);
    }
}

/* Every spec sentence and "in NAME" for every 5th row of the TSV, found
 * in both gazetteers; returns the number of differences. */
static int compare(const where_gazetteer *a, const where_gazetteer *b, const char *tsv,
                   const char *spec, int *ncases)
{
    int diff = 0;
    *ncases = 0;
    char line[2048], ra[600], rb[600];
    FILE *f = fopen(spec, "r");
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        char *tab3 = tab2 ? strchr(tab2 + 1, '\t') : NULL;
        if (line[0] == '#' || !tab3)
            continue;
        *tab1 = *tab2 = *tab3 = 0;
        spec_case c;
        c.nctx = 0;
        if (strcmp(line, "-") != 0)
            for (char *t = strtok(line, ","); t && c.nctx < MAXCTX; t = strtok(NULL, ","))
                c.ctx[c.nctx++] = t;
        c.anchor = atoi(tab2 + 1);
        parse_sentence(tab1 + 1, &c);
        describe(a, &c, ra, sizeof ra);
        describe(b, &c, rb, sizeof rb);
        diff += strcmp(ra, rb) != 0;
        ++*ncases;
    }
    if (f)
        fclose(f);
    f = fopen(tsv, "r");
    for (long row = 0; f && fgets(line, sizeof line, f); row++) {
        if (row % 5)
            continue;
        char *key = strchr(line, '\t');
        char *end = key ? strchr(key + 1, '\t') : NULL;
        if (!end)
            continue;
        *end = 0;
        char sentence[1200];
        snprintf(sentence, sizeof sentence, "fighting raged in");
        for (char *t = strtok(key + 1, " "); t; t = strtok(NULL, " "))
            snprintf(sentence + strlen(sentence), sizeof sentence - strlen(sentence), " ^%s", t);
        spec_case c;
        c.nctx = 0;
        c.anchor = 1;
        parse_sentence(sentence, &c);
        describe(a, &c, ra, sizeof ra);
        describe(b, &c, rb, sizeof rb);
        if (strcmp(ra, rb) && diff++ < 5)
            fprintf(stderr, "compiled: %s, text: %s\n", rb, ra);
        ++*ncases;
    }
    if (f)
        fclose(f);
    return diff;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static char msgs[2048];
static void diag(void *ud, const char *file, long line, const char *msg)
{
    (void)ud;
    snprintf(msgs + strlen(msgs), sizeof msgs - strlen(msgs), "%s:%ld: %s\n", file, line, msg);
}

static void test_compiled(const where_gazetteer *text, const char *gaz, const char *spec)
{
    char tmpdir[] = "/tmp/entente-test-where-XXXXXX";
    if (!mkdtemp(tmpdir)) {
        CHECK(0);
        return;
    }
    char bin[512], tsv[512], err[300] = "";
    snprintf(bin, sizeof bin, "%s/real.bin", tmpdir);

    /* the real gazetteer: compiled and text find the same places */
    CHECK_INT(where_compile(gaz, bin, err, sizeof err), 0);
    size_t len = 0;
    char *bytes = mem_read_file(bin, 1u << 30, &len);
    double t = now_ms();
    where_gazetteer *g = bytes ? where_load_compiled(bytes, len, err, sizeof err) : NULL;
    t = now_ms() - t;
    CHECK(g && where_is_compiled(g) && !where_is_compiled(text));
    if (!g) {
        fprintf(stderr, "compiled load: %s\n", err);
    } else {
        printf("where: compiled form (%.1f MB) loaded in %.1f ms\n", len / 1048576.0, t);
        CHECK_INT(where_count(g), where_count(text));
        int ncases;
        CHECK_INT(compare(text, g, gaz, spec, &ncases), 0);
        CHECK(ncases > 20000);
    }
    where_free(g);

    /* out of memory at each allocation of a compiled load */
    int loaded = 0, tries = 0;
    for (long k = 1; bytes && !loaded && k < 100; k++, tries++) {
        mem_fail_after(k);
        g = where_load_compiled(bytes, len, err, sizeof err);
        mem_fail_after(0);
        loaded = g != NULL;
        where_free(g);
    }
    CHECK(loaded && tries >= 2);

    /* truncations, a flipped byte, bad offsets behind a good checksum */
    const size_t cuts[] = {0, 5, 1000, len / 3, len - 8};
    for (size_t i = 0; bytes && i < sizeof cuts / sizeof *cuts; i++) {
        err[0] = 0;
        CHECK(where_load_compiled(bytes, cuts[i], err, sizeof err) == NULL);
        CHECK(strstr(err, "truncated") != NULL);
    }
    if (bytes && len > 100000) {
        bytes[len / 2] ^= 0x10;
        CHECK(where_load_compiled(bytes, len, err, sizeof err) == NULL);
        CHECK(strstr(err, "checksum") != NULL);
        bytes[len / 2] ^= 0x10;
        size_t n;
        const void *places = binfile_section_at(bytes, 1, &n);
        const void *slots = binfile_section_at(bytes, 2, &n);
        uint32_t v = 0x7ffffff0u;
        memcpy((char *)places + 4, &v, 4); /* the first place's key */
        binfile_seal(bytes, len);
        CHECK(where_load_compiled(bytes, len, err, sizeof err) == NULL);
        CHECK(strstr(err, "outside") != NULL);
        memset((char *)slots, 0xff, n); /* a full table of bad slots */
        binfile_seal(bytes, len);
        CHECK(where_load_compiled(bytes, len, err, sizeof err) == NULL);
    }
    mem_free(bytes);
    remove(bin);

    /* a small gazetteer of its own: staleness and fallback */
    snprintf(tsv, sizeof tsv, "%s/places.gen.tsv", tmpdir);
    snprintf(bin, sizeof bin, "%s/places.gen.bin", tmpdir);
    write_file(tsv, "Aleppo\taleppo\tSYR\t09\t36.2\t37.16\t1602264\tPPLA\n"
                    "Damascus\tdamascus\tSYR\t13\t33.5\t36.3\t1569394\tPPLC\n"
                    "Syria\tsyria\tSYR\t\t\t\t\tPCLI\n");
    CHECK_INT(where_compile(tsv, bin, err, sizeof err), 0);
    where_result r;
    msgs[0] = 0;
    g = where_load_diag(tsv, diag, NULL);
    CHECK(g && where_is_compiled(g) && where_count(g) == 3 && !msgs[0]);
    CHECK_INT(find_in(g, "talks opened in ^syria 's capital", 1, NULL, &r), 1);
    CHECK_STR(r.name, "Damascus");
    where_free(g);

    struct stat st;
    stat(tsv, &st);
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    times[1].tv_sec -= 10;
    CHECK_INT(utimensat(AT_FDCWD, tsv, times, 0), 0);
    g = where_load_diag(tsv, diag, NULL);
    CHECK(g && !where_is_compiled(g) && where_count(g) == 3 && !msgs[0]);
    where_free(g);

    CHECK_INT(where_compile(tsv, bin, err, sizeof err), 0);
    CHECK_INT(truncate(bin, 700), 0);
    g = where_load_diag(tsv, diag, NULL);
    CHECK(g && !where_is_compiled(g) && where_count(g) == 3);
    CHECK(strstr(msgs, "places.gen.bin:0: compiled gazetteer not used (truncated") != NULL);
    CHECK(strstr(msgs, "reading places.gen.tsv instead") != NULL);
    where_free(g);
    remove(tsv);
    remove(bin);
    rmdir(tmpdir);
}

int main(int argc, char **argv)
{
    const char *gaz = argc > 1 ? argv[1] : "data/places.gen.tsv";
    const char *spec = argc > 2 ? argv[2] : "test/spec_places.txt";

    errno = 0;
    CHECK(where_load("/nonexistent/places.tsv") == NULL);
    CHECK_INT(errno, ENOENT);
    where_free(NULL);

    double t = now_ms();
    where_gazetteer *g = where_load_text(gaz);
    t = now_ms() - t;
    CHECK(g != NULL);
    if (!g) {
        perror(gaz);
        TEST_DONE();
    }
    printf("where: %ld rows loaded in %.1f ms\n", where_count(g), t);
    CHECK(where_count(g) > 100000);

    where_result r;
    CHECK_INT(find_in(g, "russian jets struck rebels in ^aleppo on friday", 2, NULL, &r), 1);
    CHECK_STR(r.name, "Aleppo");
    CHECK_STR(r.country, "SYR");
    CHECK_STR(r.rule, "preposition");
    CHECK_INT(r.t0, 5);
    CHECK_INT(r.t1, 6);
    CHECK(r.lat > 36 && r.lat < 36.5 && r.lon > 37 && r.lon < 37.3);
    CHECK(r.population > 1000000);

    CHECK_INT(find_in(g, "talks opened in ^kazakhstan 's capital on monday", 1, NULL, &r), 1);
    CHECK_STR(r.country, "KAZ");
    CHECK_STR(r.rule, "capital-of");
    CHECK_INT(r.t0, 3);
    CHECK_INT(r.t1, 6);

    CHECK_INT(find_in(g, "fighting raged in ^al - ^bab", 1, NULL, &r), 1);
    CHECK_INT(r.t0, 3);
    CHECK_INT(r.t1, 6);
    CHECK_STR(r.country, "SYR");

    CHECK_INT(find_in(g, "clashes erupted in ^tripoli", 1, "LBN", &r), 1);
    CHECK_STR(r.country, "LBN");
    CHECK_INT(find_in(g, "clashes erupted in ^tripoli", 1, NULL, &r), 1);
    CHECK_STR(r.country, "LBY");
    CHECK_INT(find_in(g, "^paris , ^texas was hit by a storm", 6, NULL, &r), 1);
    CHECK_STR(r.country, "USA");
    CHECK_STR(r.admin1, "TX");

    CHECK_INT(find_in(g, "troops entered ^jordan", 1, NULL, &r), 0);
    CHECK_INT(find_in(g, "", -1, NULL, &r), 0);
    CHECK_INT(where_find(g, NULL, NULL, 0, 0, NULL, 0, &r), 0);

    /* is this run a place? (the gap list) */
    CHECK_INT(place_in(g, "fighting around ^wadi ^barada and ^east ^ghouta", 2, 4, NULL), WHERE_CUED);
    CHECK_INT(place_in(g, "fighting around ^wadi ^barada and ^east ^ghouta", 5, 7, NULL), WHERE_CUED);
    CHECK_INT(place_in(g, "the towns of ^fua and ^kafraya", 3, 4, NULL), WHERE_CUED);
    CHECK_INT(place_in(g, "the towns of ^fua and ^kafraya", 5, 6, NULL), WHERE_CUED);
    CHECK_INT(place_in(g, "the northern city of al - ^bab", 6, 7, NULL), WHERE_CUED);
    CHECK_INT(place_in(g, "jets bombed ^idlib ^province", 2, 4, NULL), WHERE_CUED);
    CHECK_INT(place_in(g, "^aleppo has fallen", 0, 1, NULL), WHERE_KNOWN);
    CHECK_INT(place_in(g, "the ^post suggests a rift", 1, 2, "USA"), WHERE_NONE);
    CHECK_INT(place_in(g, "the ^post suggests a rift", 1, 2, NULL), WHERE_NONE);
    CHECK_INT(place_in(g, "^haid ^haid is a researcher", 0, 2, NULL), WHERE_NONE);
    CHECK_INT(place_in(g, "a statement from ^hamas", 3, 4, NULL), WHERE_NONE);
    CHECK_INT(place_in(NULL, "talks in ^geneva", 2, 3, NULL), WHERE_CUED);
    CHECK_INT(place_in(NULL, "^geneva hosted talks", 0, 1, NULL), WHERE_NONE);
    CHECK_INT(place_in(g, "^geneva hosted talks", 0, 1, NULL), WHERE_KNOWN);

    double share = run_spec(g, spec);
    CHECK(share >= 0.90);
    test_compiled(g, gaz, spec);
    where_free(g);
    TEST_DONE();
}
