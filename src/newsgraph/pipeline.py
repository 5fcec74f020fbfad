"""The pipeline: stages declared once, in order, and run over batches of articles.

A stage is a pure function ``Doc -> Doc`` with the fields it needs and adds
(as in spaCy's pipeline core).  :data:`STAGES` is the single place that orders
them.  :func:`process` streams inputs in batches of ``options.batch_size``,
maps each batch over ``options.workers`` processes (ordered, so the output is
identical for any number of workers) and writes each batch in one transaction.

Worker processes hand back each chunk as store columns (:func:`newsgraph.store.doc_rows`),
not Doc objects: unpickling ~60 small dataclasses per article cost the main process
more CPU than its whole share of reading and writing, and with two workers on two
cores the main process competes with them.

Cross-article context that a per-article function cannot see — lines that repeat
across many articles of one source — is computed per batch before the map and
handed to the clean stage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import multiprocessing
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import actors, clean, embed, events, language, sentences
from .ingest import iter_inputs
from .options import Options
from .records import Article, Doc, Rejection
from .store import BatchRows, Store, doc_rows, merge_rows

_T = TypeVar("_T")

__all__ = ["STAGES", "RunSummary", "Stage", "process", "process_articles", "run_stages", "worker_pool"]

# A line counts as source boilerplate when it occurs in at least this many
# articles of one source within a batch, and in at least REPEAT_MIN_SHARE of
# them.  3 articles is the smallest count that separates a site's footer from a
# quote two articles happen to share; the share keeps a repeated quote in a
# 200-article feed from being dropped.
REPEAT_MIN_ARTICLES = 3
REPEAT_MIN_SHARE = 0.3
# Only lines up to this length are counted: site furniture (footers, share bars,
# newsletter prompts) is short, and skipping long paragraphs keeps the count cheap.
# The longest repeated furniture line in the demo corpus and eval/boilerplate is
# under 200 characters.
REPEAT_MAX_LINE_CHARS = 300
# Articles sent to a worker at once, at most: a chunk runs stage by stage (see _run_docs), and
# longer runs of one stage keep more of its working set cached.  Alternating chunk sizes inside one
# worker pool on the bench (``--fast``, 2 workers), 48 articles cost 5-12% less worker CPU per
# article than 16, 32 about the same as 48, 96 more again (the documents themselves no longer
# fit the caches beside the stage's data).  32 keeps 2 workers balanced on small batches.
CHUNK_SIZE = 32
# A short English news text that a starting worker runs through every stage, so that what the
# stages build on first use (the actor stem index, compiled boilerplate, date, place and flag
# rules, lexicon caches: ~0.4 s) is built before the first real chunk rather than during it.
WARM_TEXT = (
    "Ukraine says Russia shelled Kharkiv\n\n"
    "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three civilians, "
    "regional officials said. President Zelensky urged NATO to send more air defence systems to Kyiv.\n\n"
    "Poland and Lithuania agreed in Warsaw last week to build a joint air-defence system and will not "
    "hold talks with Belarus until 2027."
)


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Doc, Options], Doc]
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    extract: bool = False  # part of actor/event extraction (skipped when options.extract is False)


def _clean(doc: Doc, options: Options) -> Doc:
    return clean.clean_doc(doc, doc.article.metadata.get("_repeated", frozenset()))


def _language(doc: Doc, options: Options) -> Doc:
    return language.detect_doc(doc)


def _sentences(doc: Doc, options: Options) -> Doc:
    return sentences.split_doc(doc)


def _actors(doc: Doc, options: Options) -> Doc:
    return actors.link_doc(doc, actors.load_kb(options.actors_file))


def _events(doc: Doc, options: Options) -> Doc:
    return events.extract_doc(doc, events.load_model(options.fast))


STAGES: tuple[Stage, ...] = (
    Stage("clean", _clean, needs=("article.raw_text",), adds=("article.text", "article.segments")),
    Stage("language", _language, needs=("article.text",), adds=("article.lang", "article.paragraphs")),
    Stage("sentences", _sentences, needs=("article.text", "article.lang"), adds=("sentences",)),
    Stage("actors", _actors, needs=("sentences", "article.date"), adds=("mentions",), extract=True),
    Stage("events", _events, needs=("sentences", "mentions"), adds=("events",), extract=True),
)


def run_stages(doc: Doc, options: Options) -> Doc:
    """Run every stage the options ask for on one document."""
    return _run_docs([doc], options)[0]


def _run_docs(docs: Sequence[Doc], options: Options) -> list[Doc]:
    """Run every stage the options ask for on ``docs``, one stage over all of them before the next.

    Stages are pure functions of one doc, so the order changes no output; stage by stage, each
    stage's working set (the language model, the knowledge base and its memos, the event lexicons)
    stays in the CPU caches across the documents instead of being evicted by the other four stages
    at every document: ~20% less CPU over all five stages on 16-article chunks of the bench
    (``--fast``, alternating 48-article blocks in one process).
    """
    out = list(docs)
    for stage in STAGES:
        if stage.extract and not options.extract:
            continue
        run = stage.run
        out = [run(doc, options) for doc in out]
    return [_without_repeated(doc) for doc in out]


def _without_repeated(doc: Doc) -> Doc:
    """The doc without the batch's repeated-line keys that :func:`_prepare` put in its metadata."""
    if "_repeated" not in doc.article.metadata:
        return doc
    meta = {k: v for k, v in doc.article.metadata.items() if k != "_repeated"}
    return doc.replace(article=_replace_article(doc.article, metadata=meta))


def _replace_article(article: Article, **changes: Any) -> Article:
    return dataclasses.replace(article, **changes)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a while (each full pass walks every live object)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_chunk(articles: Sequence[Article], options: Options) -> list[Doc]:
    # The stages allocate many small objects and no reference cycles worth collecting mid-chunk, while
    # each collector pass walks everything the process holds (the knowledge base, lexicons, memos):
    # ~15-25% of the actor and event stages' work when the collector runs.
    with _gc_paused():
        return _run_docs([Doc(article=a) for a in articles], options)


def _run_chunk_rows(articles: Sequence[Article], options: Options) -> BatchRows:
    """:func:`_run_chunk` as store columns: what a worker sends back to :func:`process`."""
    return doc_rows(_run_chunk(articles, options))


def _warm(options: Options) -> None:
    """Load the per-process resources once, when a worker starts."""
    embed.set_threads((os.cpu_count() or 1) // max(1, options.workers))
    language.detect("warm up")
    if options.extract:
        actors.load_kb(options.actors_file)
        events.load_model(options.fast)
    run_stages(Doc(article=Article(id="warm-up", path="<warm-up>", raw_text=WARM_TEXT,
                                   date=dt.date(2026, 3, 10))), options)
    # What is loaded now (knowledge base, lexicons, compiled rules) lives as long as the worker: kept
    # out of the cyclic garbage collector's passes between chunks too (the worker owns its process).
    gc.freeze()


def repeated_lines(articles: Sequence[Article]) -> dict[str | None, frozenset[str]]:
    """Per source, the line keys that repeat across enough of its articles."""
    by_source: dict[str | None, list[Article]] = defaultdict(list)
    for a in articles:
        if a.source:
            by_source[a.source].append(a)
    out: dict[str | None, frozenset[str]] = {}
    for src, arts in by_source.items():
        if len(arts) < REPEAT_MIN_ARTICLES:
            continue
        counts: Counter[str] = Counter()
        for a in arts:
            counts.update(
                {clean.line_key(ln) for ln in a.raw_text.split("\n") if ln.strip() and len(ln) <= REPEAT_MAX_LINE_CHARS}
            )
        floor = max(REPEAT_MIN_ARTICLES, REPEAT_MIN_SHARE * len(arts))
        keys = frozenset(k for k, n in counts.items() if k and n >= floor)
        if keys:
            out[src] = keys
    return out


def _prepare(articles: Sequence[Article]) -> list[Article]:
    rep = repeated_lines(articles)
    return [
        _replace_article(a, metadata={**a.metadata, "_repeated": rep[a.source]}) if a.source in rep else a
        for a in articles
    ]


def _submit(
    articles: Sequence[Article], options: Options, executor: Executor, work: Callable[..., _T]
) -> list[Future[_T]]:
    """Send ``articles`` to ``executor`` in chunks, each run through ``work``, in order."""
    prepared = _prepare(articles)
    size = _chunk_size(len(prepared), options.workers)
    return [executor.submit(work, prepared[i : i + size], options) for i in range(0, len(prepared), size)]


def _chunk_size(n: int, workers: int) -> int:
    """Articles per chunk for ``n`` articles: at most CHUNK_SIZE, in a number of equal chunks that is a
    multiple of ``workers``, so that no worker is left with a short last round (600 articles, 2
    workers: 20 chunks of 30 rather than 18 of 32 and one of 24)."""
    rounds = max(1, workers)
    chunks = rounds * -(-n // (rounds * CHUNK_SIZE))
    return max(1, -(-n // max(1, chunks)))


def _collect(futures: Sequence[Future[list[Doc]]]) -> list[Doc]:
    # Docs unpickled from the workers form no reference cycles, but their thousands of small objects
    # would set off collector passes over everything this process holds (the knowledge base too).
    with _gc_paused():
        return [doc for f in futures for doc in f.result()]


def process_articles(articles: Sequence[Article], options: Options, executor: Executor | None = None) -> list[Doc]:
    """Run the stages over one batch of articles; order is kept."""
    if executor is None:
        return _run_chunk(_prepare(articles), options)
    return _collect(_submit(articles, options, executor, _run_chunk))


# A batch in flight: worker futures (store columns), docs already done in-process, its
# rejections, inputs seen.
_Job = tuple[list[Future[BatchRows]], list[Doc], list[Rejection], int]


def worker_pool(options: Options) -> ProcessPoolExecutor:
    """A process pool whose workers load their resources once.

    Workers start from a fork server, not by forking this process: a process
    that has already run the embedding engine (OpenMP threads) cannot be forked
    safely — a forked child waits forever on the parent's thread pool.
    """
    return ProcessPoolExecutor(
        max_workers=options.workers,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=_warm,
        initargs=(options,),
    )


def _executor(options: Options) -> tuple[Executor | None, Any]:
    """Where the stages run: in-process, a local process pool, or a Dask cluster.

    A Dask client's executor has the ``concurrent.futures`` interface, so the
    same ordered ``submit``/``result`` code drives every back end.
    """
    if options.dask:
        from distributed import Client

        if options.dask == "local":
            client = Client(n_workers=options.workers, threads_per_worker=1, processes=True,
                            dashboard_address=None)
        else:
            client = Client(options.dask)
        return client.get_executor(), client
    if options.workers > 1:
        return worker_pool(options), None
    return None, None


@dataclass
class RunSummary:
    db: str
    articles: int = 0  # stored by this run
    skipped: int = 0  # already in the database
    rejected: int = 0
    sentences: int = 0
    mentions: int = 0
    events: int = 0
    stories_assigned: int = 0
    seconds: float = 0.0
    languages: Counter[str] = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["languages"] = dict(self.languages.most_common())
        d["rejections"] = [{"path": r.path, "reason": r.reason} for r in self.rejections]
        return d


def _batches(items: Iterable[Article | Rejection], size: int) -> Iterator[tuple[list[Article], list[Rejection]]]:
    arts: list[Article] = []
    rejs: list[Rejection] = []
    for item in items:
        if isinstance(item, Rejection):
            rejs.append(item)
        else:
            arts.append(item)
        if len(arts) >= size:
            yield arts, rejs
            arts, rejs = [], []
    if arts or rejs:
        yield arts, rejs


def process(
    paths: Sequence[str | Path],
    options: Options,
    *,
    store: Store | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """Ingest ``paths`` into the database named by ``options.db`` (or ``store``)."""
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    t0 = time.perf_counter()
    own = store is None
    db = store if store is not None else Store.open(options.db)
    summary = RunSummary(db=db.path)
    executor, client = _executor(options)
    # While the workers run batch N, this process reads batch N+1 and writes batch N-1.
    pending: _Job | None = None
    pending_ids: set[str] = set()

    def finish(job: _Job) -> None:
        futures, done, rejs, seen = job
        rows = merge_rows([doc_rows(done), *(f.result() for f in futures)])
        added = db.write_rows(rows, rejs)
        summary.articles += added
        summary.rejected += len(rejs)
        summary.rejections.extend(rejs)
        summary.sentences += len(rows["sentences"]["article_id"])
        summary.mentions += len(rows["mentions"]["article_id"])
        summary.events += len(rows["events"]["id"])
        summary.languages.update(lang or "?" for lang in rows["articles"]["lang"])
        if progress is not None:
            progress(seen, added)

    try:
        for arts, rejs in _batches(iter_inputs(paths), options.batch_size):
            known = db.existing_ids(a.id for a in arts) | pending_ids
            seen: set[str] = set()
            todo = []
            for a in arts:
                if a.id in known or a.id in seen:
                    summary.skipped += 1
                else:
                    seen.add(a.id)
                    todo.append(a)
            job: _Job
            if executor is None:
                job = ([], process_articles(todo, options), rejs, len(arts) + len(rejs))
            else:
                futures = _submit(todo, options, executor, _run_chunk_rows) if todo else []
                job = (futures, [], rejs, len(arts) + len(rejs))
            if pending is not None:
                finish(pending)
            pending, pending_ids = job, seen
        if pending is not None:
            finish(pending)
        if options.stories and options.extract:
            from .stories_store import update_stories

            summary.stories_assigned = update_stories(db, embed=not options.fast)
        summary.seconds = time.perf_counter() - t0
        db.record_run(started, [str(p) for p in paths], summary.articles, summary.skipped, summary.rejected,
                      {"workers": options.workers, "fast": options.fast, "batch_size": options.batch_size})
    finally:
        if executor is not None:
            executor.shutdown()
        if client is not None:
            client.close()
        if own:
            db.close()
    return summary
