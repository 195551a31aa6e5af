/*
 * test_where.c - unit test of the gazetteer and place finder (where.c).
 * Usage: test_where data/places.gen.tsv test/spec_places.txt
 * A few direct checks, then every case of the spec file: context
 * countries, a tokenized sentence (capitalised tokens marked "^"), the
 * event verb's index and the expected "name|ISO3" or "none". Cases are
 * counted one by one; the test fails if fewer than 90% are right.
 */
#include "testing.h"
#include "where.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

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

int main(int argc, char **argv)
{
    const char *gaz = argc > 1 ? argv[1] : "data/places.gen.tsv";
    const char *spec = argc > 2 ? argv[2] : "test/spec_places.txt";

    errno = 0;
    CHECK(where_load("/nonexistent/places.tsv") == NULL);
    CHECK_INT(errno, ENOENT);
    where_free(NULL);

    double t = now_ms();
    where_gazetteer *g = where_load(gaz);
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
    where_free(g);
    TEST_DONE();
}
