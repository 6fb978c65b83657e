#ifndef CEDITLINE_H
#define CEDITLINE_H

/*
 * libedit behind plain, non-variadic C functions that Swift can call.
 *
 * Swift cannot call el_set/el_get/history (they are C variadic functions) and,
 * under strict concurrency, cannot touch stdin/stdout or keep a global signal
 * flag; so all of that lives here. Text crosses this boundary as UTF-8 only:
 * the conversion to and from libedit's wchar_t (UCS-4 on glibc) happens in
 * shim.c, code point by code point, independently of the C library's locale.
 *
 * Only Sources/EvalShell/LineEditor.swift should include this module.
 */

/* One line editor: libedit's EditLine, its history and the current prompt. */
typedef struct cel_editor cel_editor;

/* An editing function bound to a key (TAB, Ctrl-R): gets the editor and the key,
 * returns one of CEL_CC_*. */
typedef unsigned char (*cel_key_fn)(cel_editor *editor, int key);

/* Return codes of an editing function (libedit's CC_* values). */
#define CEL_CC_NORM 0
#define CEL_CC_NEWLINE 1
#define CEL_CC_EOF 2
#define CEL_CC_REFRESH 4
#define CEL_CC_ERROR 6
#define CEL_CC_REDISPLAY 8
#define CEL_CC_REFRESH_BEEP 9

/* Outcome of cel_read_line. */
#define CEL_READ_LINE 0
#define CEL_READ_END_OF_INPUT 1
#define CEL_READ_INTERRUPTED 2
#define CEL_READ_ERROR 3

/* The character that brackets non-printing sequences (colour escapes) in a prompt. */
#define CEL_PROMPT_LITERAL 1

/*
 * Chooses a UTF-8 LC_CTYPE (the environment's, else C.UTF-8) and starts libedit on
 * stdin/stdout/stderr in emacs mode, with signal handling, TAB bound to `complete`,
 * Ctrl-R bound to `search`, and an in-memory history of `history_limit` entries
 * (recalled with the arrow keys). `user` is handed back by cel_user. NULL on failure,
 * including when no UTF-8 locale exists (libedit would then drop every non-ASCII key).
 */
cel_editor *cel_open(const char *program, void *user, cel_key_fn complete,
                     cel_key_fn search, int history_limit);

/* Restores the terminal and frees everything. NULL is allowed. */
void cel_close(cel_editor *editor);

/* The `user` pointer given to cel_open. */
void *cel_user(cel_editor *editor);

/* Sets the prompt; colour escapes must be bracketed by CEL_PROMPT_LITERAL and be
 * followed by at least one visible character (libedit drops a trailing literal). */
int cel_set_prompt(cel_editor *editor, const char *utf8);

/*
 * Reads one line with editing. Returns the line as malloc'd UTF-8 (caller frees;
 * it ends with the newline libedit keeps) and sets *status to CEL_READ_LINE; or
 * returns NULL and sets *status to CEL_READ_END_OF_INPUT, CEL_READ_INTERRUPTED or
 * CEL_READ_ERROR.
 */
char *cel_read_line(cel_editor *editor, int *status);

/* The text between the start of the line and the cursor, as malloc'd UTF-8 (caller frees). */
char *cel_text_before_cursor(cel_editor *editor);

/* Replaces the whole line with UTF-8 text, cursor at its end; 0 on success. */
int cel_replace_line(cel_editor *editor, const char *utf8);

/* From inside an editing function: waits for the next key and returns its code point,
 * or -1 on end of input, error or interruption (Ctrl-C). */
int cel_read_key(cel_editor *editor);

/* From inside an editing function: makes `codepoint` the next key libedit reads. */
void cel_push_key(cel_editor *editor, int codepoint);

/* Inserts UTF-8 text at the cursor; 0 on success, -1 if empty or the line is full. */
int cel_insert(cel_editor *editor, const char *utf8);

/* Deletes `count` code points before the cursor (nothing if there are fewer). */
void cel_delete_before_cursor(cel_editor *editor, int count);

/* The terminal's width in columns as libedit knows it (80 if unknown). */
int cel_columns(cel_editor *editor);

/* Columns a code point takes as libedit counts them (wcwidth): 2 for CJK, 0 for
 * combining marks and controls. Meaningful once cel_open has set a UTF-8 LC_CTYPE. */
int cel_char_width(unsigned int codepoint);

/* Writes UTF-8 to standard output through the same stdio buffer libedit uses, then flushes. */
void cel_write(const char *utf8);

/* Appends an entry to the in-memory history (consecutive duplicates are kept out by libedit). */
int cel_history_enter(cel_editor *editor, const char *utf8);

/*
 * SIGINT: a handler that only sets a flag, installed without SA_RESTART so that a
 * blocking read fails with EINTR and libedit gives up the line. The flag is a
 * volatile sig_atomic_t in C because Swift cannot safely hold state a signal
 * handler writes.
 */
int cel_install_sigint_handler(void);
int cel_interrupt_requested(void);
void cel_clear_interrupt(void);

/*
 * SIGHUP (the terminal went away) and SIGTERM: a handler that records the signal, so the shell
 * can stop what it runs, save its history and leave instead of dying on the spot. Once one has
 * come, cel_read_line reports the end of input. cel_termination_requested returns the signal
 * number, or 0.
 */
int cel_install_termination_handler(void);
int cel_termination_requested(void);

#endif
