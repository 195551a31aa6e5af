/*
 * test_reader.c - documents from files, folders, JSONL and HTML, and every
 * kind of bad input: each is reported with its file (and line), counted,
 * skipped, and the run goes on (reader.c, html.c).
 */
#include "entente.h"
#include "text/html.h"
#include "base/mem.h"
#include "testing.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];
static int ndiag;
static char lastdiag[1024];

static void diag(void *ud, const char *file, long line, const char *msg)
{
    (void)ud;
    ndiag++;
    snprintf(lastdiag, sizeof lastdiag, "%s:%ld: %s", file ? file : "", line, msg);
}

static void write_file(const char *name, const char *bytes, size_t n)
{
    char p[512];
    if (n == (size_t)-1)
        n = strlen(bytes);
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    fwrite(bytes, 1, n, f);
    fclose(f);
}

static void test_html(void)
{
    const char *page =
        "<html><head><title>Talks in Astana</title>"
        "<meta property=\"article:published_time\" content=\"2017-01-25T10:00:00Z\">"
        "<script>var x = 'Russia bombed';</script></head><body>"
        "<a href=#main>Skip to main content</a>"
        "<nav><a>Home</a> <a>World</a></nav>"
        "<article><h1>Russia and Turkey meet</h1>"
        "<p>Russia and Turkey met in Astana on Monday.</p>"
        "<div class=\"share-links\">Share on Twitter</div>"
        "<figure><img src=a.jpg><figcaption>Photo: AFP</figcaption></figure>"
        "<p>Iran <b>criticized</b> the deal.</p>"
        "<div class=\"newsletter\">Sign up to our newsletter</div>"
        "</article><footer>Copyright 2017</footer></body></html>";
    html_article a;
    CHECK(html_extract(page, strlen(page), &a) == 0);
    CHECK_STR(a.text, "Russia and Turkey meet\n\nRussia and Turkey met in Astana on Monday."
                      "\n\nIran criticized the deal.");
    CHECK_STR(a.title, "Talks in Astana");
    CHECK_STR(a.date, "2017-01-25");
    html_article_free(&a);

    const char *t = "<body><time datetime=\"2016-12-23\">Dec 23</time><p>Iran hailed it.</p></body>";
    CHECK(html_extract(t, strlen(t), &a) == 0);
    CHECK_STR(a.date, "2016-12-23");
    html_article_free(&a);

    const char *j = "<head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                    "\"datePublished\": \"2016-11-20T08:00\"}</script></head><body><p>x y.</p></body>";
    CHECK(html_extract(j, strlen(j), &a) == 0);
    CHECK_STR(a.date, "2016-11-20");
    html_article_free(&a);

    CHECK(html_is_boilerplate("Skip to main content", 20));
    CHECK(html_is_boilerplate("READ: Can Turkey and Russia push back Iran?", 43));
    CHECK(html_is_boilerplate("Subscribe to our weekly newsletter", 34));
    CHECK(!html_is_boilerplate("Iran criticized the deal.", 25));
}

static void test_files(void)
{
    snprintf(dir, sizeof dir, "/tmp/entente-test-reader-%d", (int)getpid());
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s/sub", dir, dir);
    CHECK(system(cmd) == 0);
    write_file("a.txt", "Skip to main content\n\nRussia met Iran.\n\nIran met Turkey.\n", (size_t)-1);
    write_file("b.html", "<html><body><nav>menu</nav></body></html>", (size_t)-1);
    write_file("c.jsonl",
               "{\"id\":\"n1\",\"date\":\"2016-12-20\",\"title\":\"Talks\",\"text\":\"Russia met Iran.\"}\n"
               "{not json}\n"
               "\n"
               "{\"id\":\"n3\",\"html\":\"<p>Iran met Turkey.</p>\",\"url\":\"http://x\",\"source\":\"wire\"}\n"
               "[1,2]\n"
               "{\"id\":\"n5\",\"text\":\"\"}\n", (size_t)-1);
    write_file("d.bin", "\x7f" "ELF\0\0", 6);
    write_file("e.txt", "", 0);
    write_file("f.txt", "ab\0\0cd", 6);
    write_file("g.txt", "Russia \xff\xfe met Iran.", (size_t)-1);
    write_file("sub/h.txt", "Moscow hosted Tehran.", (size_t)-1);
    write_file("i.txt", "0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789", (size_t)-1);

    ent_reader_opts o = {"2016-12-01", NULL, 100, diag, NULL, 0};
    ent_reader *r = ent_reader_new(&o);
    ent_reader_add(r, dir);
    char missing[300];
    snprintf(missing, sizeof missing, "%s/missing.txt", dir);
    ent_reader_add(r, missing);
    ent_doc *d;
    const char *ids[16];
    char texts[16][128];
    int n = 0;
    while (ent_reader_next(r, &d) == ENT_OK) {
        if (n < 16) {
            ids[n] = strdup(d->id);
            snprintf(texts[n], sizeof texts[n], "%s|%s|%s", d->text, d->date, d->date_source);
        }
        n++;
        ent_doc_free(d);
    }
    /* a.txt, c.jsonl n1 and n3, g.txt, sub/h.txt */
    CHECK_INT(n, 5);
    if (n == 5) {
        CHECK_STR(ids[0], "a.txt");
        CHECK_STR(texts[0], "Russia met Iran.\n\nIran met Turkey.|2016-12-01|option");
        CHECK_STR(ids[1], "n1");
        CHECK_STR(texts[1], "Talks\n\nRussia met Iran.|2016-12-20|document");
        CHECK_STR(ids[2], "n3");
        CHECK_STR(texts[2], "Iran met Turkey.|2016-12-01|option");
        CHECK_STR(ids[3], "g.txt");
        CHECK_STR(texts[3], "Russia \xEF\xBF\xBD\xEF\xBF\xBD met Iran.|2016-12-01|option");
        CHECK_STR(ids[4], "sub/h.txt");
    }
    for (int i = 0; i < n && i < 16; i++)
        free((void *)ids[i]);
    CHECK_INT(ent_reader_skipped(r, ENT_SKIP_NO_BODY), 1);      /* b.html */
    CHECK_INT(ent_reader_skipped(r, ENT_SKIP_MALFORMED), 2);    /* {not json}, [1,2] */
    CHECK_INT(ent_reader_skipped(r, ENT_SKIP_EMPTY), 2);        /* e.txt, n5 */
    CHECK_INT(ent_reader_skipped(r, ENT_SKIP_BINARY), 1);       /* f.txt */
    CHECK_INT(ent_reader_skipped(r, ENT_SKIP_UNKNOWN_TYPE), 1); /* d.bin */
    CHECK_INT(ent_reader_skipped(r, ENT_SKIP_TOO_LARGE), 1);    /* i.txt > 100 bytes */
    CHECK_INT(ent_reader_skipped(r, ENT_SKIP_UNREADABLE), 1);   /* missing.txt */
    CHECK_INT(ent_reader_invalid_utf8_docs(r), 1);
    CHECK(strstr(lastdiag, "missing.txt") != NULL);
    ent_reader_free(r);

    /* a malformed JSONL line names its file and line */
    ndiag = 0;
    write_file("only.jsonl", "{\"text\":\"ok.\"}\n{\"text\": 5}\n", (size_t)-1);
    char p[300];
    snprintf(p, sizeof p, "%s/only.jsonl", dir);
    ent_reader_opts o2 = {NULL, NULL, 0, diag, NULL, 0};
    r = ent_reader_new(&o2);
    ent_reader_add(r, p);
    n = 0;
    while (ent_reader_next(r, &d) == ENT_OK) {
        CHECK_STR(d->id, "only.jsonl:1");
        CHECK_STR(d->date_source, "none");
        CHECK_STR(d->date, "");
        n++;
        ent_doc_free(d);
    }
    CHECK_INT(n, 1);
    CHECK(strstr(lastdiag, "only.jsonl:2: skipped: malformed") != NULL);
    ent_reader_free(r);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

/* issue 14: ids are unique and exact - JSON number text kept, file ids
 * are paths relative to the input folder, a taken id is renamed and counted */
static void test_ids(void)
{
    static const struct { const char *json, *id; } nums[] = {
        {"{\"id\":12345678901234567891,\"text\":\"a b.\"}", "12345678901234567891"},
        {"{\"id\":12345678901234567892,\"text\":\"a b.\"}", "12345678901234567892"},
        {"{\"id\":0.4,\"text\":\"a b.\"}", "0.4"},
        {"{\"id\":1e400,\"text\":\"a b.\"}", "1e400"},
        {"{\"text\":\"a \\\"id\\\": 3 b.\", \"x\":{\"id\":9}, \"id\" : -7 }", "-7"},
        {"{\"id\":\"s1\",\"text\":\"a b.\"}", "s1"},
    };
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
        ent_skip_reason why;
        ent_doc *d = ent_doc_from_bytes("jsonl", nums[i].json, strlen(nums[i].json), "x", &why);
        CHECK(d != NULL);
        if (d)
            CHECK_STR(d->id, nums[i].id);
        ent_doc_free(d);
    }
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mkdir -p %s/ids/x %s/ids/y", dir, dir);
    CHECK(system(cmd) == 0);
    write_file("ids/x/report.txt", "Iran met Iraq.", (size_t)-1);
    write_file("ids/y/report.txt", "Iran met Iraq.", (size_t)-1);
    write_file("ids/x/report.html", "<p>Iran met Iraq.</p>", (size_t)-1);
    write_file("ids/z.jsonl", "{\"id\":\"x/report.txt\",\"text\":\"a b.\"}\n"
                              "{\"id\":\"k\",\"text\":\"a b.\"}\n{\"id\":\"k\",\"text\":\"a c.\"}\n",
               (size_t)-1);
    char p[300];
    snprintf(p, sizeof p, "%s/ids/", dir);
    ent_reader_opts o = {"2016-12-01", NULL, 0, diag, NULL, 0};
    ent_reader *r = ent_reader_new(&o);
    ent_reader_add(r, p);
    const char *want[] = {"x/report.html", "x/report.txt", "y/report.txt", "x/report.txt~2",
                          "k", "k~2"};
    int n = 0;
    ent_doc *d;
    while (ent_reader_next(r, &d) == ENT_OK) {
        if (n < 6)
            CHECK_STR(d->id, want[n]);
        n++;
        ent_doc_free(d);
    }
    CHECK_INT(n, 6);
    CHECK_INT(ent_reader_renamed_ids(r), 2);
    CHECK(strstr(lastdiag, "z.jsonl:3: document id 'k' was already used") != NULL);
    ent_reader_free(r);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    test_html();
    test_files();
    test_ids();
    ent_skip_reason why;
    CHECK(ent_doc_from_bytes("jsonl", "{\"id\":1}", 8, "x", &why) == NULL);
    CHECK_INT(why, ENT_SKIP_MALFORMED);
    ent_doc *d = ent_doc_from_bytes("txt", "Iran met Iraq.", 14, "t", &why);
    CHECK(d && d->len == 14);
    ent_doc_free(d);
    TEST_DONE();
}
