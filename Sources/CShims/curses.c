#include "include/cshims_curses.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

WINDOW *cs_stdscr(void) { return stdscr; }
unsigned int cs_A_NORMAL(void) { return A_NORMAL; }
unsigned int cs_A_BOLD(void) { return A_BOLD; }
unsigned int cs_A_REVERSE(void) { return A_REVERSE; }
unsigned int cs_A_UNDERLINE(void) { return A_UNDERLINE; }
unsigned int cs_A_DIM(void) { return A_DIM; }
int cs_KEY_F(int n) { return KEY_F(n); }
int cs_getmaxy(WINDOW *w) { return getmaxy(w); }
int cs_getmaxx(WINDOW *w) { return getmaxx(w); }

int cs_get_wch(WINDOW *w, uint32_t *out) {
    wint_t ch = 0;
    int rc = wget_wch(w, &ch);
    *out = (uint32_t)ch;
    return rc;
}

int cs_attrset(unsigned int attrs, short pair) {
    return attr_set((attr_t)attrs, pair, NULL);
}

int cs_mvaddwstr(int y, int x, const uint32_t *s, int n) {
    wchar_t buf[512];
    if (n > 511) n = 511;
    for (int i = 0; i < n; i++) buf[i] = (wchar_t)s[i];
    buf[n] = 0;
    return mvaddnwstr(y, x, buf, n);
}

int cs_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int cs_locale_is_ascii(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "ANSI_X3.4-1968") == 0 || strcmp(cs, "ASCII") == 0 || strcmp(cs, "US-ASCII") == 0);
}

int cs_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1 && *cup != 0;
}

int cs_has_alternate_screen(void) {
    char *smcup = tigetstr("smcup");
    return smcup != NULL && smcup != (char *)-1 && *smcup != 0;
}

void cs_define_common_keys(void) {
    // What xterm (both cursor-key modes), PuTTY, rxvt, tmux and the Linux console send. A terminal
    // whose $TERM names another type (PuTTY as "xterm", an xterm as "vt100") still gets its keys.
    static const struct { const char *seq; int key; } keys[] = {
        {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME}, {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME},
        {"\033[F", KEY_END}, {"\033OF", KEY_END}, {"\033[4~", KEY_END}, {"\033[8~", KEY_END},
        {"\033[2~", KEY_IC}, {"\033[3~", KEY_DC}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
        {"\033[A", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
        {"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
        {"\033[Z", KEY_BTAB},
        {"\033OP", KEY_F(1)}, {"\033OQ", KEY_F(2)}, {"\033OR", KEY_F(3)}, {"\033OS", KEY_F(4)},
        {"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)}, {"\033[13~", KEY_F(3)}, {"\033[14~", KEY_F(4)},
        {"\033[[A", KEY_F(1)}, {"\033[[B", KEY_F(2)}, {"\033[[C", KEY_F(3)}, {"\033[[D", KEY_F(4)},
        {"\033[[E", KEY_F(5)}, {"\033[15~", KEY_F(5)}, {"\033[17~", KEY_F(6)}, {"\033[18~", KEY_F(7)},
        {"\033[19~", KEY_F(8)}, {"\033[20~", KEY_F(9)}, {"\033[21~", KEY_F(10)}, {"\033[23~", KEY_F(11)},
        {"\033[24~", KEY_F(12)},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        // 0: unbound and no prefix conflict; a terminfo binding wins.
        if (key_defined(keys[i].seq) == 0) define_key(keys[i].seq, keys[i].key);
    }
}

// Whether the program has bracketed paste on, so a resume restores only what a suspend turned off.
static volatile sig_atomic_t paste_mode_on = 0;

void cs_bracketed_paste(int on) {
    // write(2), not stdio or curses: this runs in signal handlers too.
    static const char enable[] = "\033[?2004h", disable[] = "\033[?2004l";
    ssize_t ignored = on ? write(STDOUT_FILENO, enable, sizeof enable - 1) : write(STDOUT_FILENO, disable, sizeof disable - 1);
    (void)ignored;
    paste_mode_on = on;
}

static void (*curses_suspend)(int) = NULL;

static void suspend_without_paste_mode(int number) {
    int saved = errno;
    int was_on = paste_mode_on;
    if (was_on) cs_bracketed_paste(0);
    curses_suspend(number);    // endwin, stop; on resume it redraws
    if (was_on) cs_bracketed_paste(1);
    errno = saved;
}

void cs_wrap_suspend_handler(void) {
    struct sigaction current;
    if (sigaction(SIGTSTP, NULL, &current) != 0 || (current.sa_flags & SA_SIGINFO)) return;
    // SIG_DFL or SIG_IGN: curses installed nothing (job control is off), so there is nothing to wrap.
    if (current.sa_handler == SIG_DFL || current.sa_handler == SIG_IGN || current.sa_handler == suspend_without_paste_mode) return;
    curses_suspend = current.sa_handler;
    current.sa_handler = suspend_without_paste_mode;
    sigaction(SIGTSTP, &current, NULL);
}
