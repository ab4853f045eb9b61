#include "library_data.h"
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

// The protection (PROT_*) of the mapping that holds `address`, from /proc/self/maps; -1 when it is not found.
static int protection(uintptr_t address) {
    FILE *maps = fopen("/proc/self/maps", "r");
    if (maps == NULL) return -1;
    char line[512], perms[8];
    unsigned long low, high;
    int found = -1;
    while (found < 0 && fgets(line, sizeof line, maps) != NULL) {
        if (sscanf(line, "%lx-%lx %7s", &low, &high, perms) != 3 || address < low || address >= high) continue;
        found = (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) | (perms[2] == 'x' ? PROT_EXEC : 0);
    }
    fclose(maps);
    return found;
}

int cs_store_library_pointer(void **field, void *value) {
    long page = sysconf(_SC_PAGESIZE);
    int was = protection((uintptr_t)field);
    if (page <= 0 || was < 0 || !(was & PROT_READ)) return -1;
    if (was & PROT_WRITE) { *field = value; return 0; }
    uintptr_t start = (uintptr_t)field & ~((uintptr_t)page - 1);
    size_t length = ((uintptr_t)field + sizeof *field) - start;
    if (mprotect((void *)start, length, was | PROT_WRITE) != 0) return -1;
    *field = value;
    return mprotect((void *)start, length, was) == 0 ? 0 : -1;
}
