/*
 * analyze.c - the analysis commands over a store written by `entente code
 * --db`:
 *   entente dyads --db F [--from D --to D --by day|week|month|year|all]
 *                 [--level country|actor] [--format csv|json] [A [B]]
 *   entente align A B --db F [...]        are A and B on the same side,
 *                                         since when, and over whom?
 *   entente bloc A B C... --db F [...]    how cohesive is a group; who drifts?
 *   entente network --db F [--format json|dot|graphml] [A]
 * The verdict lines (format_verdict) are shared with the report and the
 * server.
 */
#include "analyze.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int valid_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int valid_actor(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

static const char usage_analysis[] =
    "usage: entente dyads --db F [options] [A [B]]\n"
    "       entente align A B --db F [options]\n"
    "       entente bloc A B [C...] --db F [options]\n"
    "       entente network --db F [options] [A]\n"
    "\n"
    "Analyses of a store written by `entente code --db F` (read-only).\n"
    "  dyads    events per directed dyad and period: counts per quad class,\n"
    "           Goldstein sum and mean, distinct sources (only dyads involving A,\n"
    "           or between A and B)\n"
    "  align    A and B over time: a verdict (change point, trend, interval),\n"
    "           the third parties where they diverge most with the events behind\n"
    "           it, then per period: events and Goldstein sums both ways and the\n"
    "           similarity of how each treats third parties (cosine of quad-class\n"
    "           counts) with its bootstrap interval\n"
    "  bloc     a group's cohesion over time (mean pairwise similarity) and the\n"
    "           member that drifts from the rest\n"
    "  network  the actor graph with cooperative and conflictual event counts\n"
    "\n"
    "options:\n"
    "  --db F              the store (required)\n"
    "  --from D, --to D    date bounds, YYYY-MM-DD, inclusive\n"
    "  --by P              day, week, month, quarter, year or all (default: month;\n"
    "                      align and bloc: quarter)\n"
    "  --min-events N      align, bloc: third-party events each side needs in a\n"
    "                      period for a similarity (default 5)\n"
    "  --level L           country (default: IRNGOV counts as IRN) or actor\n"
    "  --modes LIST        modes counted (default asserted,reported)\n"
    "  --format F          dyads: csv (default) or json; align: text (default), csv,\n"
    "                      json; network: json (default), dot, graphml\n"
    "Actor arguments match by prefix: IRN also selects IRNGOV, IRNMIL...\n";

int parse_query(int argc, char **argv, ent_query *q, const char **db, const char **format,
                const char **pos, int *npos, int maxpos, const char *cmd)
{
    memset(q, 0, sizeof *q);
    q->by = ENT_BY_MONTH;
    q->country_level = 1;
    *npos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_analysis, stdout);
            return 1;
        } else if (!strcmp(a, "--db") && v) {
            *db = v;
            i++;
        } else if (!strcmp(a, "--from") && v) {
            if (!valid_date(v)) {
                fprintf(stderr, "entente %s: --from needs YYYY-MM-DD\n", cmd);
                return -1;
            }
            q->from = v;
            i++;
        } else if (!strcmp(a, "--to") && v) {
            if (!valid_date(v)) {
                fprintf(stderr, "entente %s: --to needs YYYY-MM-DD\n", cmd);
                return -1;
            }
            q->to = v;
            i++;
        } else if (!strcmp(a, "--by") && v) {
            int p = ent_period_parse(v);
            if (p < 0) {
                fprintf(stderr, "entente %s: --by is day, week, month, quarter, year or all\n",
                        cmd);
                return -1;
            }
            q->by = (ent_period)p;
            i++;
        } else if (!strcmp(a, "--level") && v) {
            if (strcmp(v, "country") && strcmp(v, "actor")) {
                fprintf(stderr, "entente %s: --level is country or actor\n", cmd);
                return -1;
            }
            q->country_level = !strcmp(v, "country");
            i++;
        } else if (!strcmp(a, "--min-events") && v) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 100000) {
                fprintf(stderr, "entente %s: --min-events needs a number from 1 to 100000\n", cmd);
                return -1;
            }
            q->min_events = (int)n;
            i++;
        } else if (!strcmp(a, "--format") && v) {
            *format = v;
            i++;
        } else if (!strcmp(a, "--modes") && v) {
            q->modes = 0;
            for (int m = 0; m < 4; m++)
                if (strstr(v, ent_mode_name((ent_mode)m)))
                    q->modes |= 1 << m;
            if (!q->modes) {
                fprintf(stderr, "entente %s: --modes lists asserted, negated, hypothetical, reported\n", cmd);
                return -1;
            }
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "entente %s: unknown or incomplete option %s\n", cmd, a);
            return -1;
        } else {
            if (*npos >= maxpos || !valid_actor(a)) {
                fprintf(stderr, "entente %s: '%s' is not an actor code (A-Z, 0-9)\n", cmd, a);
                return -1;
            }
            pos[(*npos)++] = a;
        }
    }
    if (!*db) {
        fprintf(stderr, "entente %s: --db FILE is required\n", cmd);
        return -1;
    }
    return 0;
}

void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* A period for people: "2016-Q2", "2016-04", "2016" or the day. */
static void analysis_label(const char *day, ent_period by, char out[16])
{
    if (strlen(day) < 10 || by == ENT_BY_DAY || by == ENT_BY_WEEK || by == ENT_BY_ALL)
        snprintf(out, 16, "%.10s", day);
    else if (by == ENT_BY_MONTH)
        snprintf(out, 16, "%.7s", day);
    else if (by == ENT_BY_QUARTER)
        snprintf(out, 16, "%.4s-Q%c", day, "1111222333444"[atoi(day + 5) % 13]);
    else
        snprintf(out, 16, "%.4s", day);
}

static void json_num(FILE *f, double v)
{
    if (isnan(v) || isinf(v))
        fputs("null", f);
    else
        fprintf(f, "%.4f", v);
}

void write_dyads_json(FILE *f, const ent_dyad_row *r, int n)
{
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"period\":", i ? ",\n" : "");
        json_string(f, r[i].period);
        fputs(",\"source\":", f);
        json_string(f, r[i].source);
        fputs(",\"target\":", f);
        json_string(f, r[i].target);
        fprintf(f, ",\"events\":%ld,\"verbal_coop\":%ld,\"material_coop\":%ld,"
                   "\"verbal_conflict\":%ld,\"material_conflict\":%ld,\"goldstein_sum\":",
                r[i].events, r[i].quad[0], r[i].quad[1], r[i].quad[2], r[i].quad[3]);
        json_num(f, r[i].goldstein_sum);
        fputs(",\"goldstein_mean\":", f);
        json_num(f, r[i].goldstein_mean);
        fprintf(f, ",\"sources\":%ld}", r[i].sources);
    }
    fputs("]\n", f);
}

void write_dyads_csv(FILE *f, const ent_dyad_row *r, int n)
{
    fputs("period,source,target,events,verbal_coop,material_coop,verbal_conflict,"
          "material_conflict,goldstein_sum,goldstein_mean,sources\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%s,%s,%s,%ld,%ld,%ld,%ld,%ld,%.2f,%.4f,%ld\n", r[i].period, r[i].source,
                r[i].target, r[i].events, r[i].quad[0], r[i].quad[1], r[i].quad[2], r[i].quad[3],
                r[i].goldstein_sum, r[i].goldstein_mean, r[i].sources);
}

/* A number with a sign, or "-" when there is none. */
static void num_or_dash(char *buf, size_t n, const char *fmt, double v)
{
    if (isnan(v))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, fmt, v);
}

/* The period unit for a count of them: "quarter", "quarters"; the one
 * period of --by all is a "period". */
static const char *unit_noun(const char *unit, long count)
{
    static const struct { const char *one, *many; } nouns[] = {
        {"day", "days"}, {"week", "weeks"}, {"month", "months"}, {"quarter", "quarters"},
        {"year", "years"}};
    for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
        if (unit && !strcmp(unit, nouns[i].one))
            return count == 1 ? nouns[i].one : nouns[i].many;
    return count == 1 ? "period" : "periods";
}

/* A count with its thousands grouped: "12,345". */
static const char *grouped(char *buf, size_t n, long v)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%ld", v < 0 ? -v : v), o = 0;
    if (v < 0 && (size_t)o + 1 < n)
        buf[o++] = '-';
    for (int i = 0; i < len && (size_t)o + 2 < n; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = 0;
    return buf;
}

/* The pooled figure of a verdict: "pooled 0.47, 90 % CI ..., n = 246". */
static void format_pooled(char *buf, size_t n, const ent_verdict *v)
{
    char ne[32];
    grouped(ne, sizeof ne, v->overall_events);
    if (isnan(v->overall))
        snprintf(buf, n, "too few events even pooled (n = %s)", ne);
    else
        snprintf(buf, n, "pooled %.2f, %.0f %% CI %.2f to %.2f, n = %s", v->overall,
                 ENT_ALIGN_CONF * 100, v->overall_lo, v->overall_hi, ne);
}

void format_verdict(char *buf, size_t n, const char *who, const char *what, const ent_verdict *v)
{
    char sl[24], lo[24], hi[24], all[160], ne[32];
    grouped(ne, sizeof ne, v->events);
    const char *u = v->unit ? v->unit : "period";
    num_or_dash(sl, sizeof sl, "%+.2f", v->slope);
    num_or_dash(lo, sizeof lo, "%+.2f", v->slope_lo);
    num_or_dash(hi, sizeof hi, "%+.2f", v->slope_hi);
    format_pooled(all, sizeof all, v);
    if (!strcmp(u, "all")) {
        snprintf(buf, n, "%s: one period (--by all), no trend to judge (%s %s)", who, what, all);
    } else if (v->periods == 0) {
        snprintf(buf, n, "%s: no dated events, so no trend to judge (%s %s)", who, what, all);
    } else if (v->valid < 3) {
        snprintf(buf, n, "%s: too few events for a trend: %d of %d %s with enough "
                 "third-party events on each side, 3 needed (%s %s)", who, v->valid,
                 v->periods, unit_noun(u, v->periods), what, all);
    } else if (v->change) {
        snprintf(buf, n, "%s: %s %.2f \u2192 %.2f from %s (n = %s in %d %s, change p = %.3f; "
                 "slope %s/%s, %.0f %% CI %s to %s)", who, what, v->before, v->after,
                 v->from_label, ne, v->valid, unit_noun(u, v->valid), v->p_change, sl, u,
                 ENT_ALIGN_CONF * 100, lo, hi);
    } else {
        snprintf(buf, n, "%s: %s: %s %.2f (n = %s in %d %s, best change p = %.3f; slope "
                 "%s/%s, %.0f %% CI %s to %s)", who,
                 v->trend < 0 ? "no change point, falling" : v->trend > 0
                 ? "no change point, rising" : "no change", what, v->before, ne,
                 v->valid, unit_noun(u, v->valid), v->p_change, sl, u, ENT_ALIGN_CONF * 100, lo,
                 hi);
    }
}

void write_verdict_json(FILE *f, const ent_verdict *v, const char *text)
{
    fputs("{\"text\":", f);
    json_string(f, text);
    fprintf(f, ",\"periods\":%d,\"valid\":%d,\"events\":%ld,\"change\":%s,\"from\":", v->periods,
            v->valid, v->events, v->change ? "true" : "false");
    if (v->change)
        json_string(f, v->from);
    else
        fputs("null", f);
    const struct { const char *k; double x; } nums[] = {
        {"before", v->before}, {"after", v->after}, {"p_change", v->p_change},
        {"slope", v->slope}, {"slope_lo", v->slope_lo}, {"slope_hi", v->slope_hi},
        {"mk_p", v->mk_p}, {"conf", ENT_ALIGN_CONF}, {"overall", v->overall},
        {"overall_lo", v->overall_lo}, {"overall_hi", v->overall_hi}};
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
        fprintf(f, ",\"%s\":", nums[i].k);
        json_num(f, nums[i].x);
    }
    fprintf(f, ",\"overall_events\":%ld,\"trend\":%d,\"unit\":", v->overall_events, v->trend);
    json_string(f, v->unit);
    fputc('}', f);
}

static void write_evidence_json(FILE *f, const ent_evidence *e, int n)
{
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"id\":%lld,\"doc\":", i ? "," : "", e[i].id);
        json_string(f, e[i].doc);
        fprintf(f, ",\"sentence\":%d,\"date\":", e[i].sentence);
        json_string(f, e[i].date);
        fputs(",\"source\":", f);
        json_string(f, e[i].source);
        fputs(",\"target\":", f);
        json_string(f, e[i].target);
        fputs(",\"code\":", f);
        json_string(f, e[i].code);
        fputs(",\"goldstein\":", f);
        json_num(f, e[i].goldstein);
        fputc('}', f);
    }
    fputc(']', f);
}

static void write_drivers_json(FILE *f, const ent_align_driver *d, int n)
{
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"actor\":", i ? "," : "");
        json_string(f, d[i].who);
        fputs(",\"gap\":", f);
        json_num(f, d[i].gap);
        fprintf(f, ",\"a_quad\":[%ld,%ld,%ld,%ld],\"b_quad\":[%ld,%ld,%ld,%ld],\"a_goldstein\":",
                d[i].a_quad[0], d[i].a_quad[1], d[i].a_quad[2], d[i].a_quad[3], d[i].b_quad[0],
                d[i].b_quad[1], d[i].b_quad[2], d[i].b_quad[3]);
        json_num(f, d[i].a_goldstein);
        fputs(",\"b_goldstein\":", f);
        json_num(f, d[i].b_goldstein);
        fputs(",\"events\":", f);
        write_evidence_json(f, d[i].ev, d[i].nev);
        fputc('}', f);
    }
    fputc(']', f);
}

void write_align_json(FILE *f, const char *a, const char *b, const ent_align_row *r, int n,
                      const ent_verdict *v, const ent_align_driver *d, int nd)
{
    fputs("{\"a\":", f);
    json_string(f, a);
    fputs(",\"b\":", f);
    json_string(f, b);
    if (v) {
        char who[80], text[512];
        snprintf(who, sizeof who, "%s\u2013%s", a, b);
        format_verdict(text, sizeof text, who, "similarity", v);
        fputs(",\"verdict\":", f);
        write_verdict_json(f, v, text);
        fputs(",\"drivers\":", f);
        write_drivers_json(f, d, nd);
    }
    fputs(",\"periods\":[", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"period\":", i ? ",\n" : "");
        json_string(f, r[i].period);
        fprintf(f, ",\"ab_events\":%ld,\"ba_events\":%ld,\"ab_goldstein\":", r[i].ab_events,
                r[i].ba_events);
        json_num(f, r[i].ab_goldstein);
        fputs(",\"ba_goldstein\":", f);
        json_num(f, r[i].ba_goldstein);
        fputs(",\"similarity\":", f);
        json_num(f, r[i].similarity);
        fputs(",\"sim_lo\":", f);
        json_num(f, r[i].sim_lo);
        fputs(",\"sim_hi\":", f);
        json_num(f, r[i].sim_hi);
        fprintf(f, ",\"a_events\":%ld,\"b_events\":%ld,\"too_few\":%s,\"goldstein_cosine\":",
                r[i].a_events, r[i].b_events, r[i].too_few ? "true" : "false");
        json_num(f, r[i].goldstein_cosine);
        fprintf(f, ",\"third_parties\":%d,\"diverge\":[", r[i].nthird);
        for (int k = 0; k < r[i].ndiverge; k++) {
            fprintf(f, "%s{\"actor\":", k ? "," : "");
            json_string(f, r[i].diverge[k]);
            fputs(",\"gap\":", f);
            json_num(f, r[i].gap[k]);
            fputc('}', f);
        }
        fputs("]}", f);
    }
    fputs("]}\n", f);
}

void write_align_csv(FILE *f, const ent_align_row *r, int n)
{
    fputs("period,ab_events,ba_events,ab_goldstein,ba_goldstein,similarity,sim_lo,sim_hi,"
          "a_events,b_events,goldstein_cosine,third_parties,diverge\n", f);
    for (int i = 0; i < n; i++) {
        char sim[3][24], gc[24];
        num_or_dash(sim[0], sizeof sim[0], "%.4f", r[i].similarity);
        num_or_dash(sim[1], sizeof sim[1], "%.4f", r[i].sim_lo);
        num_or_dash(sim[2], sizeof sim[2], "%.4f", r[i].sim_hi);
        num_or_dash(gc, sizeof gc, "%.4f", r[i].goldstein_cosine);
        for (int k = 0; k < 3; k++)
            if (!strcmp(sim[k], "-"))
                sim[k][0] = 0;
        if (!strcmp(gc, "-"))
            gc[0] = 0;
        fprintf(f, "%s,%ld,%ld,%.2f,%.2f,%s,%s,%s,%ld,%ld,%s,%d,", r[i].period, r[i].ab_events,
                r[i].ba_events, r[i].ab_goldstein, r[i].ba_goldstein, sim[0], sim[1], sim[2],
                r[i].a_events, r[i].b_events, gc, r[i].nthird);
        for (int k = 0; k < r[i].ndiverge; k++)
            fprintf(f, "%s%s:%+.3f", k ? " " : "", r[i].diverge[k], r[i].gap[k]);
        fputc('\n', f);
    }
}

void write_bloc_json(FILE *f, const char *const *m, int nm, const ent_bloc_row *r, int n,
                     const ent_verdict *v, const ent_bloc_member *mv, int drifter)
{
    char who[600] = "", text[800];
    for (int i = 0; i < nm; i++)
        snprintf(who + strlen(who), sizeof who - strlen(who), "%s%s", i ? "+" : "", m[i]);
    format_verdict(text, sizeof text, who, "cohesion", v);
    fputs("{\"members\":[", f);
    for (int i = 0; i < nm; i++) {
        fputs(i ? "," : "", f);
        json_string(f, m[i]);
    }
    fputs("],\"verdict\":", f);
    write_verdict_json(f, v, text);
    fputs(",\"drifter\":", f);
    if (drifter >= 0)
        json_string(f, m[drifter]);
    else
        fputs("null", f);
    fputs(",\"movement\":[", f);
    for (int i = 0; i < nm; i++) {
        fprintf(f, "%s{\"member\":", i ? "," : "");
        json_string(f, mv[i].code);
        fprintf(f, ",\"valid\":%d,\"before\":", mv[i].valid);
        json_num(f, mv[i].before);
        fputs(",\"after\":", f);
        json_num(f, mv[i].after);
        fputs(",\"slope\":", f);
        json_num(f, mv[i].slope);
        fputs(",\"slope_lo\":", f);
        json_num(f, mv[i].slope_lo);
        fputs(",\"slope_hi\":", f);
        json_num(f, mv[i].slope_hi);
        fputc('}', f);
    }
    fputs("],\"periods\":[", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"period\":", i ? ",\n" : "");
        json_string(f, r[i].period);
        fputs(",\"cohesion\":", f);
        json_num(f, r[i].cohesion);
        fputs(",\"lo\":", f);
        json_num(f, r[i].lo);
        fputs(",\"hi\":", f);
        json_num(f, r[i].hi);
        fprintf(f, ",\"pairs\":%d,\"events\":%ld,\"member\":[", r[i].pairs, r[i].events);
        for (int k = 0; k < nm; k++) {
            fputs(k ? "," : "", f);
            json_num(f, r[i].member[k]);
        }
        fputs("]}", f);
    }
    fputs("]}\n", f);
}

void write_places_json(FILE *f, const ent_place_row *r, int n)
{
    fputc('[', f);
    for (int i = 0; i < n; i++) {
        fputs(i ? ",\n{\"place\":" : "{\"place\":", f);
        json_string(f, r[i].place);
        fputs(",\"country\":", f);
        json_string(f, r[i].country);
        fprintf(f, ",\"lat\":%.5f,\"lon\":%.5f", r[i].lat, r[i].lon);
        if (strcmp(r[i].period, "all")) {
            fputs(",\"period\":", f);
            json_string(f, r[i].period);
        }
        if (r[i].source[0]) {
            fputs(",\"source\":", f);
            json_string(f, r[i].source);
            fputs(",\"target\":", f);
            json_string(f, r[i].target);
        }
        long quad[4] = {0, 0, 0, 0}, mode[4] = {0, 0, 0, 0};
        for (int m = 0; m < 4; m++)
            for (int k = 0; k < 4; k++) {
                quad[k] += r[i].n[m][k];
                mode[m] += r[i].n[m][k];
            }
        fprintf(f, ",\"events\":%ld,\"quad\":[%ld,%ld,%ld,%ld],\"modes\":{", r[i].events,
                quad[0], quad[1], quad[2], quad[3]);
        for (int m = 0; m < 4; m++)
            fprintf(f, "%s\"%s\":%ld", m ? "," : "", ent_mode_name((ent_mode)m), mode[m]);
        fputs("}}", f);
    }
    fputs("]\n", f);
}

void write_network_json(FILE *f, const ent_edge *e, int n)
{
    fputs("{\"nodes\":[", f);
    /* nodes: every actor once, in order of first appearance in sorted edges */
    const char **seen = calloc((size_t)n * 2 + 1, sizeof *seen);
    int ns = 0;
    for (int i = 0; seen && i < n; i++)
        for (int k = 0; k < 2; k++) {
            const char *a = k ? e[i].target : e[i].source;
            int j;
            for (j = 0; j < ns; j++)
                if (!strcmp(seen[j], a))
                    break;
            if (j == ns) {
                seen[ns++] = a;
                fprintf(f, "%s{\"id\":", ns > 1 ? "," : "");
                json_string(f, a);
                fputc('}', f);
            }
        }
    free(seen);
    fputs("],\"edges\":[", f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s{\"source\":", i ? ",\n" : "");
        json_string(f, e[i].source);
        fputs(",\"target\":", f);
        json_string(f, e[i].target);
        fprintf(f, ",\"events\":%ld,\"coop\":%ld,\"conflict\":%ld,\"goldstein_sum\":%.2f}",
                e[i].events, e[i].coop, e[i].conflict, e[i].goldstein_sum);
    }
    fputs("]}\n", f);
}

void write_network_dot(FILE *f, const ent_edge *e, int n)
{
    fputs("digraph entente {\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "  \"%s\" -> \"%s\" [coop=%ld, conflict=%ld, goldstein=%.2f, color=%s];\n",
                e[i].source, e[i].target, e[i].coop, e[i].conflict, e[i].goldstein_sum,
                e[i].coop >= e[i].conflict ? "blue" : "red");
    fputs("}\n", f);
}

void write_network_graphml(FILE *f, const ent_edge *e, int n)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          "  <key id=\"coop\" for=\"edge\" attr.name=\"coop\" attr.type=\"long\"/>\n"
          "  <key id=\"conflict\" for=\"edge\" attr.name=\"conflict\" attr.type=\"long\"/>\n"
          "  <key id=\"goldstein\" for=\"edge\" attr.name=\"goldstein\" attr.type=\"double\"/>\n"
          "  <graph id=\"entente\" edgedefault=\"directed\">\n", f);
    const char **seen = calloc((size_t)n * 2 + 1, sizeof *seen);
    int ns = 0;
    for (int i = 0; seen && i < n; i++)
        for (int k = 0; k < 2; k++) {
            const char *a = k ? e[i].target : e[i].source;
            int j;
            for (j = 0; j < ns; j++)
                if (!strcmp(seen[j], a))
                    break;
            if (j == ns) {
                seen[ns++] = a;
                fprintf(f, "    <node id=\"%s\"/>\n", a);
            }
        }
    free(seen);
    for (int i = 0; i < n; i++)
        fprintf(f, "    <edge source=\"%s\" target=\"%s\"><data key=\"coop\">%ld</data>"
                   "<data key=\"conflict\">%ld</data><data key=\"goldstein\">%.2f</data></edge>\n",
                e[i].source, e[i].target, e[i].coop, e[i].conflict, e[i].goldstein_sum);
    fputs("  </graph>\n</graphml>\n", f);
}

static ent_store *open_db(const char *db, const char *cmd)
{
    char *err = NULL;
    ent_store *s = ent_store_open_readonly(db, &err);
    if (!s) {
        fprintf(stderr, "entente %s: cannot read %s\n", cmd, err ? err : db);
        free(err);
    }
    return s;
}

/* A note when events fall in the undated period ("unknown"): how many, and
 * what gives them dates. */
static void note_undated(FILE *f, const char *a, const char *b, const ent_align_row *r, int n)
{
    long direct = 0, third = 0, und_direct = 0, und_third = 0;
    for (int i = 0; i < n; i++) {
        long d = r[i].ab_events + r[i].ba_events, t = r[i].a_events + r[i].b_events;
        direct += d;
        third += t;
        if (!strcmp(r[i].period, "unknown")) {
            und_direct += d;
            und_third += t;
        }
    }
    if (und_direct || und_third)
        fprintf(f, "undated: %ld of %ld events between %s and %s and %ld of %ld of their "
                   "third-party events (give --date or --date-from-file to entente code)\n",
                und_direct, direct, a, b, und_third, third);
}

/* What is printed for `entente align`: the verdict, over whom, then one
 * line per period. */
static void write_align_text(FILE *f, const char *a, const char *b, const ent_align_row *r,
                             int n, const ent_verdict *v, const ent_align_driver *d, int nd,
                             ent_period by)
{
    char who[80], text[512];
    snprintf(who, sizeof who, "%s\u2013%s", a, b);
    format_verdict(text, sizeof text, who, "similarity", v);
    fprintf(f, "%s\n", text);
    note_undated(f, a, b, r, n);
    if (nd)
        fprintf(f, "\nwhere they differ most (%s):\n", v->change ? "from the change on"
                                                              : "over every period");
    for (int i = 0; i < nd; i++) {
        fprintf(f, "  %-8s gap %.2f  %s: %ld coop, %ld conflict (Goldstein %+.1f); %s: %ld coop, "
                   "%ld conflict (Goldstein %+.1f)\n", d[i].who, d[i].gap, a,
                d[i].a_quad[0] + d[i].a_quad[1], d[i].a_quad[2] + d[i].a_quad[3],
                d[i].a_goldstein, b, d[i].b_quad[0] + d[i].b_quad[1],
                d[i].b_quad[2] + d[i].b_quad[3], d[i].b_goldstein);
        for (int k = 0; k < d[i].nev; k++)
            fprintf(f, "           %s %s -> %s %s (%+.1f)  doc %s, sentence %d\n",
                    d[i].ev[k].date[0] ? d[i].ev[k].date : "undated", d[i].ev[k].source,
                    d[i].ev[k].target, d[i].ev[k].code, d[i].ev[k].goldstein, d[i].ev[k].doc,
                    d[i].ev[k].sentence);
    }
    fprintf(f, "\n%-8s %5s %7s %5s %7s %6s %-13s %5s %5s  %s\n", "period", a, "->", b, "->",
            "simil.", "90% interval", "n_" , "n_", "where they diverge (Goldstein gap)");
    for (int i = 0; i < n; i++) {
        char label[16], sim[16], iv[32];
        analysis_label(r[i].period, by, label);
        if (isnan(r[i].similarity)) {
            snprintf(sim, sizeof sim, "-");
            snprintf(iv, sizeof iv, "%s", r[i].too_few ? "too few" : "-");
        } else {
            snprintf(sim, sizeof sim, "%.2f", r[i].similarity);
            snprintf(iv, sizeof iv, "%.2f-%.2f", r[i].sim_lo, r[i].sim_hi);
        }
        fprintf(f, "%-8s %5ld %+7.1f %5ld %+7.1f %6s %-13s %5ld %5ld  ", label, r[i].ab_events,
                r[i].ab_goldstein, r[i].ba_events, r[i].ba_goldstein, sim, iv, r[i].a_events,
                r[i].b_events);
        for (int k = 0; k < r[i].ndiverge && k < 3; k++)
            fprintf(f, "%s%s (%+.2f)", k ? ", " : "", r[i].diverge[k], r[i].gap[k]);
        fputc('\n', f);
    }
    fprintf(f, "(columns: events and Goldstein sum %s->%s, then %s->%s; similarity: cosine of\n"
               " their quad-class counts toward every third party, 0..1, with its bootstrap\n"
               " interval, \"too few\" under the minimum of events on either side; n_: third-\n"
               " party events of %s and of %s; a positive gap means %s is the friendlier)\n",
            a, b, b, a, a, b, a);
}

/* What is printed for `entente bloc`. */
static void write_bloc_text(FILE *f, const char *const *m, int nm, const ent_bloc_row *r, int n,
                            const ent_verdict *v, const ent_bloc_member *mv, int drifter,
                            ent_period by)
{
    char who[600] = "", text[800];
    for (int i = 0; i < nm; i++)
        snprintf(who + strlen(who), sizeof who - strlen(who), "%s%s", i ? "+" : "", m[i]);
    format_verdict(text, sizeof text, who, "cohesion", v);
    fprintf(f, "%s\n", text);
    if (drifter >= 0)
        fprintf(f, "drifting: %s (similarity to the rest %.2f \u2192 %.2f, slope %+.3f/%s)\n",
                m[drifter], mv[drifter].before, mv[drifter].after, mv[drifter].slope, v->unit);
    else
        fprintf(f, "no member drifts from the rest\n");
    fprintf(f, "\n%-10s %6s %9s %9s %6s %6s\n", "member", "valid", v->change ? "before" : "1st half",
            v->change ? "after" : "2nd half", "slope", "90% CI");
    for (int i = 0; i < nm; i++) {
        char b[16], a[16], s[16], lo[16], hi[16];
        num_or_dash(b, sizeof b, "%.2f", mv[i].before);
        num_or_dash(a, sizeof a, "%.2f", mv[i].after);
        num_or_dash(s, sizeof s, "%+.3f", mv[i].slope);
        num_or_dash(lo, sizeof lo, "%+.2f", mv[i].slope_lo);
        num_or_dash(hi, sizeof hi, "%+.2f", mv[i].slope_hi);
        fprintf(f, "%-10s %6d %9s %9s %6s %s..%s\n", mv[i].code, mv[i].valid, b, a, s, lo, hi);
    }
    fprintf(f, "\n%-8s %8s %-13s %5s %6s  %s\n", "period", "cohesion", "90% interval", "pairs",
            "events", "each member's mean similarity to the others");
    for (int i = 0; i < n; i++) {
        char label[16], c[16], iv[32];
        analysis_label(r[i].period, by, label);
        num_or_dash(c, sizeof c, "%.2f", r[i].cohesion);
        if (isnan(r[i].cohesion))
            snprintf(iv, sizeof iv, "too few");
        else
            snprintf(iv, sizeof iv, "%.2f-%.2f", r[i].lo, r[i].hi);
        fprintf(f, "%-8s %8s %-13s %5d %6ld ", label, c, iv, r[i].pairs, r[i].events);
        for (int k = 0; k < nm; k++) {
            char x[16];
            num_or_dash(x, sizeof x, "%.2f", r[i].member[k]);
            fprintf(f, " %s %s", m[k], x);
        }
        fputc('\n', f);
    }
}

enum { AN_DYADS, AN_ALIGN, AN_NETWORK, AN_BLOC };

static int has_option(int argc, char **argv, const char *opt)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], opt))
            return 1;
    return 0;
}

static ent_rc run_align(ent_store *s, ent_query *q, const char *format)
{
    ent_align_row *r = NULL;
    ent_align_driver d[ENT_ALIGN_TOP];
    ent_verdict v;
    int n = 0, nd = 0;
    ent_rc rc = ent_align_judge(s, q, &r, &n, &v, d, &nd);
    if (rc != ENT_OK)
        return rc;
    if (!strcmp(format, "json"))
        write_align_json(stdout, q->a, q->b, r, n, &v, d, nd);
    else if (!strcmp(format, "csv"))
        write_align_csv(stdout, r, n);
    else
        write_align_text(stdout, q->a, q->b, r, n, &v, d, nd, q->by);
    free(r);
    return ENT_OK;
}

static ent_rc run_bloc(ent_store *s, ent_query *q, const char *const *m, int nm,
                       const char *format)
{
    ent_bloc_row *r = NULL;
    ent_bloc_member mv[ENT_BLOC_MAX];
    ent_verdict v;
    int n = 0, drifter = -1;
    ent_rc rc = ent_bloc(s, q, m, nm, &r, &n, &v, mv, &drifter);
    if (rc != ENT_OK)
        return rc;
    if (!strcmp(format, "json"))
        write_bloc_json(stdout, m, nm, r, n, &v, mv, drifter);
    else
        write_bloc_text(stdout, m, nm, r, n, &v, mv, drifter, q->by);
    free(r);
    return ENT_OK;
}

/* Parse, open the store read-only, run one analysis, write it. */
static int run_command(int kind, int argc, char **argv)
{
    static const char *const names[] = {"dyads", "align", "network", "bloc"};
    static const char *const formats[] = {"csv", "text", "json", "text"};
    static const int maxpos[] = {2, 2, 1, ENT_BLOC_MAX};
    const char *cmd = names[kind], *db = NULL, *format = formats[kind], *pos[ENT_BLOC_MAX];
    ent_query q;
    int npos;
    int pr = parse_query(argc, argv, &q, &db, &format, pos, &npos, maxpos[kind], cmd);
    if (pr != 0)
        return pr < 0 ? 2 : 0;
    /* a format the command does not write is a usage error, not a default */
    static const char *const allowed[][4] = {
        {"csv", "json", NULL},
        {"text", "csv", "json", NULL},
        {"json", "dot", "graphml", NULL},
        {"text", "json", NULL}};
    int ok = 0;
    for (int k = 0; allowed[kind][k]; k++)
        ok |= !strcmp(format, allowed[kind][k]);
    if (!ok) {
        fprintf(stderr, "entente %s: unknown format '%s' (see entente %s --help)\n", cmd, format,
                cmd);
        return 2;
    }
    if (kind == AN_ALIGN && npos != 2) {
        fputs("entente align: give two actor codes, e.g. entente align IRN RUS --db F\n", stderr);
        return 2;
    }
    if (kind == AN_BLOC && npos < 2) {
        fputs("entente bloc: give 2 to 16 actor codes, e.g. entente bloc IRN RUS SYRGOV --db F\n",
              stderr);
        return 2;
    }
    if ((kind == AN_ALIGN || kind == AN_BLOC) && !has_option(argc, argv, "--by"))
        q.by = ENT_BY_QUARTER;
    q.a = npos > 0 && kind != AN_BLOC ? pos[0] : NULL;
    q.b = npos > 1 && kind != AN_BLOC ? pos[1] : NULL;
    if (kind == AN_NETWORK)
        q.by = ENT_BY_ALL;
    ent_store *s = open_db(db, cmd);
    if (!s)
        return 2;
    ent_dyad_row *dyads = NULL;
    ent_edge *edges = NULL;
    int n = 0;
    ent_rc rc;
    if (kind == AN_DYADS) {
        if ((rc = ent_dyads(s, &q, &dyads, &n)) == ENT_OK) {
            if (!strcmp(format, "json"))
                write_dyads_json(stdout, dyads, n);
            else
                write_dyads_csv(stdout, dyads, n);
        }
    } else if (kind == AN_ALIGN) {
        rc = run_align(s, &q, format);
    } else if (kind == AN_BLOC) {
        rc = run_bloc(s, &q, pos, npos, format);
    } else {
        if ((rc = ent_network(s, &q, &edges, &n)) == ENT_OK) {
            if (!strcmp(format, "dot"))
                write_network_dot(stdout, edges, n);
            else if (!strcmp(format, "graphml"))
                write_network_graphml(stdout, edges, n);
            else
                write_network_json(stdout, edges, n);
        }
    }
    if (rc != ENT_OK)
        fprintf(stderr, "entente %s: %s\n", cmd,
                rc == ENT_EDB ? ent_store_errmsg(s) : ent_strerror(rc));
    free(dyads);
    free(edges);
    ent_store_close(s);
    return rc == ENT_OK ? 0 : 2;
}

int cmd_dyads(int argc, char **argv) { return run_command(AN_DYADS, argc, argv); }
int cmd_align(int argc, char **argv) { return run_command(AN_ALIGN, argc, argv); }
int cmd_network(int argc, char **argv) { return run_command(AN_NETWORK, argc, argv); }
int cmd_bloc(int argc, char **argv) { return run_command(AN_BLOC, argc, argv); }
