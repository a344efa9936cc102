"""Every page the crawl asks for, and whether it has ended yet.

careerscrape promises that every URL a crawl is given or chooses to follow ends as a
record, a reject line or a duplicate. Counters alone can say that the promise broke
("3 of 2,000 pages ended nowhere"); the ledger says which pages, so that the verdict
can name them. A page is asked for once per crawl (its canonical URL), and pending
until its outcome is known; what is still pending when the crawl has finished by
itself was lost. Memory: one URL per page asked for, and the pending ones twice.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Ledger"]


class Ledger:
    def __init__(self) -> None:
        self._asked: set[str] = set()
        #: Asked for and not ended, in the order asked (a dict keeps the order).
        self._pending: dict[str, None] = {}

    def ask(self, url: str) -> bool:
        """Note ``url`` as asked for; False if it was already (the crawl must skip it)."""
        if url in self._asked:
            return False
        self._asked.add(url)
        self._pending[url] = None
        return True

    def end(self, url: str) -> None:
        """``url`` ended as a record, a reject or a duplicate (or, in a shared crawl, was
        handed to the shared queue: the process that takes it answers for it)."""
        self._pending.pop(url, None)

    def take(self, url: str) -> None:
        """``url`` taken from a shared crawl's queue (careerscrape.distributed), whoever
        asked for it: this process answers for it now, so it is pending until it ends."""
        self._asked.add(url)
        self._pending[url] = None

    def resume(self, ended: Iterable[str]) -> None:
        """Pages a resumed job had ended in its earlier parts: asked for, and done."""
        self._asked.update(ended)

    def __contains__(self, url: object) -> bool:
        return url in self._asked

    def __len__(self) -> int:
        """Pages asked for."""
        return len(self._asked)

    def pending(self) -> list[str]:
        """The pages asked for that have not ended, in the order asked."""
        return list(self._pending)
