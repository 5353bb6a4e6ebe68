"""Resumable corpus runs: read documents, skip those already coded, code the rest (in this
process, in worker processes, or on a Dask cluster) and store the coded batches, each write in
one transaction.

Killed at any point (even with SIGKILL) and started again with the same input and store, a
run finishes with exactly the events of an uninterrupted run: a batch is either committed with
all its documents, events and errors, or absent and coded again.
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder import __version__
from eventcoder.corpus.dedup import all_mentions, collapse_story
from eventcoder.corpus.ingest import MAX_BYTES, Columns, Document, IngestError, count_records, iter_documents
from eventcoder.corpus.store import CodedDocument, Store
from eventcoder.errors import InputRecordError


@dataclass(frozen=True)
class CoderConfig:
    """What a worker needs to build its Coder (picklable; the Coder itself is built in the worker)."""

    dictionaries: tuple[str, ...] = ()
    screen: bool = True
    keep_duplicates: bool = False


@dataclass
class RunOptions:
    inputs: list[str]
    db: str
    workers: int = 1
    batch_size: int = 128
    recode: bool = False
    keep_duplicates: bool = False
    date: str | None = None
    columns: Columns = field(default_factory=Columns)
    stdin_format: str | None = None
    dictionaries: tuple[str, ...] = ()
    screen: bool = True
    max_bytes: int = MAX_BYTES
    similarity: float = 0.2
    progress: bool | None = None  # None: a bar when stderr is a terminal, log lines otherwise
    log_every: float = 10.0
    write_every: float = 1.0  # seconds between store transactions (0: one per coded batch)
    stop_after_batches: int | None = None  # testing aid: stop (as if killed) after N committed batches


@dataclass
class RunResult:
    run_id: str
    status: str
    documents: int = 0  # coded and stored in this run
    skipped: int = 0  # already in the store (or repeated in the input)
    events: int = 0
    errors: int = 0
    sentences: int = 0
    seconds: float = 0.0


# ------------------------------------------------------------------ worker side
_CODERS: dict = {}


def get_coder(config: CoderConfig):
    """The Coder of this process for a configuration, built on first use and then reused."""
    key = (config.dictionaries, config.screen)
    if key not in _CODERS:
        from eventcoder.coder import Coder

        _CODERS[key] = Coder(dictionaries=list(config.dictionaries), screen=config.screen)
    return _CODERS[key]


def set_coder(config: CoderConfig, coder) -> None:
    """Use an already built Coder for a configuration in this process (tests, notebooks)."""
    _CODERS[(config.dictionaries, config.screen)] = coder


def code_batch(documents: list[Document], config: CoderConfig) -> list[CodedDocument]:
    """Code documents with this process's Coder; a document that fails carries its error. The
    texts do not travel back (`text` is left empty): the process that sent them has them."""
    # The cyclic garbage collector is paused for the whole batch, not only for the parse (see
    # Coder._flush): resumed while the records are built, it walked the batch's parsed
    # documents again in hundreds of collections, a twentieth of the coding time. Objects
    # are still freed by reference counting; cycles are collected once it resumes.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _code_documents(documents, config)
    finally:
        if paused:
            gc.enable()


def _code_documents(documents: list[Document], config: CoderConfig) -> list[CodedDocument]:
    coder = get_coder(config)
    out = []
    # the parse is batched across the documents of the batch (Coder.analyse_many)
    analyses = coder.analyse_many((d.text, d.date, d.doc_id) for d in documents)
    for d, analysis in zip(documents, analyses, strict=True):
        if isinstance(analysis, Exception):  # one bad document never stops the run
            reason = analysis.message if isinstance(analysis, InputRecordError) else f"coding failed: {type(analysis).__name__}: {analysis}"
            out.append(CodedDocument(d.content_hash, d.doc_id, d.source, d.url, d.date, "", 0, [],
                                     error=reason.splitlines()[0]))
            continue
        records = [e.to_dict() for e in analysis.events]
        if config.keep_duplicates:
            kept, mentions = records, all_mentions(records)
        else:
            kept, mentions = collapse_story(records)
        out.append(CodedDocument(d.content_hash, d.doc_id, d.source, d.url, d.date, "", len(analysis.sentences), kept,
                                 mentions, __version__, coder.knowledge_hash))
    return out


def _init_worker(config: CoderConfig, main_pid: int | None = None) -> None:
    if main_pid is not None:
        threading.Thread(target=_exit_with, args=(main_pid,), daemon=True).start()
    get_coder(config)


def _exit_with(main_pid: int, every: float = 1.0) -> None:
    """A worker whose run was killed (kill -9 leaves no one to stop it) exits instead of
    lingering with a Coder in memory."""
    while True:
        time.sleep(every)
        try:
            os.kill(main_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass  # the pid exists (another user's process would be a reused pid: rare, harmless)


# ------------------------------------------------------------------ executors
class LocalExecutor:
    """Codes in this process."""

    def __init__(self, config: CoderConfig) -> None:
        self.config = config

    def submit(self, documents):
        future: cf.Future = cf.Future()
        future.set_result(code_batch(documents, self.config))
        return future

    def wait_any(self, futures):
        return set(futures), set()

    def close(self) -> None:
        pass


class ProcessExecutor:
    """Codes in N worker processes, each building one Coder at start-up."""

    def __init__(self, config: CoderConfig, workers: int) -> None:
        import multiprocessing as mp

        self.config = config
        context = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
        self.pool = cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(config, os.getpid()))

    def submit(self, documents):
        return self.pool.submit(code_batch, documents, self.config)

    def wait_any(self, futures):
        done, pending = cf.wait(futures, return_when=cf.FIRST_COMPLETED)
        return done, pending

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def knowledge_hash(dictionaries: Iterable[str] = ()) -> str:
    """The knowledge hash a Coder would have, without loading the language model."""
    from eventcoder.knowledge.files import Knowledge
    from eventcoder.knowledge.ontology import Ontology

    return Knowledge.load(Ontology.load(), [Path(d) for d in dictionaries]).fingerprint()


# ------------------------------------------------------------------ progress
class Progress:
    def __init__(self, total: int | None, enabled: bool | None, stream=None, log_every: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if enabled is None else enabled
        self.total = total
        self.log_every = log_every
        self.started = self.last = time.monotonic()
        self.seen = self.documents = self.sentences = self.events = self.errors = 0

    def update(self, seen: int, documents: int, sentences: int, events: int, errors: int, final: bool = False) -> None:
        self.seen, self.documents, self.sentences, self.events, self.errors = seen, documents, sentences, events, errors
        now = time.monotonic()
        if not final and now - self.last < (0.5 if self.tty else self.log_every):
            return
        self.last = now
        line = self.line(now)
        if self.tty:
            self.stream.write("\r" + line.ljust(110)[:150] + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.documents / elapsed
        eta = ""
        if self.total and self.seen and self.seen < self.total:
            remaining = (self.total - self.seen) * elapsed / self.seen
            eta = f" ETA {int(remaining // 60)}m{int(remaining % 60):02d}s"
        share = f" ({100 * self.seen / self.total:.0f}%)" if self.total else ""
        return (f"{self.seen} read{share}, {self.documents} coded, {rate:.1f} docs/s, {self.sentences / elapsed:.1f} sents/s, "
                f"{self.events} events, {self.errors} errors{eta}")


# ------------------------------------------------------------------ the run
MIN_BATCH = 8


def batch_target(batch_size: int, workers: int, total: int | None, read: int, pending: int) -> int:
    """How many documents the batch being filled should hold. Near the end of an input of known
    size, batches shrink to a share of the work left, so that workers finish together instead
    of one coding a last full batch while the others wait."""
    if total is None:
        return batch_size
    left = max(total - read, 0) + pending
    share = -(-left // (2 * max(workers, 1)))
    return max(MIN_BATCH, min(batch_size, share))


LOOKUP_CHUNK = 512  # documents whose stored versions are looked up in one query
LOOKUP_CHUNK_CHARS = 64 << 20  # and at most this many characters of text held while they wait


def _batches(options: RunOptions, store: Store, current: tuple[str, str], counters: dict, total: int | None = None,
             workers: int = 1) -> Iterator[tuple[list[Document], list]]:
    """(documents to code, input errors) per batch. Documents already coded (or repeated in
    the input) are skipped here; the store is asked about a chunk of documents at a time, as
    each query costs the reading process about as much whatever its size."""
    seen: set[bytes] = set()
    pending: list[Document] = []
    errors: list[tuple[str, str]] = []
    chunk: list[tuple[int, Document]] = []  # (records read when it was read, document)
    chunk_chars = 0
    # a stream of unknown length (stdin) is not held back for a whole chunk
    chunk_size = options.batch_size if total is None else max(options.batch_size, LOOKUP_CHUNK)

    def cut_chunk() -> Iterator[tuple[list[Document], list]]:
        nonlocal pending, errors, chunk_chars
        if not chunk:
            return
        known = store.coded_versions(d.content_hash for _, d in chunk)
        for read, d in chunk:
            key = bytes.fromhex(d.content_hash)[:16]
            if key in seen or (d.content_hash in known and (not options.recode or known[d.content_hash] == current)):
                counters["skipped"] += 1
                continue
            seen.add(key)
            pending.append(d)
            if len(pending) >= batch_target(options.batch_size, workers, total, read, len(pending)):
                yield pending, errors
                pending, errors = [], []
        chunk.clear()
        chunk_chars = 0

    items = iter_documents(options.inputs, options.columns, options.date, options.stdin_format, options.max_bytes)
    for item in items:
        counters["seen"] += 1
        if isinstance(item, IngestError):
            errors.append((item.source, item.reason))
            counters["errors"] += 1
            if len(errors) >= 1000:
                yield [], errors
                errors = []
        else:
            chunk.append((counters["seen"], item))
            chunk_chars += len(item.text)
            if len(chunk) >= chunk_size or chunk_chars >= LOOKUP_CHUNK_CHARS:
                yield from cut_chunk()
    yield from cut_chunk()
    if pending or errors:
        yield pending, errors


def run(options: RunOptions, executor=None, coder=None, stream=None) -> RunResult:
    """Code the inputs into the store. `executor`: None (in process, or worker processes when
    options.workers > 1) or an object with submit/wait_any/close (see distributed.DaskExecutor).
    `coder`: an already built Coder to use in this process."""
    config = CoderConfig(tuple(str(d) for d in options.dictionaries), options.screen, options.keep_duplicates)
    if coder is not None:
        set_coder(config, coder)
        current = (__version__, coder.knowledge_hash)
    else:
        current = (__version__, knowledge_hash(config.dictionaries))
    own_executor = executor is None
    if executor is None:
        # Coding runs in worker processes, one worker too: this process reads the input and
        # writes the store meanwhile. A Coder handed in (tests, notebooks) codes here instead.
        in_process = coder is not None and options.workers == 1
        executor = LocalExecutor(config) if in_process else ProcessExecutor(config, max(1, options.workers))
    job = _Run(options, executor, current, stream)
    try:
        job.code_inputs()
        job.store.assign_clusters(options.similarity)
        job.result.status = "finished"
    except BaseException:
        job.result.status = "failed"
        raise
    finally:
        job.close(close_executor=own_executor)
    return job.result


class _Run:
    """One run under way: its store and row in `runs`, the batches out with the executor, the
    coded batches not yet stored, and the counts."""

    def __init__(self, options: RunOptions, executor, current: tuple[str, str], stream) -> None:
        self.options, self.executor, self.current = options, executor, current
        self.started = time.monotonic()
        self.store = Store(options.db)
        self.workers = getattr(executor, "workers", options.workers)
        self.run_id = self.store.start_run(" ".join(options.inputs), self.workers, *current)
        self.result = RunResult(self.run_id, "running")
        self.counters = {"seen": 0, "skipped": 0, "errors": 0}
        self.total = count_records(options.inputs)
        self.progress = Progress(self.total, options.progress, stream, options.log_every)
        self.in_flight: dict = {}  # future -> (input errors, documents sent)
        self.limit = max(2, 2 * max(self.workers, 1))
        self.committed = 0
        self.coded_batches: list[tuple[list[CodedDocument], list]] = []  # coded, not yet stored
        self.last_write = time.monotonic()

    def code_inputs(self) -> None:
        """Read the inputs batch by batch, keep at most `limit` batches with the executor, and
        store what comes back."""
        batches = _batches(self.options, self.store, self.current, self.counters, self.total, max(self.workers, 1))
        for todo, errors in batches:
            if not todo:
                self.coded_batches.append(([], errors))
                self.write()
                continue
            self.in_flight[self.executor.submit(todo)] = (errors, todo)
            while len(self.in_flight) >= self.limit:
                self.collect_done()
                self.write()
        # the input is read: workers run out of work one by one, and what they hand back is
        # stored at once so that the last transaction is a small one
        while self.in_flight:
            self.collect_done()
            self.write(final=True)
        self.write(final=True)

    def collect_done(self) -> None:
        """Wait for at least one batch out with the executor; the coded documents get their
        texts back (they do not travel back from the workers)."""
        done, _ = self.executor.wait_any(list(self.in_flight))
        for future in done:
            errors, documents = self.in_flight.pop(future)
            coded = future.result()
            for c, d in zip(coded, documents, strict=True):
                c.text = d.text
            self.coded_batches.append((coded, errors))

    def write(self, final: bool = False) -> None:
        """Store the coded batches in one transaction, once a write interval has passed: each
        transaction costs the reading process some milliseconds whatever its size, taken from
        the workers when they fill every core."""
        now = time.monotonic()
        if not self.coded_batches or (not final and now - self.last_write < self.options.write_every):
            return
        good, errors = [], []
        for coded, input_errors in self.coded_batches:
            good.extend(c for c in coded if c.error is None)
            errors.extend(input_errors)
            errors.extend((f"{c.source} (id {c.doc_id})", c.error) for c in coded if c.error is not None)
        result = self.result
        result.events += self.store.write_batch(self.run_id, good, errors)
        result.documents += len(good)
        result.sentences += sum(c.n_sentences for c in good)
        result.errors += len(errors)
        self.committed += len(self.coded_batches)
        self.coded_batches.clear()
        self.last_write = now
        self.progress.update(self.counters["seen"], result.documents, result.sentences, result.events, result.errors)
        if self.options.stop_after_batches is not None and self.committed >= self.options.stop_after_batches:
            os._exit(3)  # testing aid: die like a killed process, without clean-up

    def close(self, close_executor: bool) -> None:
        """Record how the run ended in `runs` and close the store (and the executor, when the
        run made it), whatever happened."""
        result = self.result
        result.skipped = self.counters["skipped"]
        result.seconds = time.monotonic() - self.started
        try:
            self.store.finish_run(self.run_id, result.status, result.documents, result.events, result.errors)
        finally:
            self.store.close()
            if close_executor:
                self.executor.close()
        self.progress.update(self.counters["seen"], result.documents, result.sentences, result.events, result.errors, final=True)
