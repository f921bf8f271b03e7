// The parts of ncursesw that FrontDeskTerminal uses, plus small inline
// wrappers for what Swift cannot import: macros (getmaxyx, KEY_F, A_*,
// COLOR_PAIR) and mutable globals (stdscr, cur_term, COLORS, COLOR_PAIRS).
// Only the FrontDeskTerminal target imports this module.
#ifndef FRONTDESK_CNCURSESW_SHIM_H
#define FRONTDESK_CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <stdio.h>
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// MARK: C library

// Declared by <wchar.h> only under _XOPEN_SOURCE; the same prototype again.
extern int wcwidth(wchar_t c);
/// The columns a wide character takes in the current locale (-1: unprintable).
static inline int fdc_wcwidth(wchar_t c) { return wcwidth(c); }

// MARK: Globals

static inline WINDOW *fdc_stdscr(void) { return stdscr; }
static inline int fdc_colors(void) { return COLORS; }
static inline int fdc_color_pairs(void) { return COLOR_PAIRS; }
static inline int fdc_err(void) { return ERR; }
static inline int fdc_ok(void) { return OK; }

/// The locale's character set, e.g. "UTF-8" or "ANSI_X3.4-1968".
static inline const char *fdc_codeset(void) { return nl_langinfo(CODESET); }

/// Whether terminfo knows `term` well enough for a full-screen UI, found
/// without printing anything: 0 yes; 1 unknown (or generic); 2 a hardcopy
/// terminal; 3 no terminfo database; 4 no cursor addressing (e.g. "dumb").
/// Leaves no terminal loaded.
static inline int fdc_terminfo_check(const char *term) {
    int err = 0;
    int rc = setupterm(term, 1, &err);
    int result;
    if (rc == OK && err == 1) {
        const char *cup = (cur_term != NULL) ? cursor_address : NULL;
        result = (cup != NULL && cup != (const char *)-1) ? 0 : 4;
    } else if (err == 1) {
        result = 2;
    } else if (err == -1) {
        result = 3;
    } else {
        result = 1;
    }
    if (cur_term != NULL) {
        del_curterm(cur_term);
    }
    return result;
}

/// newterm on the process's standard output and input.
static inline SCREEN *fdc_newterm(const char *term) { return newterm(term, stdout, stdin); }

// MARK: Window geometry

static inline int fdc_maxy(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int fdc_maxx(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }

// MARK: Keys

static inline int fdc_key_f(int n) { return KEY_F(n); }
static inline int fdc_key_code_yes(void) { return KEY_CODE_YES; }

// MARK: Attributes

static inline attr_t fdc_a_normal(void) { return A_NORMAL; }
static inline attr_t fdc_a_bold(void) { return A_BOLD; }
static inline attr_t fdc_a_reverse(void) { return A_REVERSE; }
static inline attr_t fdc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t fdc_a_dim(void) { return A_DIM; }
static inline attr_t fdc_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

/// Sets stdscr's attributes and colour pair (the pair passed separately, as
/// wattr_set wants it; not OR-ed into the attributes).
static inline int fdc_attr_set(attr_t attrs, short pair) { return wattr_set(stdscr, attrs, pair, NULL); }

#endif
