/*
 * test_when.c - event dates (when.c): the calendar helpers, each rule with
 * its span, granularity and future flag, the choice among several
 * expressions, the traps (numbers that are not dates, "since 2011", the
 * modal "may"), year boundaries and leap years; then the cases of
 * test/spec_dates.txt (or argv[1]), failing when under 95% are right.
 */
#include "context/when.h"
#include "testing.h"

#include <stdlib.h>

#define MAXTOK 512

/* A sentence split on single spaces: "december 5 , 2016". */
typedef struct toks {
    char buf[4096];
    const char *v[MAXTOK];
    int n;
} toks;

static void split(toks *t, const char *s)
{
    size_t len = strlen(s);
    if (len >= sizeof t->buf)
        len = sizeof t->buf - 1;
    memcpy(t->buf, s, len);
    t->buf[len] = 0;
    t->n = 0;
    char *p = t->buf;
    while (*p && t->n < MAXTOK) {
        while (*p == ' ')
            *p++ = 0;
        if (!*p)
            break;
        t->v[t->n++] = p;
        while (*p && *p != ' ')
            p++;
    }
}

static when_result R;

/* Resolve s; the anchor is the index of the first token equal to verb
 * (-1 when verb is NULL or absent). Returns the date. */
static int res(int doc, int fut, const char *s, const char *verb)
{
    toks t;
    split(&t, s);
    int anchor = -1;
    for (int i = 0; verb && i < t.n; i++)
        if (strcmp(t.v[i], verb) == 0) {
            anchor = i;
            break;
        }
    when_resolve(t.v, t.n, anchor, doc, fut, &R);
    return R.date;
}

static void test_calendar(void)
{
    CHECK_INT(when_days(19700101), 0);
    CHECK_INT(when_days(19700102), 1);
    CHECK_INT(when_days(19691231), -1);
    CHECK_INT(when_days(20000301) - when_days(20000228), 2); /* 2000 is a leap year */
    CHECK_INT(when_days(19000301) - when_days(19000228), 1); /* 1900 is not */
    CHECK_INT(when_days(20170101) - when_days(20160101), 366);
    CHECK_INT(when_from_days(0), 19700101);
    CHECK_INT(when_from_days(-1), 19691231);
    CHECK_INT(when_from_days(when_days(20160229) + 1), 20160301);
    CHECK_INT(when_from_days(when_days(20161231) + 1), 20170101);
    CHECK_INT(when_weekday(19700101), 3);  /* Thursday */
    CHECK_INT(when_weekday(20161220), 1);  /* Tuesday */
    CHECK_INT(when_weekday(20170101), 6);  /* Sunday */
    CHECK_INT(when_weekday(20160229), 0);  /* Monday */
    CHECK_INT(when_weekday(19000101), 0);  /* Monday */
    CHECK_INT(when_weekday(21001231), 4);  /* Friday */
    /* round trip over 1900..2100, one day after another */
    int bad = 0, prev = 0;
    for (long d = when_days(19000101); d <= when_days(21001231); d++) {
        int v = when_from_days(d);
        if (when_days(v) != d || v <= prev)
            bad++;
        prev = v;
    }
    CHECK_INT(bad, 0);
}

static void test_rules(void)
{
    /* weekdays: the document date 2016-12-20 is a Tuesday */
    CHECK_INT(res(20161220, 0, "russia bombed aleppo on friday", "bombed"), 20161216);
    CHECK_STR(R.rule, "weekday");
    CHECK_INT(R.t0, 4);
    CHECK_INT(R.t1, 5);
    CHECK_INT(R.granularity, 'd');
    CHECK_INT(R.future, 0);
    CHECK_INT(res(20161220, 1, "lavrov will meet kerry on friday", "meet"), 20161223);
    CHECK_INT(R.future, 1);
    CHECK_INT(res(20161220, 0, "tuesday 's meeting ended", "ended"), 20161220);
    CHECK_INT(R.t0, 0);
    CHECK_INT(R.t1, 1);
    /* the document date is a Friday: "on Friday" is that day */
    CHECK_INT(res(20161216, 0, "talks resumed on friday", "resumed"), 20161216);
    CHECK_INT(res(20161216, 0, "talks collapsed last friday", "collapsed"), 20161209);
    CHECK_INT(R.t0, 2);
    CHECK_INT(R.t1, 4);
    CHECK_INT(res(20161216, 1, "talks will resume next friday", "resume"), 20161223);
    CHECK_INT(res(20170102, 0, "rebels shelled the city on saturday", "shelled"), 20161231);

    /* relative days */
    CHECK_INT(res(20161220, 0, "iran condemned the attack yesterday", "condemned"), 20161219);
    CHECK_STR(R.rule, "relative-day");
    CHECK_INT(res(20161231, 1, "talks will resume tomorrow", "resume"), 20170101);
    CHECK_INT(R.future, 1);
    CHECK_INT(res(20161220, 0, "gunmen attacked a checkpoint last night", "attacked"), 20161219);
    CHECK_INT(R.t0, 4);
    CHECK_INT(R.t1, 6);
    CHECK_INT(res(20161220, 0, "the army shelled the town the previous day", "shelled"), 20161219);
    CHECK_INT(R.t1 - R.t0, 3);
    CHECK_INT(res(20161220, 0, "the army shelled the town the day before the vote", "shelled"), 0);
    CHECK_INT(res(20160301, 0, "the vote happened yesterday", "happened"), 20160229);

    /* relative weeks, months, years */
    CHECK_INT(res(20161220, 0, "russia vetoed it last week", "vetoed"), 20161213);
    CHECK_STR(R.rule, "relative-week");
    CHECK_INT(R.granularity, 'w');
    CHECK_INT(res(20161220, 1, "the envoy will return next week", "return"), 20161227);
    CHECK_INT(R.future, 1);
    CHECK_INT(res(20161220, 0, "iran hosted talks this week", "hosted"), 20161220);
    CHECK_INT(R.future, 0);
    CHECK_INT(res(20170115, 0, "aid was suspended last month", "suspended"), 20161201);
    CHECK_STR(R.rule, "relative-month");
    CHECK_INT(R.granularity, 'm');
    CHECK_INT(res(20161220, 0, "syria accused israel earlier this month", "accused"), 20161201);
    CHECK_INT(R.t0, 3);
    CHECK_INT(R.t1, 6);
    CHECK_INT(res(20161215, 1, "talks will resume next month", "resume"), 20170101);
    CHECK_INT(res(20170110, 0, "russia deployed jets last year", "deployed"), 20160101);
    CHECK_STR(R.rule, "relative-year");
    CHECK_INT(R.granularity, 'y');
    CHECK_INT(res(20161220, 0, "iran signed the deal earlier this year", "signed"), 20160101);

    /* ago */
    CHECK_INT(res(20161220, 0, "the truce collapsed two weeks ago", "collapsed"), 20161206);
    CHECK_STR(R.rule, "ago");
    CHECK_INT(R.granularity, 'w');
    CHECK_INT(R.t0, 3);
    CHECK_INT(R.t1, 6);
    CHECK_INT(res(20161220, 0, "the truce collapsed 3 days ago", "collapsed"), 20161217);
    CHECK_INT(R.granularity, 'd');
    CHECK_INT(res(20161220, 0, "the truce collapsed a month ago", "collapsed"), 20161120);
    CHECK_INT(R.granularity, 'm');
    CHECK_INT(res(20161220, 0, "they left a few days ago", "left"), 20161217);
    CHECK_INT(res(20170331, 0, "the siege began a month ago", "began"), 20170228);
    CHECK_INT(res(20160229, 0, "the talks ended a year ago", "ended"), 20150228);
    CHECK_INT(R.granularity, 'y');
    CHECK_INT(res(20161220, 0, "they left eleven days ago", "left"), 20161209);

    /* explicit dates */
    CHECK_INT(res(20161220, 0, "they signed the accord on december 5 , 2016", "signed"), 20161205);
    CHECK_STR(R.rule, "explicit");
    CHECK_INT(R.t0, 5);
    CHECK_INT(R.t1, 9);
    CHECK_INT(res(20161220, 0, "it was signed on 23 november 2015", "signed"), 20151123);
    CHECK_INT(R.t1 - R.t0, 3);
    CHECK_INT(res(20161220, 0, "the attack occurred on sept. 11 , 2001", "occurred"), 20010911);
    CHECK_INT(res(20161220, 0, "the attack occurred on sep 11th 2001", "occurred"), 20010911);
    CHECK_INT(res(20161220, 0, "talks opened on monday , december 5 , 2016", "opened"), 20161205);
    CHECK_INT(R.t0, 3); /* the weekday belongs to the date */
    CHECK_INT(res(20161220, 0, "talks will open on january 9 , 2017", "open"), 20170109);
    CHECK_INT(R.future, 1);

    /* explicit, no year: the past occurrence unless future */
    CHECK_INT(res(20161220, 0, "the envoy arrived on dec. 5", "arrived"), 20161205);
    CHECK_STR(R.rule, "explicit-no-year");
    CHECK_INT(res(20160610, 0, "the envoy arrived on june 21", "arrived"), 20150621);
    CHECK_INT(res(20160610, 1, "the envoy will arrive on june 21", "arrive"), 20160621);
    CHECK_INT(res(20170110, 0, "the army attacked on december 28", "attacked"), 20161228);
    CHECK_INT(res(20170315, 0, "it was held on february 29", "held"), 20160229);
    CHECK_INT(res(20161220, 0, "the talks ended in december", "ended"), 20161201);
    CHECK_INT(R.granularity, 'm');
    CHECK_INT(res(20161220, 0, "protests began in mid - march", "began"), 20160301);
    CHECK_INT(res(20170110, 0, "talks broke down last june", "broke"), 20160601);
    CHECK_INT(res(20161220, 0, "protests erupted in march 2016", "erupted"), 20160301);
    CHECK_STR(R.rule, "month-year");
    CHECK_INT(R.granularity, 'm');
    CHECK_INT(res(20161220, 0, "protests erupted in 2015", "erupted"), 20150101);
    CHECK_STR(R.rule, "year");
    CHECK_INT(R.granularity, 'y');
    CHECK_INT(R.t0, 3);
}

static void test_traps(void)
{
    /* numbers that are not dates */
    CHECK_INT(res(20161220, 0, "russia has cast 6 vetoes since 2011", "cast"), 0);
    CHECK(R.rule == NULL);
    CHECK_INT(R.t0, -1);
    CHECK_INT(R.granularity, 0);
    CHECK_INT(res(20161220, 0, "fighting has raged since march 2011", "raged"), 0);
    CHECK_INT(res(20161220, 0, "the meeting began at 10 a.m.", "began"), 0);
    CHECK_INT(res(20161220, 0, "the council adopted resolution 2254", "adopted"), 0);
    CHECK_INT(res(20161220, 0, "jets bombed targets in 2000 villages", "bombed"), 0);
    CHECK_INT(res(20161220, 0, "the 2015 accord collapsed", "collapsed"), 0);
    /* "may" the modal and "march" the verb */
    CHECK_INT(res(20161220, 1, "iran may strike israel", "strike"), 0);
    CHECK_INT(res(20161220, 1, "the rebels may withdraw from 5 towns", "withdraw"), 0);
    CHECK_INT(res(20161220, 1, "protesters will march 5 km to the embassy", "march"), 0);
    CHECK_INT(res(20161220, 1, "the talks this may fail", "fail"), 0);
    CHECK_INT(res(20161220, 0, "the vote took place on may 5", "took"), 20160505);
    CHECK_INT(res(20161220, 0, "the vote took place on 5 may", "took"), 20160505);
    CHECK_INT(res(20161220, 0, "the vote took place in may", "took"), 20160501);
    CHECK_INT(res(20161220, 0, "the vote took place in may 2016", "took"), 20160501);
    CHECK_INT(res(20161220, 0, "rebels staged a march 5 days ago", "staged"), 20161215);
    CHECK_STR(R.rule, "ago");
    /* invalid days */
    CHECK_INT(res(20161220, 0, "it was held on february 30 , 2016", "held"), 0);
    CHECK_INT(res(20161220, 0, "it was held on february 29 , 2015", "held"), 0);
    CHECK_INT(res(20161220, 0, "it was held on april 31", "held"), 0);
    CHECK_INT(res(20161220, 0, "it was held on february 29 , 2016", "held"), 20160229);
    /* since / until / every */
    CHECK_INT(res(20161220, 1, "the truce will hold until next week", "hold"), 0);
    CHECK_INT(res(20161220, 0, "rebels attack every friday", "attack"), 0);
    CHECK_INT(res(20161220, 0, "the sunday times reported the raid", "reported"), 0);
}

static void test_choice(void)
{
    /* the nearest after the verb, within 8 tokens, then before */
    const char *s = "the envoy visited damascus on tuesday and left on wednesday";
    CHECK_INT(res(20161220, 0, s, "visited"), 20161220);
    CHECK_INT(res(20161220, 0, s, "left"), 20161214);
    CHECK_INT(res(20161220, 0, "on monday the army said it had retaken the city", "retaken"),
              20161219);
    CHECK_INT(res(20161220, 0, "on monday the army retook the city of aleppo from the rebels after "
                              "a long siege on sunday", "retook"),
              20161219); /* "sunday" is 15 tokens away */
    /* clauses */
    s = "putin , who met erdogan on friday , said russia would help";
    CHECK_INT(res(20161220, 0, s, "said"), 0);
    CHECK_INT(res(20161220, 0, s, "met"), 20161216);
    CHECK_INT(res(20161220, 0, "russia bombed aleppo , which rebels seized in 2012", "bombed"), 0);
    CHECK_INT(res(20161220, 0, "turkey met iran on saturday ; russia bombed aleppo", "bombed"), 0);
    CHECK_INT(res(20161220, 0, "turkey met iran on saturday but russia bombed aleppo", "bombed"), 0);
    /* no anchor: the first expression */
    CHECK_INT(res(20161220, 0, "on friday and on monday", NULL), 20161216);
    CHECK_INT(R.t0, 1);

    /* never past n: "on friday" cut after "on" */
    toks t;
    split(&t, "on friday");
    CHECK_INT(when_resolve(t.v, 1, 0, 20161220, 0, &R), 0);
    CHECK_INT(when_resolve(t.v, 2, 0, 20161220, 0, &R), 1);
    split(&t, "december 5 , 2016");
    CHECK_INT(when_resolve(t.v, 2, -1, 20161220, 0, &R), 1);
    CHECK_INT(R.date, 20161205);
    CHECK_STR(R.rule, "explicit-no-year");
    CHECK_INT(when_resolve(t.v, 0, -1, 20161220, 0, &R), 0);
    CHECK_INT(when_resolve(NULL, 3, -1, 20161220, 0, &R), 0);
    CHECK_INT(when_resolve(t.v, 4, -1, 20161220, 0, NULL), 0);
    /* NULL tokens count as empty */
    const char *holes[] = {"on", NULL, "friday", NULL};
    CHECK_INT(when_resolve(holes, 4, -1, 20161220, 0, &R), 1);
    CHECK_INT(R.date, 20161216);
    /* without a document date only dates with a year resolve */
    CHECK_INT(res(0, 0, "they met on friday", "met"), 0);
    CHECK_INT(res(0, 0, "they met on december 5 , 2016", "met"), 20161205);
    CHECK_INT(res(20161399, 0, "they met yesterday", "met"), 0);

    /* a long sentence: the expression near the anchor is found */
    static char big[4096];
    size_t n = 0;
    for (int i = 0; i < 400 && n + 16 < sizeof big; i++) {
        memcpy(big + n, i == 300 ? "yesterday " : "word ", i == 300 ? 10 : 5);
        n += i == 300 ? 10 : 5;
    }
    big[n ? n - 1 : 0] = 0;
    split(&t, big);
    CHECK_INT(when_resolve(t.v, t.n, 296, 20161220, 0, &R), 1);
    CHECK_INT(R.date, 20161219);
}

/* The cases of the spec file: the share right must be at least 95%. */
static void test_spec(const char *path)
{
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return;
    }
    char line[2048];
    int lineno = 0, total = 0, right = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *field[6];
        int nf = 0;
        char *p = line;
        while (nf < 6) {
            field[nf++] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = 0;
        }
        if (nf != 6) {
            fprintf(stderr, "%s:%d: want 6 tab-separated fields\n", path, lineno);
            total++;
            continue;
        }
        toks t;
        split(&t, field[2]);
        int doc = atoi(field[0]), fut = atoi(field[1]), anchor = atoi(field[3]);
        int want = atoi(field[4]);
        const char *want_rule = strcmp(field[5], "-") ? field[5] : NULL;
        when_resolve(t.v, t.n, anchor, doc, fut, &R);
        int ok = R.date == want &&
                 (want_rule ? R.rule && !strcmp(R.rule, want_rule) : R.rule == NULL);
        total++;
        if (ok)
            right++;
        else
            fprintf(stderr, "%s:%d: \"%s\": got %d %s, want %d %s\n", path, lineno, field[2],
                    R.date, R.rule ? R.rule : "-", want, field[5]);
    }
    fclose(f);
    printf("%s: %d of %d cases right (%.1f%%)\n", path, right, total,
           total ? 100.0 * right / total : 0.0);
    CHECK(total >= 100);
    CHECK(total > 0 && right * 100 >= total * 95);
}

int main(int argc, char **argv)
{
    test_calendar();
    test_rules();
    test_traps();
    test_choice();
    test_spec(argc > 1 ? argv[1] : "test/spec_dates.txt");
    TEST_DONE();
}
