/*
 * mem.c - the allocator seam, arenas and bounded buffers (see mem.h).
 */
#include "base/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long fail_countdown = 0;

void mem_fail_after(long n) { fail_countdown = n; }

static int should_fail(void)
{
    if (fail_countdown > 0 && --fail_countdown == 0)
        return 1;
    return 0;
}

void *mem_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *mem_calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *mem_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void mem_free(void *p) { free(p); }

int mem_grow(void **p, size_t *cap, size_t need, size_t sz, size_t first)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : (first ? first : 1);
    while (c < need) {
        if (c > ((size_t)-1 >> 1))
            return -1;
        c *= 2;
    }
    if (sz && c > (size_t)-1 / sz)
        return -1;
    void *q = mem_realloc(*p, c * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

char *mem_strndup(const char *s, size_t n)
{
    char *d = mem_malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *mem_strdup(const char *s) { return s ? mem_strndup(s, strlen(s)) : NULL; }

char *mem_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = mem_malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* ---- arena ---- */

struct mem_block {
    mem_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK 65536

void *mem_arena_alloc(mem_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    mem_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = mem_malloc(sizeof(mem_block) + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

char *mem_arena_strndup(mem_arena *a, const char *s, size_t n)
{
    char *d = mem_arena_alloc(a, n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void mem_arena_free(mem_arena *a)
{
    mem_block *b = a->head;
    while (b) {
        mem_block *next = b->next;
        mem_free(b);
        b = next;
    }
    a->head = NULL;
}

/* ---- buffer ---- */

void mem_buf_init(mem_buf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max ? max : (size_t)-1 / 2;
}

static int buf_grow(mem_buf *b, size_t need)
{
    if (need <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *d = mem_realloc(b->data, cap);
    if (!d) {
        b->oom = 1;
        return 0;
    }
    b->data = d;
    b->cap = cap;
    return 1;
}

void mem_buf_put(mem_buf *b, const char *s, size_t n)
{
    if (b->toobig || b->oom)
        return;
    if (b->len + n > b->max) {
        b->toobig = 1;
        return;
    }
    if (!buf_grow(b, b->len + n + 1))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void mem_buf_puts(mem_buf *b, const char *s) { mem_buf_put(b, s, strlen(s)); }

void mem_buf_putc(mem_buf *b, char c) { mem_buf_put(b, &c, 1); }

void mem_buf_printf(mem_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        mem_buf_put(b, small, (size_t)n);
        return;
    }
    char *big = mem_malloc((size_t)n + 1);
    if (!big) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    mem_buf_put(b, big, (size_t)n);
    mem_free(big);
}

char *mem_buf_take(mem_buf *b)
{
    char *d = b->data;
    if (!d)
        d = mem_strdup("");
    size_t max = b->max;
    mem_buf_init(b, max);
    return d;
}

void mem_buf_reset(mem_buf *b)
{
    b->len = 0;
    b->toobig = 0;
    if (b->data)
        b->data[0] = 0;
}

void mem_buf_free(mem_buf *b)
{
    mem_free(b->data);
    size_t max = b->max;
    mem_buf_init(b, max);
}

char *mem_read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    mem_buf b;
    mem_buf_init(&b, max);
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 && !b.toobig && !b.oom)
        mem_buf_put(&b, chunk, k);
    int err = ferror(f);
    fclose(f);
    if (err || b.oom || b.toobig) {
        mem_buf_free(&b);
        errno = err ? EIO : b.toobig ? EFBIG : ENOMEM;
        return NULL;
    }
    *len = b.len;
    return mem_buf_take(&b);
}
