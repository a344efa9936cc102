"""The shared crawl's state in Redis, and every change to it as one atomic script.

No Scrapy here: :class:`SharedCrawl` is what one worker does to the keys of one
crawl (``careerscrape:<crawl>:...``), whoever calls it. The keys:

- ``:requests``: the queue, a list of JSON requests (pushed left, taken right);
- ``:seen``: the filter, the fingerprints of every page asked for;
- ``:crawl``: the marker, a hash ``{id, started}``: which crawl the keys hold and
  when its first worker came (Redis server time, in ms);
- ``:workers``: the set of worker names, and ``:workers:<name>``: ``busy`` or
  ``idle``, with a TTL the worker's heartbeat keeps refreshing;
- ``:taken:<name>``: the pages a worker took from the queue and has not finished;
- ``:again``: the pages put back in the queue after a worker took them (see below).

Why each piece:

- **Nothing lost when a worker dies.** A page is taken by moving it from the queue to
  the worker's ``taken`` list in one step (``LMOVE``), and leaves that list only once
  its outcome is written and the links it found are queued (:meth:`ack`). Whenever a
  worker's heartbeat has expired, the next worker that looks (:meth:`look`) moves its
  ``taken`` pages back to the queue. At every moment a page still to do is in the
  queue or in a ``taken`` list, so "queue empty, every ``taken`` list empty, nobody
  busy" means the crawl is over, and the last worker never clears the keys of a crawl
  whose dead worker still holds pages. A page put back is marked ``again``: the worker
  that takes it next follows its redirect even into a page the filter has seen, since
  the worker that gave it up may have put the redirect's target there itself.
- **Redis lost.** Every write checks the marker first: a Redis that restarted empty
  (or whose keys were flushed) has no marker, or another crawl's, and the worker is
  told (:class:`CrawlLost`) instead of writing into someone else's crawl.
- **Start together.** ``started`` lets a worker wait out a start window before it
  concludes the crawl is over, so that workers started at the same time all join it.

Scripts address keys built from worker names, so they need one Redis server (not a
Redis Cluster), as scrapy-redis does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CrawlLost", "Joined", "Look", "SharedCrawl"]

#: The scripts' answer when the marker is not this crawl's.
_LOST = -1


class CrawlLost(Exception):
    """The crawl's marker is gone from Redis, or names another crawl: its keys were lost."""


@dataclass(frozen=True)
class Joined:
    """What :meth:`SharedCrawl.join` found."""

    crawl_id: str
    #: True: this worker started a new crawl; False: it joined one under way or stopped.
    new: bool
    #: Seconds since the crawl's first worker came, by Redis's clock.
    age: float
    queued: int


@dataclass(frozen=True)
class Look:
    """The crawl as :meth:`SharedCrawl.look` saw it, in one atomic snapshot."""

    queued: int
    #: Other live workers not idle: they may still add pages.
    busy: int
    #: Pages other live workers took and have not finished.
    taken: int
    #: Pages of dead workers just moved back to the queue.
    requeued: int
    #: Pages in this worker's own ``taken`` list.
    mine: int
    #: Seconds since the crawl's first worker came, by Redis's clock.
    age: float

    @property
    def over(self) -> bool:
        """Nothing queued, nothing taken by anyone, nobody busy: no page can come any more."""
        return not (self.queued or self.busy or self.taken or self.requeued or self.mine)


# Helpers every script starts with (Lua): the marker check, Redis's clock in ms, and
# putting taken pages back at the head of the queue, marked "again".
_COMMON = """
local function ours() return redis.call('HGET', KEYS[1], 'id') == ARGV[1] end
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function requeue(entry, queue, again)
  redis.call('RPUSH', queue, entry)  -- the end pages are taken from: next
  redis.call('SADD', again, entry)
end
local function requeue_all(from, queue, again)
  local n = 0
  while true do
    local entry = redis.call('RPOP', from)
    if not entry then return n end
    requeue(entry, queue, again)
    n = n + 1
  end
end
"""

# KEYS: marker, workers, queue, seen, again.
# ARGV: proposed id, me, state prefix, taken prefix, ttl ms, persist, flush.
_JOIN = """
local id = redis.call('HGET', KEYS[1], 'id')
local names = redis.call('SMEMBERS', KEYS[2])
local alive, work = false, redis.call('LLEN', KEYS[3]) > 0
for _, name in ipairs(names) do
  if redis.call('EXISTS', ARGV[3] .. name) == 1 then alive = true end
  if redis.call('LLEN', ARGV[4] .. name) > 0 then work = true end
end
local new = 0
if ARGV[7] == '1' or not id or not (alive or work) then
  -- A new crawl: whatever the keys hold is over, or unknown, or to be thrown away.
  for _, name in ipairs(names) do redis.call('DEL', ARGV[3] .. name, ARGV[4] .. name) end
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[5])
  if ARGV[6] ~= '1' or ARGV[7] == '1' then redis.call('DEL', KEYS[4]) end
  id, new = ARGV[1], 1
  redis.call('HSET', KEYS[1], 'id', id, 'started', now_ms())
elseif not alive then
  -- A stopped crawl goes on: its start window opens again for the workers now coming.
  redis.call('HSET', KEYS[1], 'started', now_ms())
end
redis.call('SET', ARGV[3] .. ARGV[2], 'busy', 'PX', ARGV[5])
redis.call('SADD', KEYS[2], ARGV[2])
local age = now_ms() - tonumber(redis.call('HGET', KEYS[1], 'started'))
return {id, new, age, redis.call('LLEN', KEYS[3])}
"""

# KEYS: marker, workers, state key. ARGV: id, me, state, ttl ms.
_BEAT = """
if not ours() then return -1 end
redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
"""

# KEYS: marker, queue, taken, again. ARGV: id.
_TAKE = """
if not ours() then return -1 end
local entry = redis.call('LMOVE', KEYS[2], KEYS[3], 'RIGHT', 'LEFT')
if not entry then return false end
return {entry, redis.call('SREM', KEYS[4], entry)}
"""

# KEYS: marker, seen, queue. ARGV: id, fingerprint ('' = not filtered), request.
_PUSH = """
if not ours() then return -1 end
if ARGV[2] ~= '' and redis.call('SADD', KEYS[2], ARGV[2]) == 0 then return 0 end
redis.call('LPUSH', KEYS[3], ARGV[3])
return 1
"""

# KEYS: marker, taken, queue, again. ARGV: id, requests... (none: every one taken).
_GIVE_BACK = """
if not ours() then return -1 end
if #ARGV == 1 then return requeue_all(KEYS[2], KEYS[3], KEYS[4]) end
local n = 0
for i = 2, #ARGV do
  if redis.call('LREM', KEYS[2], 1, ARGV[i]) == 1 then
    requeue(ARGV[i], KEYS[3], KEYS[4])
    n = n + 1
  end
end
return n
"""

# KEYS: marker, workers, queue, again. ARGV: id, me, state prefix, taken prefix.
_LOOK = """
if not ours() then return -1 end
local busy, taken, requeued = 0, 0, 0
for _, name in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if name ~= ARGV[2] then
    local state = redis.call('GET', ARGV[3] .. name)
    if state then
      if state == 'busy' then busy = busy + 1 end
      taken = taken + redis.call('LLEN', ARGV[4] .. name)
    else
      -- Dead: its heartbeat expired. What it took and had not finished is done again.
      requeued = requeued + requeue_all(ARGV[4] .. name, KEYS[3], KEYS[4])
      redis.call('SREM', KEYS[2], name)
    end
  end
end
local age = now_ms() - tonumber(redis.call('HGET', KEYS[1], 'started'))
local mine = redis.call('LLEN', ARGV[4] .. ARGV[2])
return {redis.call('LLEN', KEYS[3]), busy, taken, requeued, mine, age}
"""

# KEYS: marker, workers, queue, seen, again.
# ARGV: id, me, state prefix, taken prefix, finished, persist.
_LEAVE = """
if not ours() then return -1 end
requeue_all(ARGV[4] .. ARGV[2], KEYS[3], KEYS[5])
redis.call('DEL', ARGV[3] .. ARGV[2])
redis.call('SREM', KEYS[2], ARGV[2])
if ARGV[5] ~= '1' or ARGV[6] == '1' or redis.call('LLEN', KEYS[3]) > 0 then return 0 end
local names = redis.call('SMEMBERS', KEYS[2])
for _, name in ipairs(names) do
  if redis.call('EXISTS', ARGV[3] .. name) == 1 or redis.call('LLEN', ARGV[4] .. name) > 0 then
    return 0
  end
end
-- The last worker out of a finished crawl: the next crawl starts afresh.
for _, name in ipairs(names) do redis.call('DEL', ARGV[4] .. name) end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
return 1
"""


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class SharedCrawl:
    """One worker's view of the crawl whose keys start with ``prefix`` (see the module).

    Every method is one round trip and raises Redis's errors as they come;
    those that read or write the crawl raise :class:`CrawlLost` once its
    marker is not the one this worker joined.
    """

    def __init__(self, server: Any, prefix: str, worker: str, queue_key: str, seen_key: str):
        self.server = server
        self.worker = worker
        self.crawl_id = ""
        self.marker = f"{prefix}:crawl"
        self.workers = f"{prefix}:workers"
        self.queue = queue_key
        self.seen = seen_key
        self.again = f"{prefix}:again"
        self.states = f"{prefix}:workers:"
        self.takens = f"{prefix}:taken:"
        self.taken = f"{self.takens}{worker}"
        scripts = {"join": _JOIN, "beat": _BEAT, "take": _TAKE, "push": _PUSH,
                   "give_back": _GIVE_BACK, "look": _LOOK, "leave": _LEAVE}  # fmt: skip
        self._scripts = {name: server.register_script(_COMMON + code)
                         for name, code in scripts.items()}  # fmt: skip

    def _run(self, name: str, keys: list[str], *args: Any) -> Any:
        result = self._scripts[name](keys=keys, args=[self.crawl_id, *args])
        if result == _LOST:
            raise CrawlLost(f"the crawl's keys are gone from Redis ({self.marker} is not "
                            f"crawl {self.crawl_id})")  # fmt: skip
        return result

    def join(self, crawl_id: str, ttl: float, persist: bool, flush: bool) -> Joined:
        """Register this worker (busy) in the crawl under way, or start a new one.

        The crawl under way is joined while it has a live worker or pages left (queued,
        or taken by a dead worker). Otherwise, or with ``flush``, a new crawl starts,
        as ``crawl_id``: the queue and the workers' keys go, and the filter too unless
        ``persist`` (SCHEDULER_PERSIST: the pages asked for once are never asked again).
        """
        keys = [self.marker, self.workers, self.queue, self.seen, self.again]
        args = [self.worker, self.states, self.takens, _ms(ttl), int(persist), int(flush)]
        found, new, age, queued = self._scripts["join"](keys=keys, args=[crawl_id, *args])
        self.crawl_id = _text(found)
        return Joined(self.crawl_id, bool(new), age / 1000, queued)

    def beat(self, busy: bool, ttl: float) -> None:
        """Say this worker is alive (and busy or idle) for ``ttl`` more seconds."""
        state_key = f"{self.states}{self.worker}"
        state = "busy" if busy else "idle"
        self._run("beat", [self.marker, self.workers, state_key], self.worker, state, _ms(ttl))

    def take(self) -> tuple[bytes, bool] | None:
        """The next queued request, moved to this worker's ``taken`` list, and whether it
        was taken before (put back ``again``); None: none queued."""
        taken = self._run("take", [self.marker, self.queue, self.taken, self.again])
        return None if taken is None else (taken[0], bool(taken[1]))

    def push(self, fingerprint: str | None, request: bytes) -> bool:
        """Queue a request unless its fingerprint was seen (None: not filtered); pushed?"""
        return bool(self._run("push", [self.marker, self.seen, self.queue], fingerprint or "",
                              request))  # fmt: skip

    def ack(self, requests: list[bytes]) -> int:
        """These taken requests are finished: their outcome is written, their links queued.
        Returns how many were still in this worker's ``taken`` list."""
        pipe = self.server.pipeline(transaction=False)
        for request in requests:
            pipe.lrem(self.taken, 1, request)
        return sum(pipe.execute())

    def give_back(self, requests: list[bytes] | None = None) -> int:
        """Put taken requests (None: every one) back at the head of the queue; how many."""
        keys = [self.marker, self.taken, self.queue, self.again]
        return self._run("give_back", keys, *(requests or ()))

    def look(self) -> Look:
        """The crawl now, after moving the pages of dead workers back to the queue."""
        keys = [self.marker, self.workers, self.queue, self.again]
        queued, busy, taken, requeued, mine, age = self._run(
            "look", keys, self.worker, self.states, self.takens
        )
        return Look(queued, busy, taken, requeued, mine, age / 1000)

    def queued(self) -> int:
        return self.server.llen(self.queue)

    def leave(self, finished: bool, persist: bool) -> bool:
        """Unregister, giving back whatever this worker still holds. The last worker out
        of a ``finished`` crawl clears its keys (unless ``persist``); True if it did."""
        keys = [self.marker, self.workers, self.queue, self.seen, self.again]
        args = [self.worker, self.states, self.takens, int(finished), int(persist)]
        return bool(self._run("leave", keys, *args))


def _ms(seconds: float) -> int:
    return max(int(seconds * 1000), 1)
