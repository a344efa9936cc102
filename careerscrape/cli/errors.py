"""One way for every ``careerscrape`` subcommand to fail, and one set of exit statuses.

- 0: done;
- 1: done, but some input was refused (a page that does not parse, a fixture whose
  expected record differs): the rest was handled, and the reason is on stderr;
- 2: not done: bad arguments, or a file that cannot be read or is not what the
  command reads (``file:line`` on stderr).

Every message goes to stderr as one line: ``careerscrape COMMAND: reason``.
"""

from __future__ import annotations

import sys

from pydantic import ValidationError

__all__ = ["EXIT_OK", "EXIT_REFUSED", "EXIT_UNUSABLE", "describe", "fail"]

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_UNUSABLE = 2


def describe(exc: BaseException) -> str:
    """A one-line reason for an exception: a file's error, a validation's first error..."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"validation failed ({exc.error_count()} errors), first: {where}: {first['msg']}"
    return " ".join(str(exc).split()) or type(exc).__name__


def fail(command: str, reason: str | BaseException, status: int = EXIT_UNUSABLE) -> int:
    """Print ``careerscrape COMMAND: reason`` on stderr; returns ``status``."""
    text = describe(reason) if isinstance(reason, BaseException) else reason
    print(f"careerscrape {command}: {text}", file=sys.stderr)
    return status
