#ifndef CSHIMS_CURSES_H
#define CSHIMS_CURSES_H
#include <stdint.h>
#include "../../CNCurses/cncurses.h"

WINDOW *cs_stdscr(void);
unsigned int cs_A_NORMAL(void);
unsigned int cs_A_BOLD(void);
unsigned int cs_A_REVERSE(void);
unsigned int cs_A_UNDERLINE(void);
unsigned int cs_A_DIM(void);
int cs_KEY_F(int n);
int cs_getmaxy(WINDOW *w);
int cs_getmaxx(WINDOW *w);
/// Reads one key as a code point or a KEY_* code; returns OK, KEY_CODE_YES or ERR.
int cs_get_wch(WINDOW *w, uint32_t *out);
/// Sets attributes and colour pair for the following output on stdscr.
int cs_attrset(unsigned int attrs, short pair);
/// Writes a UTF-32 string of n code points at y, x.
int cs_mvaddwstr(int y, int x, const uint32_t *s, int n);
/// True when the locale's character set (after setlocale) is UTF-8.
int cs_locale_is_utf8(void);
/// True when the locale's character set is plain ASCII (LANG=C, POSIX): no byte above 127 means anything.
int cs_locale_is_ascii(void);
/// True when the current terminal can move the cursor (terminfo `cup`); `dumb` cannot.
int cs_can_address_cursor(void);
/// True when the terminal has an alternate screen (terminfo `smcup`), which endwin leaves for the shell's.
int cs_has_alternate_screen(void);
/// Binds escape sequences that common terminals send for Home, End, F1-F12 and the like, when the
/// terminfo entry does not already bind them.
void cs_define_common_keys(void);
/// Turns bracketed paste (DECSET 2004) on or off: the terminal then wraps pasted text in ESC[200~ ... ESC[201~.
/// Async-signal-safe.
void cs_bracketed_paste(int on);
/// Wraps the SIGTSTP handler curses installed, so Ctrl-Z turns bracketed paste off for the shell and back on
/// when the program resumes. Does nothing when curses installed none.
void cs_wrap_suspend_handler(void);
#endif
