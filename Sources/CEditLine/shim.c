/*
 * libedit wrapped for Swift: see include/ceditline.h for the contract.
 *
 * Everything here is wide (wchar_t) toward libedit and UTF-8 toward Swift: using
 * libedit's wide API for the prompt, the line, insertion and history means no
 * text goes through the C library's multibyte conversion, so it behaves the same
 * whatever locale the user has, as long as LC_CTYPE is UTF-8 (which libedit
 * still needs for its own key decoding and wcwidth-based cursor placement).
 */
/* sigaction, nl_langinfo and wcwidth are POSIX/XSI: ask for them even under a strict -std=c11. */
#define _XOPEN_SOURCE 700

#include "ceditline.h"

#include <errno.h>
#include <histedit.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct cel_editor {
    EditLine *el;
    HistoryW *history;
    wchar_t *prompt; /* malloc'd; read by prompt_callback on every redraw */
    void *user;
    cel_key_fn complete;
    cel_key_fn search;
};

/* ---- UTF-8 <-> wchar_t (glibc's wchar_t holds one Unicode code point) ---- */

/* Malformed input becomes U+FFFD, one per offending byte, so a bad byte never eats good text. */
static wchar_t *utf8_to_wide(const char *s) {
    size_t n = strlen(s);
    wchar_t *out = malloc((n + 1) * sizeof *out); /* never more code points than bytes */
    if (out == NULL) return NULL;
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + n;
    size_t o = 0;
    while (p < end) {
        unsigned int c = p[0], cp;
        int extra;
        if (c < 0x80) { cp = c; extra = 0; }
        else if (c >= 0xC2 && c <= 0xDF) { cp = c & 0x1F; extra = 1; }
        else if (c >= 0xE0 && c <= 0xEF) { cp = c & 0x0F; extra = 2; }
        else if (c >= 0xF0 && c <= 0xF4) { cp = c & 0x07; extra = 3; }
        else { out[o++] = 0xFFFD; p++; continue; }
        int ok = 1;
        /* The terminating NUL is not a continuation byte, so this never reads past it. */
        for (int i = 1; i <= extra && ok; i++) {
            if ((p[i] & 0xC0) != 0x80) ok = 0;
            else cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (ok && ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                   (cp >= 0xD800 && cp <= 0xDFFF)))
            ok = 0; /* overlong, out of range, or a surrogate */
        if (!ok) { out[o++] = 0xFFFD; p++; continue; }
        out[o++] = (wchar_t)cp;
        p += extra + 1;
    }
    out[o] = L'\0';
    return out;
}

static char *wide_to_utf8(const wchar_t *w, size_t n) {
    char *out = malloc(n * 4 + 1);
    if (out == NULL) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned int cp = (unsigned int)w[i];
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[o++] = (char)(0xE0 | (cp >> 12));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (cp >> 18));
            out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    return out;
}

/* ---- locale ---- */

static int codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && strcmp(cs, "UTF-8") == 0;
}

/*
 * Only LC_CTYPE is changed: it is all libedit needs, and changing LC_NUMERIC (as
 * LC_ALL would) could make C-level number formatting or parsing elsewhere in the
 * process locale-dependent. A plain "C"/"POSIX" environment (common in containers
 * and CI) yields ASCII, so that also falls back to a UTF-8 locale.
 */
static int setup_utf8_ctype(void) {
    if (setlocale(LC_CTYPE, "") != NULL && codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "en_US.UTF-8") != NULL && codeset_is_utf8()) return 1;
    return 0;
}

/* ---- callbacks libedit makes ---- */

static cel_editor *editor_of(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static wchar_t *prompt_callback(EditLine *el) {
    static wchar_t empty[] = L"";
    cel_editor *ed = editor_of(el);
    return (ed != NULL && ed->prompt != NULL) ? ed->prompt : empty;
}

/* libedit calls functions of its own type; this forwards to the Swift-side function. */
static unsigned char complete_callback(EditLine *el, int key) {
    cel_editor *ed = editor_of(el);
    if (ed == NULL || ed->complete == NULL) return CC_ERROR;
    return ed->complete(ed, key);
}

static unsigned char search_callback(EditLine *el, int key) {
    cel_editor *ed = editor_of(el);
    if (ed == NULL || ed->search == NULL) return CC_ERROR;
    return ed->search(ed, key);
}

/* ---- the editor ---- */

cel_editor *cel_open(const char *program, void *user, cel_key_fn complete,
                     cel_key_fn search, int history_limit) {
    /* Before el_init: libedit decides at init how to decode keys and measure the prompt. */
    if (!setup_utf8_ctype()) return NULL;

    cel_editor *ed = calloc(1, sizeof *ed);
    if (ed == NULL) return NULL;
    ed->user = user;
    ed->complete = complete;
    ed->search = search;

    ed->el = el_init(program, stdin, stdout, stderr);
    ed->history = history_winit();
    if (ed->el == NULL || ed->history == NULL) {
        cel_close(ed);
        return NULL;
    }

    HistEventW ev;
    history_w(ed->history, &ev, H_SETSIZE, history_limit > 0 ? history_limit : 1);
    history_w(ed->history, &ev, H_SETUNIQUE, 1); /* no consecutive duplicates */

    el_wset(ed->el, EL_CLIENTDATA, ed);
    /* The marker brackets colour escapes so they are not counted as columns. */
    el_wset(ed->el, EL_PROMPT_ESC, prompt_callback, (int)CEL_PROMPT_LITERAL);
    el_wset(ed->el, EL_EDITOR, L"emacs");
    /* libedit restores the terminal on signals during a read, then passes them on. */
    el_wset(ed->el, EL_SIGNAL, 1);
    /* The wide history function, so entries stay wchar_t end to end. */
    el_wset(ed->el, EL_HIST, history_w, ed->history);
    el_wset(ed->el, EL_ADDFN, L"evalshell-complete", L"Complete the word before the cursor",
            complete_callback);
    el_wset(ed->el, EL_BIND, L"^I", L"evalshell-complete", NULL);
    /*
     * libedit 3.1's screen update misplaces the cursor by one column when it inserts or
     * deletes in the middle of wide (CJK) text with the terminal's insert/delete-character
     * capabilities: the unchanged tail it keeps can start on the second cell of a wide
     * character. Without those capabilities it rewrites the line from the first change,
     * which counts cells correctly. Setting a capability to "" removes it.
     */
    static const wchar_t *const char_edit_caps[] = {L"dc", L"DC", L"ic", L"IC", L"im"};
    for (size_t i = 0; i < sizeof char_edit_caps / sizeof char_edit_caps[0]; i++)
        el_wset(ed->el, EL_SETTC, char_edit_caps[i], L"", NULL);
    /*
     * Ctrl-R is history search in shells (libedit's emacs map has it redisplay). libedit's
     * own em-inc-search-prev cannot be used: it looks keys up by their low byte, so the
     * first CJK character typed ends the search. The caller's function does it instead.
     */
    el_wset(ed->el, EL_ADDFN, L"evalshell-search", L"Search the history backwards", search_callback);
    el_wset(ed->el, EL_BIND, L"^R", L"evalshell-search", NULL);
    return ed;
}

void cel_close(cel_editor *ed) {
    if (ed == NULL) return;
    if (ed->el != NULL) el_end(ed->el); /* also puts the terminal back as it was */
    if (ed->history != NULL) history_wend(ed->history);
    free(ed->prompt);
    free(ed);
}

void *cel_user(cel_editor *ed) { return ed->user; }

int cel_set_prompt(cel_editor *ed, const char *utf8) {
    wchar_t *w = utf8_to_wide(utf8);
    if (w == NULL) return -1;
    free(ed->prompt);
    ed->prompt = w;
    return 0;
}

char *cel_read_line(cel_editor *ed, int *status) {
    int count = 0;
    errno = 0;
    const wchar_t *line = el_wgets(ed->el, &count);
    int err = errno;
    if (line != NULL && count > 0) {
        char *s = wide_to_utf8(line, (size_t)count);
        *status = s != NULL ? CEL_READ_LINE : CEL_READ_ERROR;
        return s;
    }
    /* NULL with EINTR is Ctrl-C (our handler set the flag) or a hangup/termination; NULL with a
       count of 0 is Ctrl-D. */
    if (cel_termination_requested()) *status = CEL_READ_END_OF_INPUT;
    else if (cel_interrupt_requested() || err == EINTR) *status = CEL_READ_INTERRUPTED;
    else if (count == 0) *status = CEL_READ_END_OF_INPUT;
    else *status = CEL_READ_ERROR;
    return NULL;
}

char *cel_text_before_cursor(cel_editor *ed) {
    const LineInfoW *li = el_wline(ed->el);
    return wide_to_utf8(li->buffer, (size_t)(li->cursor - li->buffer));
}

int cel_replace_line(cel_editor *ed, const char *utf8) {
    const LineInfoW *li = el_wline(ed->el);
    el_cursor(ed->el, (int)(li->lastchar - li->cursor)); /* to the end, then delete all before it */
    li = el_wline(ed->el);
    el_deletestr(ed->el, (int)(li->cursor - li->buffer));
    return *utf8 != '\0' ? cel_insert(ed, utf8) : 0;
}

int cel_read_key(cel_editor *ed) {
    wchar_t key;
    return el_wgetc(ed->el, &key) == 1 ? (int)key : -1;
}

void cel_push_key(cel_editor *ed, int codepoint) {
    wchar_t s[2] = {(wchar_t)codepoint, L'\0'};
    el_wpush(ed->el, s);
}

int cel_insert(cel_editor *ed, const char *utf8) {
    wchar_t *w = utf8_to_wide(utf8);
    if (w == NULL) return -1;
    int rc = el_winsertstr(ed->el, w);
    free(w);
    return rc;
}

void cel_delete_before_cursor(cel_editor *ed, int count) {
    if (count > 0) el_deletestr(ed->el, count);
}

int cel_columns(cel_editor *ed) {
    int cols = 0;
    if (el_get(ed->el, EL_GETTC, "co", &cols) != 0 || cols <= 0) return 80;
    return cols;
}

int cel_char_width(unsigned int codepoint) {
    int w = wcwidth((wchar_t)codepoint);
    return w > 0 ? w : 0; /* controls and unprintables (-1) take no column here */
}

void cel_write(const char *utf8) {
    fputs(utf8, stdout);
    fflush(stdout);
}

int cel_history_enter(cel_editor *ed, const char *utf8) {
    wchar_t *w = utf8_to_wide(utf8);
    if (w == NULL) return -1;
    HistEventW ev;
    int rc = history_w(ed->history, &ev, H_ENTER, w);
    free(w);
    return rc;
}

/* ---- SIGINT ---- */

static volatile sig_atomic_t interrupt_flag = 0;

static void on_sigint(int signo) {
    (void)signo;
    interrupt_flag = 1;
}

/*
 * A Ctrl-C that comes while libedit is between two reads (within microseconds of a key being
 * handled) is seen only with the next key: libedit's reader blocks in read(2) after the flag was
 * set. Reading keys here instead (EL_GETCFN, waiting with ppoll while SIGINT is unblocked) closes
 * that gap, but was tried and given up: libedit re-arms its Ctrl-Z/fg and resize handling only
 * inside its own reader, so a second Ctrl-Z left the terminal in the wrong mode.
 */
int cel_install_sigint_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* deliberately no SA_RESTART: el_wgets must see EINTR and give up the line */
    return sigaction(SIGINT, &sa, NULL);
}

int cel_interrupt_requested(void) { return interrupt_flag != 0; }

void cel_clear_interrupt(void) { interrupt_flag = 0; }

/* ---- SIGHUP, SIGTERM ---- */

static volatile sig_atomic_t termination_signal = 0;

static void on_termination(int signo) { termination_signal = signo; }

int cel_install_termination_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_termination;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns and the shell can leave */
    if (sigaction(SIGHUP, &sa, NULL) != 0) return -1;
    return sigaction(SIGTERM, &sa, NULL);
}

int cel_termination_requested(void) { return termination_signal; }
