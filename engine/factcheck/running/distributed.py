"""Beyond one machine: the same checks on a Dask cluster (the ``dask`` extra: ``pip install 'dask[bag]' distributed``).

Every input is checked by ``work.check_source``, as in a local run, so the findings
are the same. The rules are sent once to each worker (scattered, or one task every
partition depends on), never once per task. Files are read by the workers: every
worker must see the paths the run names (a shared file system, the same mount
points). Importing factcheck never imports Dask; this module does.

From Python::

    import dask.bag as db
    from factcheck.running.distributed import check_bag, sources_from_pairs

    pairs = db.from_sequence([("a1", "… 7/13 đảng viên mới, đạt trên 56,8% …")], npartitions=1)
    results = check_bag(sources_from_pairs(pairs, lang="vi")).compute()
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Collection, Iterable, Iterator

from ..reading.documents import Document
from ..reading.sources import Source
from .runner import Item, Plan, check_batch, ordered
from .work import Result

if TYPE_CHECKING:
    from dask.bag import Bag

    from ..loading.catalog import Catalog

# not factcheck's extra by name: factcheck is not on PyPI yet (the name there is another project's)
INSTALL_HINT = "--engine dask needs Dask: pip install 'dask[bag]' distributed (or install factcheck with its dask extra)"


class DaskMissing(ImportError):
    """Dask or distributed is not installed."""


def require_dask() -> None:
    """Raise DaskMissing (with the pip command) unless dask.bag and distributed import."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskMissing(f"{INSTALL_HINT} ({exc})") from None


def as_source(item: Source | Document | tuple[Any, str]) -> Source:
    """A Source from a Source, a Document, or an ``(id, text)`` pair."""
    if isinstance(item, Source):
        return item
    if isinstance(item, Document):
        return Source(item.path, text=item.text, lang=item.lang, published=item.published, kind=item.kind)
    rid, text = item
    return Source(str(rid), text=text)


def sources_from_pairs(bag: Bag, lang: str | None = None, published: dt.date | None = None) -> Bag:
    """A bag of ``(id, text)`` pairs as a bag of Sources (with a language and date for all, if given)."""
    return bag.map(_pair_source, lang=lang, published=published)


def _pair_source(pair: tuple[Any, str], lang: str | None, published: dt.date | None) -> Source:
    rid, text = pair
    return Source(str(rid), text=text, lang=lang, published=published)


def check_bag(bag: Bag, rules: Catalog | None = None, known: Collection[str] | None = None) -> Bag:
    """A bag of Results, one per element of ``bag`` (Sources, Documents or ``(id, text)`` pairs), in order.

    ``rules`` defaults to the shipped catalog, loaded once by each worker; a catalog
    given is sent once to each worker. ``known`` is every rule name that exists (for
    the notes about suppression comments); it defaults to the catalog's.
    """
    require_dask()
    from dask import delayed

    shipped = delayed((rules, known), pure=False, traverse=False) if rules is not None else None
    return bag.map_partitions(_check_partition, shipped)


def _check_partition(partition: Iterable[Any], rules: tuple[Any, Any] | None) -> list[Result]:
    return check_batch([as_source(item) for item in partition], rules)


def run_on_cluster(items: Iterable[Item], plan: Plan) -> Iterator[Result]:
    """Results in input order, computed on the cluster at ``plan.scheduler`` (or on a local
    cluster of ``plan.jobs`` worker processes when none is given)."""
    require_dask()
    from distributed import Client, LocalCluster

    cluster = None
    if plan.scheduler:
        client = Client(plan.scheduler, timeout="20s")
    else:
        cluster = LocalCluster(n_workers=max(1, plan.jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        [rules] = client.scatter([plan.rules.get()], broadcast=True, hash=False)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from ordered(items, lambda chunk: client.submit(check_batch, chunk, rules, pure=False),
                           plan, 2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
