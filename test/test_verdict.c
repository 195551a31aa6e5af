/*
 * test_verdict.c - the verdict line (format_verdict, src/cli/analyze.c,
 * shared by `entente align`, `entente bloc`, the report and the server) on
 * verdicts built by hand: the period unit is spelt right for every --by
 * (one "quarter", 12 "quarters"; --by all is one period, never "alls"),
 * in the too-few, the change and the no-change lines.
 */
#include "cli/analyze.h"
#include "testing.h"

#include <math.h>

static ent_verdict base(const char *unit, int periods, int valid)
{
    ent_verdict v;
    memset(&v, 0, sizeof v);
    v.unit = unit;
    v.periods = periods;
    v.valid = valid;
    v.events = 40;
    v.before = v.after = 0.5;
    v.p_change = 1;
    v.slope = v.slope_lo = v.slope_hi = NAN;
    v.overall = 0.47;
    v.overall_lo = 0.22;
    v.overall_hi = 0.74;
    v.overall_events = 246;
    return v;
}

static int has(const char *s, const char *part)
{
    int ok = strstr(s, part) != NULL;
    if (!ok)
        fprintf(stderr, "  \"%s\" lacks \"%s\"\n", s, part);
    return ok;
}

/* too few periods with a value: "1 of 12 quarters", "0 of 1 year" */
static void too_few(void)
{
    static const char *const units[] = {"day", "week", "month", "quarter", "year"};
    char buf[512], want[64];
    for (int i = 0; i < 5; i++) {
        ent_verdict v = base(units[i], 12, 1);
        format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
        snprintf(want, sizeof want, "1 of 12 %ss with enough", units[i]);
        CHECK(has(buf, want));
        v = base(units[i], 1, 0);
        format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
        snprintf(want, sizeof want, "0 of 1 %s with enough", units[i]);
        CHECK(has(buf, want));
        CHECK(has(buf, "pooled 0.47, 90 % CI 0.22 to 0.74, n = 246"));
    }
}

/* no dated period at all (every event undated): said so, not "0 of 0" */
static void undated_only(void)
{
    char buf[512];
    ent_verdict v = base("quarter", 0, 0);
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK_STR(buf, "IRN\u2013RUS: no dated events, so no trend to judge (similarity pooled "
                   "0.47, 90 % CI 0.22 to 0.74, n = 246)");
    CHECK(!strstr(buf, "quarter"));
}

/* counts of a large store with their thousands grouped: "n = 12,345" */
static void grouped_counts(void)
{
    char buf[512];
    ent_verdict v = base("quarter", 20, 12);
    v.events = 12345;
    v.overall_events = 1234567;
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK(has(buf, "(n = 12,345 in 12 quarters"));
    v.events = 999;
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK(has(buf, "(n = 999 in"));
    v = base("quarter", 20, 1); /* too few: the pooled figure */
    v.overall_events = 1234567;
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK(has(buf, "n = 1,234,567)"));
    v.overall_events = 1000;
    v.overall = NAN;
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK(has(buf, "too few events even pooled (n = 1,000)"));
}

/* --by all: one period, said so, with the pooled figure */
static void by_all(void)
{
    char buf[512];
    ent_verdict v = base("all", 1, 0);
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK_STR(buf, "IRN\u2013RUS: one period (--by all), no trend to judge (similarity pooled "
                   "0.47, 90 % CI 0.22 to 0.74, n = 246)");
    CHECK(!strstr(buf, "alls"));
    v.overall = NAN;
    v.overall_events = 3;
    format_verdict(buf, sizeof buf, "IRN+RUS+SYR", "cohesion", &v);
    CHECK(has(buf, "IRN+RUS+SYR: one period (--by all), no trend to judge (cohesion too few "
                   "events even pooled (n = 3))"));
}

/* a change and no change: "in 8 months", "slope -0.05/month" */
static void judged(void)
{
    char buf[512];
    ent_verdict v = base("month", 10, 8);
    v.change = 1;
    v.before = 0.61;
    v.after = 0.18;
    v.p_change = 0.01;
    v.slope = -0.05;
    v.slope_lo = -0.08;
    v.slope_hi = -0.01;
    snprintf(v.from_label, sizeof v.from_label, "2016-04");
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK_STR(buf, "IRN\u2013RUS: similarity 0.61 \u2192 0.18 from 2016-04 (n = 40 in 8 months, "
                   "change p = 0.010; slope -0.05/month, 90 % CI -0.08 to -0.01)");
    v = base("week", 5, 3);
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK(has(buf, ": no change: similarity 0.50 (n = 40 in 3 weeks, best change p = 1.000; "
                   "slope -/week"));
    v.unit = NULL;
    format_verdict(buf, sizeof buf, "IRN\u2013RUS", "similarity", &v);
    CHECK(has(buf, "in 3 periods"));
}

int main(void)
{
    too_few();
    undated_only();
    grouped_counts();
    by_all();
    judged();
    TEST_DONE();
}
