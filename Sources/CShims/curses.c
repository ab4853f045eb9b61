#include "include/cshims_curses.h"
#include <string.h>

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
