/*
 * binfile.c - the container of compiled data files (see binfile.h).
 *
 * Layout: one binfile_header, then the sections in order, each starting
 * on an 8-byte boundary (zero padding between). All numbers are in the
 * writer's byte order; a reader of the other order sees a wrong byte-order
 * mark and treats the file as stale. The checksum covers every byte of the
 * file, with the checksum field itself taken as zero.
 */
#include "base/binfile.h"
#include "base/mem.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

/* The build system sets this to a checksum of the code that turns the
 * sources into what the compiled files hold; a file written by another
 * build is stale. */
#ifndef ENT_CODE_STAMP
#define ENT_CODE_STAMP "dev"
#endif

#define BYTE_ORDER_MARK 0x01020304u

typedef struct binfile_span {
    uint64_t offset, size;
} binfile_span;

typedef struct binfile_header {
    char magic[8];
    uint32_t version;
    uint32_t byte_order;  /* BYTE_ORDER_MARK as the writer stored it */
    uint32_t header_size; /* sizeof(binfile_header) */
    uint32_t nsections;
    uint32_t nsources;
    uint32_t reserved;
    uint64_t file_size;
    uint64_t checksum;
    char stamp[64];       /* make_stamp() of the writer, NUL-padded */
    binfile_source sources[BINFILE_MAXSRC];
    binfile_span sections[BINFILE_MAXSEC];
} binfile_header;

_Static_assert(sizeof(binfile_source) == 72, "binfile_source has no padding");
_Static_assert(sizeof(binfile_header) % 8 == 0, "sections start aligned");

/* The stamp of the loading code, with the Unicode tables it folds with
 * and the width of the hashes of dict.c's maps (unsigned long). */
static void make_stamp(char stamp[64])
{
    memset(stamp, 0, 64);
    snprintf(stamp, 64, "%s utf8proc %s long %zu", ENT_CODE_STAMP, utf8proc_version(),
             sizeof(long));
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* A fast checksum of n bytes: four independent 64-bit lanes, each word
 * xor-ed in, multiplied by an odd constant and rotated (every step is a
 * bijection, so any change to a single word changes the result). */
static uint64_t checksum(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *b = p;
    const uint64_t mul = 0x9e3779b97f4a7c15ULL;
    uint64_t lane[4] = {seed, seed ^ 0x243f6a8885a308d3ULL, seed ^ 0x13198a2e03707344ULL,
                        seed ^ 0xa4093822299f31d0ULL};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, b + i + 8 * k, 8);
            lane[k] = rotl((lane[k] ^ w) * mul, 31);
        }
    for (; i < n; i++)
        lane[0] = rotl((lane[0] ^ b[i]) * mul, 31);
    uint64_t h = (uint64_t)n;
    for (int k = 0; k < 4; k++)
        h = rotl((h ^ lane[k]) * mul, 27);
    return h ^ (h >> 29);
}

/* Checksum of a whole file in memory, its checksum field read as zero. */
static uint64_t file_checksum(const void *buf, size_t len)
{
    binfile_header h;
    memcpy(&h, buf, sizeof h);
    h.checksum = 0;
    uint64_t c = checksum(&h, sizeof h, 0x656e74656e7465ULL);
    return checksum((const char *)buf + sizeof h, len - sizeof h, c);
}

int binfile_source_stat(const char *dir, const char *name, binfile_source *out)
{
    memset(out, 0, sizeof *out);
    if (strlen(name) >= sizeof out->name)
        return -1;
    strcpy(out->name, name);
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return -1;
    struct stat st;
    if (stat(path, &st) != 0) {
        out->size = -1;
        return errno == ENOENT ? 0 : -1;
    }
    out->size = (int64_t)st.st_size;
    out->mtime_sec = (int64_t)st.st_mtim.tv_sec;
    out->mtime_nsec = (int64_t)st.st_mtim.tv_nsec;
    return 0;
}

int binfile_write(const char *path, const char *magic, uint32_t version,
                  const binfile_source *src, int nsrc,
                  const binfile_section *sec, int nsec, char *err, size_t errlen)
{
    if (nsrc < 0 || nsrc > BINFILE_MAXSRC || nsec < 0 || nsec > BINFILE_MAXSEC) {
        snprintf(err, errlen, "too many sources or sections");
        return -1;
    }
    binfile_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, magic, sizeof h.magic);
    h.version = version;
    h.byte_order = BYTE_ORDER_MARK;
    h.header_size = sizeof h;
    h.nsections = (uint32_t)nsec;
    h.nsources = (uint32_t)nsrc;
    make_stamp(h.stamp);
    for (int i = 0; i < nsrc; i++)
        h.sources[i] = src[i];
    uint64_t off = sizeof h;
    for (int i = 0; i < nsec; i++) {
        h.sections[i].offset = off;
        h.sections[i].size = sec[i].size;
        off = (off + sec[i].size + 7) & ~(uint64_t)7;
    }
    h.file_size = off;
    if (off > (uint64_t)SIZE_MAX / 2) {
        snprintf(err, errlen, "compiled file too large");
        return -1;
    }
    /* build the file in memory so that the checksum covers it all */
    char *buf = mem_calloc(1, (size_t)off);
    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    memcpy(buf, &h, sizeof h);
    for (int i = 0; i < nsec; i++)
        if (sec[i].size)
            memcpy(buf + h.sections[i].offset, sec[i].data, sec[i].size);
    h.checksum = file_checksum(buf, (size_t)off);
    memcpy(buf, &h, sizeof h);

    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        snprintf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
        mem_free(buf);
        return -1;
    }
    int ok = fwrite(buf, 1, (size_t)off, f) == (size_t)off;
    ok &= fflush(f) == 0;
    int werr = errno;
    ok &= fclose(f) == 0;
    mem_free(buf);
    if (!ok) {
        snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(werr ? werr : errno));
        remove(tmp);
        return -1;
    }
    if (rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}

binfile_rc binfile_check(const void *buf, size_t len, const char *magic,
                         uint32_t version, char *err, size_t errlen)
{
    binfile_header h;
    if (len < sizeof h) {
        snprintf(err, errlen, "truncated (%zu bytes, shorter than its header)", len);
        return BINFILE_BAD;
    }
    memcpy(&h, buf, sizeof h);
    if (memcmp(h.magic, magic, sizeof h.magic) != 0) {
        snprintf(err, errlen, "not a compiled %.*s file (wrong magic number)", 7, magic);
        return BINFILE_BAD;
    }
    if (h.byte_order != BYTE_ORDER_MARK) {
        snprintf(err, errlen, "written on a machine of another byte order");
        return BINFILE_STALE;
    }
    if (h.version != version) {
        snprintf(err, errlen, "format version %u, this build reads %u", h.version, version);
        return BINFILE_STALE;
    }
    if (h.header_size != sizeof h || h.nsections > BINFILE_MAXSEC ||
        h.nsources > BINFILE_MAXSRC) {
        snprintf(err, errlen, "corrupt header");
        return BINFILE_BAD;
    }
    if (h.file_size != (uint64_t)len) {
        snprintf(err, errlen, "%s (%zu bytes, the header says %llu)",
                 (uint64_t)len < h.file_size ? "truncated" : "trailing bytes", len,
                 (unsigned long long)h.file_size);
        return BINFILE_BAD;
    }
    uint64_t prev_end = sizeof h;
    for (uint32_t i = 0; i < h.nsections; i++) {
        const binfile_span *s = &h.sections[i];
        if (s->offset % 8 || s->offset < prev_end || s->offset > len ||
            s->size > len - s->offset) {
            snprintf(err, errlen, "section %u lies outside the file", i);
            return BINFILE_BAD;
        }
        prev_end = s->offset + s->size;
    }
    for (uint32_t i = 0; i < h.nsources; i++)
        if (!memchr(h.sources[i].name, 0, sizeof h.sources[i].name)) {
            snprintf(err, errlen, "corrupt source list");
            return BINFILE_BAD;
        }
    if (file_checksum(buf, len) != h.checksum) {
        snprintf(err, errlen, "checksum mismatch (the file is corrupt)");
        return BINFILE_BAD;
    }
    char stamp[64];
    make_stamp(stamp);
    if (memcmp(h.stamp, stamp, sizeof stamp) != 0) {
        h.stamp[sizeof h.stamp - 1] = 0;
        snprintf(err, errlen, "written by another build (%.40s)", h.stamp);
        return BINFILE_STALE;
    }
    return BINFILE_OK;
}

binfile_rc binfile_read(const char *path, const char *magic, uint32_t version,
                        size_t max, void **buf, size_t *len, char *err, size_t errlen)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s", strerror(errno));
        return errno == ENOENT ? BINFILE_MISSING : BINFILE_BAD;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "not a regular file");
        fclose(f);
        return BINFILE_BAD;
    }
    if ((uint64_t)st.st_size > (uint64_t)max) {
        snprintf(err, errlen, "larger than %zu bytes", max);
        fclose(f);
        return BINFILE_BAD;
    }
    size_t n = (size_t)st.st_size;
    char *b = mem_malloc(n + 1);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        fclose(f);
        return BINFILE_BAD;
    }
    size_t got = fread(b, 1, n, f);
    int extra = got == n && fgetc(f) != EOF;
    fclose(f);
    if (got != n || extra) {
        snprintf(err, errlen, "changed while being read");
        mem_free(b);
        return BINFILE_BAD;
    }
    binfile_rc rc = binfile_check(b, n, magic, version, err, errlen);
    if (rc != BINFILE_OK) {
        mem_free(b);
        return rc;
    }
    *buf = b;
    *len = n;
    return BINFILE_OK;
}

int binfile_fresh(const void *buf, const char *dir)
{
    binfile_header h;
    memcpy(&h, buf, sizeof h);
    for (uint32_t i = 0; i < h.nsources; i++) {
        binfile_source now;
        if (binfile_source_stat(dir, h.sources[i].name, &now) != 0)
            return 0;
        if (now.size != h.sources[i].size ||
            (now.size >= 0 && (now.mtime_sec != h.sources[i].mtime_sec ||
                               now.mtime_nsec != h.sources[i].mtime_nsec)))
            return 0;
    }
    return 1;
}

const void *binfile_section_at(const void *buf, int i, size_t *size)
{
    binfile_header h;
    memcpy(&h, buf, sizeof h);
    if (i < 0 || (uint32_t)i >= h.nsections) {
        *size = 0;
        return NULL;
    }
    *size = (size_t)h.sections[i].size;
    return (const char *)buf + h.sections[i].offset;
}

int binfile_nsections(const void *buf)
{
    binfile_header h;
    memcpy(&h, buf, sizeof h);
    return (int)h.nsections;
}

void binfile_seal(void *buf, size_t len)
{
    binfile_header h;
    if (len < sizeof h)
        return;
    memcpy(&h, buf, sizeof h);
    make_stamp(h.stamp);
    memcpy(buf, &h, sizeof h);
    h.checksum = file_checksum(buf, len);
    memcpy(buf, &h, sizeof h);
}

void *binfile_check_copy(const void *buf, size_t len, const char *magic, uint32_t version,
                         char *err, size_t errlen)
{
    if (binfile_check(buf, len, magic, version, err, errlen) != BINFILE_OK)
        return NULL;
    void *block = mem_malloc(len ? len : 1);
    if (!block) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    memcpy(block, buf, len);
    return block;
}
