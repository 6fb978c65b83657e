/* The benchmark's yardstick: the job of tools/bench.py as a single-pass C program.
 *
 *   rates PROJECTS.csv PAYMENTS.csv YEAR OUT.csv
 *
 * Reads the projects (项目编码, 调整后预算数（元）) into a hash table, then the payments (项目编码,
 * 支付金额, 支付日期) once, adding each payment dated within YEAR to its project's sum in integer fen;
 * writes every project's execution rate (paid ÷ budget, as a percentage with two decimals) to OUT.csv
 * and prints the totals in yuan, exact to the fen ("budget 123.45" and "paid 67.89"), which bench.py
 * compares with evalshell's and DuckDB's. Files are read in 1 MiB chunks; fields may be quoted
 * (RFC 4180, a doubled quote inside). Errors end the program with a message: it is a yardstick, not
 * a loader (no encodings, units or bad-row reports).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (1 << 20)
#define MAXF 64

typedef struct { FILE *f; char *buf; size_t start, end; int eof; } Reader;
typedef struct { const char *p[MAXF]; size_t n[MAXF]; int count; } Row;

static void die(const char *what, const char *name) {
    fprintf(stderr, "rates: %s: %s\n", name, what);
    exit(1);
}

/* Splits the record at r->start into fields (pointers into the buffer, valid until the next call);
 * returns 0 at the end of the file. Doubled quotes are not rewritten: no field the job reads has one. */
static int next_row(Reader *r, Row *row, const char *name) {
    for (;;) {
        size_t i = r->start;
        int f = 0, complete = 0;
        while (i < r->end || r->eof) {
            if (i >= r->end) { complete = i > r->start; break; }
            if (f == MAXF) die("too many fields", name);
            if (r->buf[i] == '"') {
                size_t k = i + 1;
                for (;;) {
                    while (k < r->end && r->buf[k] != '"') k++;
                    if (k + 1 < r->end && r->buf[k + 1] == '"') { k += 2; continue; }
                    break;
                }
                if (k + 1 >= r->end && !r->eof) break;
                row->p[f] = r->buf + i + 1; row->n[f] = k - i - 1; f++;
                i = k + 1;
            } else {
                size_t k = i;
                while (k < r->end && r->buf[k] != ',' && r->buf[k] != '\n' && r->buf[k] != '\r') k++;
                if (k == r->end && !r->eof) break;
                row->p[f] = r->buf + i; row->n[f] = k - i; f++;
                i = k;
            }
            if (i >= r->end) { complete = 1; break; }
            if (r->buf[i] == ',') { i++; continue; }
            if (r->buf[i] == '\r') i++;
            if (i < r->end && r->buf[i] == '\n') i++;
            complete = 1;
            break;
        }
        if (complete) { row->count = f; r->start = i; return 1; }
        if (r->eof) return 0;
        /* The record runs past the buffer: keep it, read more after it. */
        size_t keep = r->end - r->start;
        if (keep >= CHUNK) die("a record longer than 1 MiB", name);
        memmove(r->buf, r->buf + r->start, keep);
        r->start = 0;
        r->end = keep + fread(r->buf + keep, 1, 2 * CHUNK - keep, r->f);
        if (r->end < 2 * CHUNK) r->eof = 1;
    }
}

static void open_reader(Reader *r, const char *name) {
    r->f = fopen(name, "rb");
    if (!r->f) die("cannot open", name);
    r->buf = malloc(2 * CHUNK);
    r->start = r->end = 0;
    r->eof = 0;
}

static int column(const Row *h, const char *title) {
    size_t n = strlen(title);
    for (int i = 0; i < h->count; i++) {
        const char *p = h->p[i]; size_t m = h->n[i];
        if (m >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) { p += 3; m -= 3; }
        if (m == n && memcmp(p, title, n) == 0) return i;
    }
    return -1;
}

/* An amount in yuan (digits, optional sign, group commas, at most two decimals) as integer fen. */
static int64_t fen(const char *p, size_t n, const char *name) {
    int64_t v = 0; int neg = 0, dec = -1;
    size_t i = 0;
    if (i < n && (p[i] == '-' || p[i] == '+')) { neg = p[i] == '-'; i++; }
    for (; i < n; i++) {
        char c = p[i];
        if (c >= '0' && c <= '9') { v = v * 10 + (c - '0'); if (dec >= 0) dec++; }
        else if (c == '.' && dec < 0) dec = 0;
        else if (c != ',') die("an amount that is not a number", name);
    }
    if (dec > 2) die("an amount with more than two decimals", name);
    for (int d = dec < 0 ? 0 : dec; d < 2; d++) v *= 10;
    return neg ? -v : v;
}

typedef struct { const char *id; size_t n; int64_t budget, paid; } Project;

static uint64_t hash(const char *p, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
    return h ^ (h >> 29);
}

static void print_yuan(FILE *out, const char *label, __int128 v) {
    int neg = v < 0;
    unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    char digits[64]; int k = 0;
    unsigned __int128 y = u / 100;
    do { digits[k++] = (char)('0' + (int)(y % 10)); y /= 10; } while (y);
    fprintf(out, "%s %s", label, neg ? "-" : "");
    while (k) fputc(digits[--k], out);
    fprintf(out, ".%02d\n", (int)(u % 100));
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: rates PROJECTS.csv PAYMENTS.csv YEAR OUT.csv\n"); return 2; }
    const char *pname = argv[1], *yname = argv[2];
    char from[16], through[16];
    snprintf(from, sizeof from, "%.4s-01-01", argv[3]);
    snprintf(through, sizeof through, "%.4s-12-31", argv[3]);

    Reader r; Row row;
    open_reader(&r, pname);
    if (!next_row(&r, &row, pname)) die("empty", pname);
    int idc = column(&row, "项目编码"), bc = column(&row, "调整后预算数（元）");
    if (bc < 0) bc = column(&row, "年初预算数（元）");
    if (idc < 0 || bc < 0) die("no 项目编码 or 调整后预算数（元） column", pname);
    size_t cap = 1024, count = 0, mask = 4095;
    Project *projects = malloc(cap * sizeof *projects);
    int32_t *slots = malloc((mask + 1) * sizeof *slots);
    memset(slots, 0xFF, (mask + 1) * sizeof *slots);
    while (next_row(&r, &row, pname)) {
        if (row.count <= idc || row.count <= bc || row.n[idc] == 0) continue;
        if (count == cap) { cap *= 2; projects = realloc(projects, cap * sizeof *projects); }
        if ((count + 1) * 2 > mask + 1) {
            mask = mask * 2 + 1;
            free(slots);
            slots = malloc((mask + 1) * sizeof *slots);
            memset(slots, 0xFF, (mask + 1) * sizeof *slots);
            for (size_t k = 0; k < count; k++) {
                size_t s = hash(projects[k].id, projects[k].n) & mask;
                while (slots[s] >= 0) s = (s + 1) & mask;
                slots[s] = (int32_t)k;
            }
        }
        char *id = malloc(row.n[idc]);
        memcpy(id, row.p[idc], row.n[idc]);
        projects[count] = (Project){ id, row.n[idc], fen(row.p[bc], row.n[bc], pname), 0 };
        size_t s = hash(id, row.n[idc]) & mask;
        while (slots[s] >= 0) s = (s + 1) & mask;
        slots[s] = (int32_t)count++;
    }
    fclose(r.f);

    open_reader(&r, yname);
    if (!next_row(&r, &row, yname)) die("empty", yname);
    int pc = column(&row, "项目编码"), ac = column(&row, "支付金额"), dc = column(&row, "支付日期");
    if (pc < 0 || ac < 0 || dc < 0) die("no 项目编码, 支付金额 or 支付日期 column", yname);
    while (next_row(&r, &row, yname)) {
        if (row.count <= pc || row.count <= ac || row.count <= dc) continue;
        if (row.n[dc] != 10 || memcmp(row.p[dc], from, 10) < 0 || memcmp(row.p[dc], through, 10) > 0) continue;
        const char *id = row.p[pc]; size_t n = row.n[pc];
        size_t s = hash(id, n) & mask;
        for (;;) {
            int32_t k = slots[s];
            if (k < 0) die("a payment of an unknown project", yname);
            if (projects[k].n == n && memcmp(projects[k].id, id, n) == 0) { projects[k].paid += fen(row.p[ac], row.n[ac], yname); break; }
            s = (s + 1) & mask;
        }
    }
    fclose(r.f);

    FILE *out = fopen(argv[4], "w");
    if (!out) die("cannot write", argv[4]);
    fputs("项目编码,执行率\n", out);
    __int128 budget = 0, paid = 0;
    for (size_t k = 0; k < count; k++) {
        Project *p = &projects[k];
        budget += p->budget;
        paid += p->paid;
        fwrite(p->id, 1, p->n, out);
        if (p->budget == 0) { fputs(",\n", out); continue; }
        /* paid ÷ budget × 100, two decimals, rounded half away from zero. */
        __int128 num = (__int128)p->paid * 10000, q = num / p->budget, rem = num % p->budget;
        if (rem < 0 ? -2 * rem >= (p->budget < 0 ? -p->budget : p->budget) : 2 * rem >= (p->budget < 0 ? -p->budget : p->budget))
            q += (num < 0) != (p->budget < 0) ? -1 : 1;
        int neg = q < 0;
        if (neg) q = -q;
        fprintf(out, ",%s%lld.%02lld%%\n", neg ? "-" : "", (long long)(q / 100), (long long)(q % 100));
    }
    fclose(out);
    print_yuan(stdout, "budget", budget);
    print_yuan(stdout, "paid", paid);
    return 0;
}
