#ifndef CSHIMS_SIGNALS_H
#define CSHIMS_SIGNALS_H

// Holds SIGINT, SIGTERM, SIGHUP and SIGQUIT from begin to end, process-wide (any thread may take a signal): one that
// comes meanwhile is kept, and raised again at the end with the handlers there were before (the console's, which
// restore the terminal, or the default). For the renames of a change, so that Ctrl-C or kill never leaves a change
// half written. Calls nest; only the outermost end raises.
void cs_hold_signals_begin(void);
void cs_hold_signals_end(void);

#endif
