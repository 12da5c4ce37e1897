"""Running many checks: in this process, in a pool of processes, or (see distributed.py) on a cluster.

Results come back in input order whoever computed them. The result cache is
consulted here, in the parent, before any work is handed out: a cached input is
neither sent anywhere nor analysed, and the rules are loaded only when some input
is not cached. Work goes out in chunks, with a bounded number in flight, so memory
does not grow with the number of inputs. A run too small to repay starting worker
processes stays in this process.
"""

from __future__ import annotations

import os
import pickle
import threading
import warnings
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable, Iterator, NamedTuple

from ..reading.documents import ReadError
from ..reading.sources import Source, content
from .work import Result, check_source

if TYPE_CHECKING:
    from ..loading.catalog import Catalog
    from .resultcache import ResultCache

CHUNK = 32  # sources per task sent to a worker
POOL_MIN_BYTES = 2_000_000  # below this much text to check (and few files), a pool costs more than it saves
WINDOW = 4096  # results held, at most, while waiting for an earlier one


class RuleSupply:
    """The rules of a run, loaded when first needed: ``load`` gives (catalog, every known rule name).

    Safe from many threads: the rules are loaded once, by the first thread that needs them.
    """

    def __init__(self, load: Callable[[], tuple[Catalog, Collection[str] | None]]):
        self._load = load
        self._loaded: tuple[Catalog, Collection[str] | None] | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._loaded is not None

    def get(self) -> tuple[Catalog, Collection[str] | None]:
        loaded = self._loaded
        if loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = self._load()
                loaded = self._loaded
        return loaded

    def catalog(self) -> Catalog:
        return self.get()[0]

    def known(self) -> Collection[str] | None:
        return self.get()[1]


class Item(NamedTuple):
    """An input on its way: its source, the bytes read to look it up, its result if already known."""

    source: Source | None
    data: bytes | None
    result: Result | None


@dataclass
class Plan:
    """How to run: worker processes (1: this process), the cache, the engine (local or dask)."""

    rules: RuleSupply
    jobs: int = 1
    cache: ResultCache | None = None
    chunk: int = CHUNK
    engine: str = "local"
    scheduler: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


def run(sources: Iterable[Source | ReadError], plan: Plan) -> Iterator[Result]:
    """The result of each source, in input order."""
    items = lookup(sources, plan.cache)
    if plan.engine == "dask":
        from .distributed import run_on_cluster

        yield from run_on_cluster(items, plan)
        return
    if plan.jobs <= 1:
        yield from (item.result if item.result is not None else here(item, plan) for item in items)
        return
    head: list[Item] = []  # inputs held while deciding whether a pool pays
    misses = size = 0
    for item in items:
        head.append(item)
        if item.result is None:
            misses, size = misses + 1, size + _size(item)
            if use_pool(misses, size, plan.jobs, plan.chunk):
                yield from _in_pool(_chain(head, items), plan)
                return
        if len(head) >= WINDOW:  # mostly cached so far: settle these here, keep counting
            yield from (h.result if h.result is not None else here(h, plan) for h in head)
            head = []
    yield from (h.result if h.result is not None else here(h, plan) for h in head)


def use_pool(misses: int, size: int, jobs: int, chunk: int = CHUNK) -> bool:
    """Whether inputs still to check (``misses``, ``size`` bytes so far) repay a pool of ``jobs`` processes."""
    return jobs > 1 and misses >= 2 * jobs and (misses >= 2 * jobs * chunk or size >= POOL_MIN_BYTES)


def lookup(sources: Iterable[Source | ReadError], cache: ResultCache | None) -> Iterator[Item]:
    """Each source with its cached result when there is one (the text a report needs restored)."""
    for source in sources:
        if isinstance(source, ReadError):
            yield Item(None, None, Result(source.path, error=source))
            continue
        if cache is None:
            yield Item(source, None, None)
            continue
        data = content(source)
        if isinstance(data, ReadError):
            yield Item(source, None, Result(source.path, error=data, origin=source.origin))
            continue
        hit = cache.lookup(source, data)
        yield Item(source, data if hit is None and source.text is None else None, hit)


def here(item: Item, plan: Plan) -> Result:
    """Check one input in this process (and cache its result)."""
    assert item.source is not None
    result = check_source(item.source, plan.rules.catalog, plan.rules.known, item.data)
    if plan.cache is not None:
        plan.cache.put(item.source, result)
    return result


class _Batch:
    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.future: Any = None
        self.results: list[Result] | None = None


def ordered(items: Iterable[Item], submit: Callable[[list[Source]], Any], plan: Plan,
            in_flight: int) -> Iterator[Result]:
    """Results in input order: cached ones as they are, the others sent in chunks through ``submit``
    (which returns a future of the chunk's results), at most ``in_flight`` chunks at a time."""
    slots: deque[Result | tuple[_Batch, int]] = deque()
    open_batch: _Batch | None = None
    pending = 0  # chunks submitted and not yet fully handed on

    def send(batch: _Batch) -> None:
        nonlocal pending
        batch.future = submit(batch.sources)
        pending += 1

    def pop() -> Result:
        nonlocal pending, open_batch
        slot = slots.popleft()
        if isinstance(slot, Result):
            return slot
        batch, i = slot
        if batch.future is None:  # the chunk still being filled: send it as it is
            send(batch)
            open_batch = None
        if batch.results is None:
            batch.results = batch.future.result()
        result = batch.results[i]
        if plan.cache is not None:
            plan.cache.put(batch.sources[i], result)
        if i == len(batch.sources) - 1:
            pending -= 1
            batch.results = None
        return result

    for item in items:
        if item.result is not None:
            slots.append(item.result)
        else:
            assert item.source is not None
            if open_batch is None:
                open_batch = _Batch()
            slots.append((open_batch, len(open_batch.sources)))
            open_batch.sources.append(item.source)
            if len(open_batch.sources) >= plan.chunk:
                send(open_batch)
                open_batch = None
        while slots and (len(slots) > WINDOW or pending > in_flight):
            yield pop()
    if open_batch is not None:
        send(open_batch)
        open_batch = None
    while slots:
        yield pop()


def _in_pool(items: Iterator[Item], plan: Plan) -> Iterator[Result]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    catalog, known = plan.rules.get()
    try:
        payload = pickle.dumps((catalog, known), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # rules that cannot travel are used here (the report is the same)
        warnings.warn(f"factcheck: checking in one process: the rules cannot be sent to workers ({exc!r})",
                      RuntimeWarning, stacklevel=2)
        yield from (item.result if item.result is not None else here(item, plan) for item in items)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    with ProcessPoolExecutor(plan.jobs, mp_context=context, initializer=_start_worker,
                             initargs=(payload,)) as pool:
        yield from ordered(items, lambda chunk: pool.submit(check_batch, chunk), plan, 8 * plan.jobs)


_WORKER: tuple[Any, Any] | None = None


def _start_worker(payload: bytes) -> None:
    """Pool initializer: the rules, unpickled once per worker process."""
    global _WORKER
    _WORKER = pickle.loads(payload)


def check_batch(sources: list[Source], rules: tuple[Any, Any] | None = None) -> list[Result]:
    """Check some sources with the given (catalog, known) or this worker's."""
    catalog, known = rules if rules is not None else _WORKER or _default()
    return [check_source(s, catalog, known) for s in sources]


def _default() -> tuple[Any, Any]:
    from ..loading.catalog import default_catalog

    return default_catalog(), None


def _size(item: Item) -> int:
    source = item.source
    if item.data is not None:
        return len(item.data)
    if source is None:
        return 0
    if source.text is not None:
        return len(source.text)
    if source.span is not None:
        return source.span[1]
    try:
        return os.path.getsize(source.file) if source.file else 0
    except OSError:
        return 0


def _chain(head: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from head
    yield from rest
