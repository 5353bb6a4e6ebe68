"""Corpus runs on a Dask cluster.

The client reads the input and owns the store; batches of documents are coded by Dask tasks
(each worker process builds one Coder on its first task and keeps it), and the results come
back to the client, which stores them batch by batch exactly as a local run does (so the run
is resumable the same way). With `parquet=DIR` the events are also written as Parquet
partitioned by date.

    from eventcoder.corpus.distributed import run_on_dask
    from eventcoder.corpus.runner import RunOptions
    run_on_dask(RunOptions(inputs=["news/"], db="events.duckdb"), scheduler="tcp://10.0.0.5:8786", parquet="events/")

The workers need eventcoder and the spaCy model installed (same versions as the client).
"""

from __future__ import annotations

from eventcoder.corpus.runner import CoderConfig, RunOptions, RunResult, code_batch, run


class DaskExecutor:
    """submit/wait_any/close over a dask.distributed Client."""

    def __init__(self, client, config: CoderConfig) -> None:
        self.client = client
        self.config = config
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))
        self._n = 0

    def submit(self, documents):
        self._n += 1
        # pure=False: the same batch submitted again (a resumed run) is coded again
        return self.client.submit(code_batch, documents, self.config, pure=False, key=f"eventcoder-batch-{self._n}-{id(documents)}")

    def wait_any(self, futures):
        from distributed import wait

        result = wait(futures, return_when="FIRST_COMPLETED")
        return set(result.done), set(result.not_done)

    def close(self) -> None:
        pass


def local_cluster(workers: int = 1, threads: int = 1):
    """A LocalCluster on 127.0.0.1 only (no dashboard), one thread per worker process."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=threads, processes=True, host="127.0.0.1",
                        dashboard_address=None, silence_logs=40)


def run_on_dask(options: RunOptions, scheduler=None, parquet: str | None = None, client=None) -> RunResult:
    """Run on a Dask cluster: `client` (a distributed.Client), else `scheduler` ("tcp://HOST:PORT"),
    else a LocalCluster of options.workers processes started and stopped here."""
    from distributed import Client

    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = local_cluster(options.workers)
            client = Client(cluster)
    try:
        config = CoderConfig(tuple(str(d) for d in options.dictionaries), options.screen, options.keep_duplicates)
        result = run(options, executor=DaskExecutor(client, config))
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    if parquet:
        from eventcoder.corpus.export import export

        export(options.db, "parquet", parquet)
    return result
