// SwiftPM drops the -D flags of ncursesw.pc; without them the wide-character API is not declared.
#ifndef CNCURSES_H
#define CNCURSES_H
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 600
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncurses.h>
#endif
