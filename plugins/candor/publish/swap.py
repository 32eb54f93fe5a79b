"""Putting a finished build in place of the old one, in one step.

rename(2) cannot replace a folder that is not empty, so a plain swap takes two
renames (old site aside, new site in) and for the moment between them there
is no site at all: a web server or an rsync reading `output/` then sees it
missing. Linux (3.15+, glibc 2.28+) has renameat2 with RENAME_EXCHANGE, which
swaps two paths atomically: readers see the old site or the new one, never
neither. Python has no wrapper for it, so it is called through ctypes; where
the system or the file system cannot do it, the two renames remain, which
still never leave a half-written site.

The swap touches only the output and the staging folder (and, without
RENAME_EXCHANGE, a retired folder of its own beside them).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile

from .output_guard import RETIRED_PREFIX

AT_FDCWD = -100
RENAME_EXCHANGE = 1 << 1
# The answers of a kernel, libc or file system that cannot exchange.
CANNOT_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


def exchange(first: str, second: str) -> bool:
    """Swap two existing paths atomically; False where this system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # no libc found, or one older than glibc 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in CANNOT_EXCHANGE:
            return False
        raise OSError(code, os.strerror(code), second)
    return True


# The site is public: a web server running as another user must read every file.
# Fixed modes, not the umask: tempfile.mkdtemp makes the staging folder 0700, and
# files copied from the content or the theme keep whatever mode they had there.
FOLDER_MODE = 0o755
FILE_MODE = 0o644


def make_readable(folder: str) -> None:
    """Give every folder under `folder` (itself included) 0755 and every file 0644."""
    os.chmod(folder, FOLDER_MODE)
    for root, folders, files in os.walk(folder):
        for names, mode in ((folders, FOLDER_MODE), (files, FILE_MODE)):
            for name in names:
                path = os.path.join(root, name)
                if not os.path.islink(path):  # a link has no mode of its own on Linux
                    os.chmod(path, mode)


def swap_into_place(staging: str, output: str) -> None:
    """Make `staging` the new `output`; the previous site is removed afterwards."""
    if not os.path.exists(output):
        os.rename(staging, output)
        return
    if exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
        return
    retired = tempfile.mkdtemp(prefix=RETIRED_PREFIX, dir=os.path.dirname(output))
    os.rename(output, os.path.join(retired, "site"))
    os.rename(staging, output)
    shutil.rmtree(retired, ignore_errors=True)
