#include "cshims_signals.h"
#include <pthread.h>
#include <signal.h>
#include <string.h>

static const int held[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define HELD_COUNT (sizeof held / sizeof held[0])
static struct sigaction saved[HELD_COUNT];
static volatile sig_atomic_t arrived = 0;
static int depth = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void keep(int number) {
    if (!arrived) arrived = number;
}

void cs_hold_signals_begin(void) {
    pthread_mutex_lock(&lock);
    if (depth++ == 0) {
        arrived = 0;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = keep;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;  // a write or read under way goes on, as if nothing came
        for (unsigned i = 0; i < HELD_COUNT; i++) sigaction(held[i], &action, &saved[i]);
    }
    pthread_mutex_unlock(&lock);
}

void cs_hold_signals_end(void) {
    pthread_mutex_lock(&lock);
    int number = 0;
    if (depth > 0 && --depth == 0) {
        for (unsigned i = 0; i < HELD_COUNT; i++) sigaction(held[i], &saved[i], NULL);
        number = arrived;
        arrived = 0;
    }
    pthread_mutex_unlock(&lock);
    if (number) raise(number);
}
