// Linux-PAM's application interface (libpam0g-dev), for FrontDeskPAM's
// unlock check. Only the FrontDeskPAM target imports this module.
#ifndef FRONTDESK_CPAM_SHIM_H
#define FRONTDESK_CPAM_SHIM_H

#include <string.h>
#include <security/pam_appl.h>

/// Overwrites a buffer in a way the compiler may not leave out (for passwords).
static inline void fd_pam_wipe(void *buffer, size_t length) {
    explicit_bzero(buffer, length);
}

#endif
