/*
 * test_dedup.c - near-duplicate documents (dedup.c): copies and light edits
 * of a story are caught, different stories are not, the same id is not its
 * own duplicate, and the index forgets the oldest documents at its limit.
 */
#include "entente.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>

static ent_doc *doc(const char *id, const char *text)
{
    ent_skip_reason why;
    return ent_doc_from_bytes("txt", text, strlen(text), id, &why);
}

static int check(ent_dedup *d, const char *id, const char *text, const char **orig, double *sim)
{
    ent_doc *x = doc(id, text);
    int r = ent_dedup_check(d, x, orig, sim);
    ent_doc_free(x);
    return r;
}

int main(void)
{
    const char *story =
        "Russian and Turkish officials met in Moscow on Tuesday to discuss a ceasefire in "
        "northern Syria, where government forces have pressed an offensive against rebel "
        "groups for three weeks despite calls for restraint from the United Nations.";
    const char *edited =
        "Russian and Turkish officials met in Moscow on Tuesday to discuss a ceasefire in "
        "northern Syria, where government forces have pressed an offensive against rebel "
        "groups for three weeks despite calls for restraint from the UN.";
    const char *other =
        "Iran's foreign minister travelled to Baghdad on Sunday for talks on water sharing, "
        "electricity debts and the reopening of border crossings closed since the spring.";
    ent_dedup *d = ent_dedup_new(0, 0);
    const char *orig;
    double sim;
    CHECK_INT(check(d, "a", story, &orig, &sim), 0);
    CHECK_INT(check(d, "b", story, &orig, &sim), 1);
    CHECK_STR(orig, "a");
    CHECK(sim > 0.99);
    CHECK_INT(check(d, "c", edited, &orig, &sim), 1);
    CHECK_STR(orig, "a");
    CHECK(sim >= 0.8 && sim < 1.0);
    CHECK_INT(check(d, "d", other, &orig, &sim), 0);
    CHECK_INT(check(d, "a", story, &orig, &sim), 0); /* re-coding the same id */
    CHECK_INT(check(d, "e", "Short text.", &orig, &sim), 0);
    CHECK_INT(check(d, "f", "Short   TEXT!", &orig, &sim), 1);
    ent_dedup_free(d);

    /* a limit of two: the first story is forgotten after two others */
    d = ent_dedup_new(2, 0.8);
    CHECK_INT(check(d, "a", story, &orig, &sim), 0);
    CHECK_INT(check(d, "d", other, &orig, &sim), 0);
    CHECK_INT(check(d, "g", "A third story about something else entirely, with enough words.", &orig, &sim), 0);
    CHECK_INT(check(d, "b", story, &orig, &sim), 0);
    ent_dedup_free(d);

    /* many documents: no false duplicates among distinct texts, bounded index */
    d = ent_dedup_new(1000, 0.8);
    int false_dups = 0;
    char buf[512];
    srand(7);
    for (int i = 0; i < 20000; i++) {
        size_t n = 0;
        for (int w = 0; w < 40; w++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "w%d ", rand() % 5000);
        char id[32];
        snprintf(id, sizeof id, "r%d", i);
        false_dups += check(d, id, buf, &orig, &sim);
    }
    CHECK_INT(false_dups, 0);
    ent_dedup_free(d);
    ent_dedup_free(NULL);
    TEST_DONE();
}
