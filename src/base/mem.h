/*
 * mem.h - memory for libentente: the one allocator seam (mem_malloc and
 * friends, which test builds may make fail on demand), a bump arena for the
 * per-document objects that die together, the one growth of arrays
 * (mem_grow, VEC), and a growable byte buffer with a maximum size
 * (mem_buf) for everything that grows from outside input.
 */
#ifndef ENT_MEM_H
#define ENT_MEM_H

#include <stddef.h>
#include <stdarg.h>

void *mem_malloc(size_t n);
void *mem_calloc(size_t n, size_t size);
void *mem_realloc(void *p, size_t n);
void mem_free(void *p);
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);
/* The one growth of an array: room for need items of size sz in *p, whose
 * capacity in items is *cap, doubling from first. 0, or -1 when memory
 * runs out or the size overflows (the array is then as it was). */
int mem_grow(void **p, size_t *cap, size_t need, size_t sz, size_t first);

/* A growable array of T (zero it to start; mem_free its v), and its push,
 * which is 0 or -1 when memory runs out. */
#define VEC(T)                                                                 \
    struct {                                                                   \
        T *v;                                                                  \
        int n;                                                                 \
        size_t cap;                                                            \
    }
#define VEC_PUSH(vec, x)                                                       \
    (mem_grow((void **)&(vec).v, &(vec).cap, (size_t)(vec).n + 1, sizeof *(vec).v, 64) < 0 \
         ? -1                                                                  \
         : ((vec).v[(vec).n++] = (x), 0))

/* printf into a new string (caller frees with mem_free), NULL on OOM. */
char *mem_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The whole file at path (NUL-terminated, mem_free it; *len its size), or
 * NULL with errno set (ENOENT..., EIO on a read error, EFBIG past max
 * bytes, ENOMEM). */
char *mem_read_file(const char *path, size_t max, size_t *len);

/* Test hook: make the n-th allocation from now fail (0 disables). */
void mem_fail_after(long n);

/* Arena: allocations are released together by mem_arena_free. */
typedef struct mem_block mem_block;
typedef struct mem_arena {
    mem_block *head;
} mem_arena;

void *mem_arena_alloc(mem_arena *a, size_t n);
char *mem_arena_strndup(mem_arena *a, const char *s, size_t n);
void mem_arena_free(mem_arena *a);

/* Growable buffer. max caps the size; appending past it sets toobig and
 * drops the bytes. The data is always NUL-terminated. */
typedef struct mem_buf {
    char *data;
    size_t len, cap, max;
    int toobig;
    int oom;
} mem_buf;

void mem_buf_init(mem_buf *b, size_t max);
void mem_buf_put(mem_buf *b, const char *s, size_t n);
void mem_buf_puts(mem_buf *b, const char *s);
void mem_buf_putc(mem_buf *b, char c);
void mem_buf_printf(mem_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the bytes to the caller (mem_free) and reset the buffer. */
char *mem_buf_take(mem_buf *b);
void mem_buf_reset(mem_buf *b);
void mem_buf_free(mem_buf *b);

#endif
