/*
 * model.c - the syntax model file (see model.h): writing it through a
 * temporary file, mapping and checking it, and the key-value tables.
 */
#include "syntax/model.h"
#include "base/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum { HDR = 8 + 4 + 4 + 4 + 4 + 8 }; /* magic, version, bom, nsec, pad, sum */
#define BOM 0x01020304u

static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

int syn_file_write(const char *path, const syn_wsec *sec, int nsec, char *err, size_t errlen)
{
    if (nsec > SYN_MAXSEC) {
        snprintf(err, errlen, "too many sections");
        return -1;
    }
    size_t tab = (size_t)nsec * 24, len = HDR + tab;
    for (int i = 0; i < nsec; i++)
        len = align8(len) + sec[i].size;
    len = align8(len);
    unsigned char *buf = mem_calloc(1, len);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    uint32_t v = SYN_VERSION, bom = BOM, ns = (uint32_t)nsec;
    memcpy(buf, SYN_MAGIC, 8);
    memcpy(buf + 8, &v, 4);
    memcpy(buf + 12, &bom, 4);
    memcpy(buf + 16, &ns, 4);
    size_t at = align8(HDR + tab);
    for (int i = 0; i < nsec; i++) {
        uint64_t off = at, size = sec[i].size;
        uint32_t id = sec[i].id, pad = 0;
        unsigned char *e = buf + HDR + (size_t)i * 24;
        memcpy(e, &id, 4);
        memcpy(e + 4, &pad, 4);
        memcpy(e + 8, &off, 8);
        memcpy(e + 16, &size, 8);
        if (size)
            memcpy(buf + at, sec[i].data, size);
        at = align8(at + size);
    }
    uint64_t sum = checksum(buf + HDR, len - HDR);
    memcpy(buf + 24, &sum, 8);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(buf, 1, len, f) == len;
    if (f && fclose(f))
        ok = 0;
    mem_free(buf);
    if (!ok || rename(tmp, path)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int check(syn_file *f, char *err, size_t errlen)
{
    const unsigned char *b = f->base;
    uint32_t v, bom, ns;
    uint64_t sum;
    if (f->len < HDR || memcmp(b, SYN_MAGIC, 8) != 0) {
        snprintf(err, errlen, "not an entente syntax model");
        return -1;
    }
    memcpy(&v, b + 8, 4);
    memcpy(&bom, b + 12, 4);
    memcpy(&ns, b + 16, 4);
    memcpy(&sum, b + 24, 8);
    if (bom != BOM || v != SYN_VERSION) {
        snprintf(err, errlen, "model format %u (byte order %08x), this build reads %u", v, bom,
                 SYN_VERSION);
        return -1;
    }
    if (ns > SYN_MAXSEC || f->len < HDR + (size_t)ns * 24) {
        snprintf(err, errlen, "truncated model (section table)");
        return -1;
    }
    if (checksum(b + HDR, f->len - HDR) != sum) {
        snprintf(err, errlen, "model checksum mismatch (truncated or corrupt file)");
        return -1;
    }
    f->nsec = ns;
    for (uint32_t i = 0; i < ns; i++) {
        const unsigned char *e = b + HDR + (size_t)i * 24;
        memcpy(&f->sec[i].id, e, 4);
        memcpy(&f->sec[i].off, e + 8, 8);
        memcpy(&f->sec[i].size, e + 16, 8);
        if (f->sec[i].off % 8 || f->sec[i].off > f->len || f->sec[i].size > f->len - f->sec[i].off) {
            snprintf(err, errlen, "model section %u out of bounds", i);
            return -1;
        }
    }
    return 0;
}

void syn_file_seal(void *buf, size_t len)
{
    if (len < HDR)
        return;
    uint64_t sum = checksum((const unsigned char *)buf + HDR, len - HDR);
    memcpy((unsigned char *)buf + 24, &sum, 8);
}

int syn_file_from_bytes(const void *buf, size_t len, syn_file *f, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    f->base = buf;
    f->len = len;
    if (((uintptr_t)buf & 7) != 0) {
        snprintf(err, errlen, "model bytes not 8-byte aligned");
        return -1;
    }
    return check(f, err, errlen);
}

int syn_file_open(const char *path, syn_file *f, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < HDR) {
        snprintf(err, errlen, "%s: not an entente syntax model (too short)", path);
        close(fd);
        return -1;
    }
    /* mapped from the page cache (shared by every process that loads
     * it), its pages read in now: measured on the EWT model, a median 9.5
     * ms, where reading it into huge pages took 10 to 66 ms (compaction)
     * for no measurable gain in parsing speed */
    size_t maplen = (size_t)st.st_size;
    void *m = mmap(NULL, maplen, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    f->base = m;
    f->len = (size_t)st.st_size;
    f->map = m;
    f->maplen = maplen;
    char why[200];
    if (check(f, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", path, why);
        syn_file_close(f);
        return -1;
    }
    return 0;
}

void syn_file_close(syn_file *f)
{
    if (f && f->map)
        munmap(f->map, f->maplen);
    if (f)
        memset(f, 0, sizeof *f);
}

const void *syn_file_section(const syn_file *f, uint32_t id, size_t *size)
{
    for (uint32_t i = 0; i < f->nsec; i++)
        if (f->sec[i].id == id) {
            *size = f->sec[i].size;
            return f->base + f->sec[i].off;
        }
    *size = 0;
    return NULL;
}

int syn_kv_build(const uint64_t *keys, const uint32_t *vals, size_t n, syn_kv *out,
                 uint32_t **own)
{
    uint32_t ns = 16;
    while (ns < n + n / 2 + 1)
        ns *= 2;
    uint32_t *s = mem_calloc((size_t)ns * 3, sizeof *s);
    if (!s)
        return -1;
    for (size_t k = 0; k < n; k++) {
        uint64_t key = keys[k] ? keys[k] : 1;
        uint32_t lo = (uint32_t)key, hi = (uint32_t)(key >> 32);
        uint32_t i = lo & (ns - 1);
        while (s[3 * i] | s[3 * i + 1]) {
            if (s[3 * i] == lo && s[3 * i + 1] == hi)
                break;
            i = (i + 1) & (ns - 1);
        }
        if (s[3 * i] | s[3 * i + 1])
            continue;
        s[3 * i] = lo;
        s[3 * i + 1] = hi;
        s[3 * i + 2] = vals[k];
    }
    out->slots = s;
    out->nslots = ns;
    *own = s;
    return 0;
}

int syn_kv_get(const syn_kv *kv, uint64_t key, uint32_t *val)
{
    if (!kv->nslots)
        return 0;
    key = key ? key : 1;
    uint32_t lo = (uint32_t)key, hi = (uint32_t)(key >> 32), m = kv->nslots - 1;
    for (uint32_t i = lo & m;; i = (i + 1) & m) {
        const uint32_t *s = kv->slots + 3 * (size_t)i;
        if (s[0] == lo && s[1] == hi) {
            *val = s[2];
            return 1;
        }
        if (!(s[0] | s[1]))
            return 0;
    }
}

int syn_kv_check(const syn_kv *kv, uint32_t maxval, char *err, size_t errlen)
{
    if (!kv->nslots || (kv->nslots & (kv->nslots - 1))) {
        snprintf(err, errlen, "bad key table size");
        return -1;
    }
    size_t empty = 0;
    for (uint32_t i = 0; i < kv->nslots; i++) {
        const uint32_t *s = kv->slots + 3 * (size_t)i;
        if (!(s[0] | s[1]))
            empty++;
        else if (s[2] >= maxval) {
            snprintf(err, errlen, "key table value out of range");
            return -1;
        }
    }
    if (!empty) {
        snprintf(err, errlen, "key table has no empty slot");
        return -1;
    }
    return 0;
}
