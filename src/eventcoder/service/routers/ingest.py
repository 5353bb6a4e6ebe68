"""POST /v1/documents: code documents and write them into the store as one run (needs the
operator's token, which opens the store for writing)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from eventcoder import __version__
from eventcoder.corpus.dedup import collapse_story
from eventcoder.corpus.ingest import content_hash
from eventcoder.corpus.store import CodedDocument, Store
from eventcoder.service.shared import Service, ServiceDep, ServiceError

router = APIRouter()


class IngestDocument(BaseModel):
    id: str | None = Field(None, max_length=200)
    text: str
    date: str | None = None
    url: str | None = Field(None, max_length=2000)


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=1000)


@router.post("/documents", summary="Code documents and write them into the store (needs the operator's token)", status_code=201)
def documents(service: ServiceDep, body: IngestRequest):
    if not service.writable:
        raise ServiceError(403, "writes are disabled: start the service with --token to allow ingesting documents")
    coded, knowledge_hash = _code_all(service, body.documents)
    with service.write_lock:
        store = Store.on_connection(service.con.cursor(), str(service.db_path))
        known = store.coded_versions(d.content_hash for d in coded)
        fresh = [d for d in coded if d.content_hash not in known]
        run_id = store.start_run("api", 1, __version__, knowledge_hash)
        n_events = store.write_batch(run_id, fresh)
        store.assign_clusters()
        store.finish_run(run_id, "finished", len(fresh), n_events, 0)
    return {"run_id": run_id, "documents": len(fresh), "skipped": len(coded) - len(fresh), "events": n_events,
            "doc_ids": [d.doc_id for d in coded]}


def _code_all(service: Service, documents: list[IngestDocument]) -> tuple[list[CodedDocument], str]:
    """Every document coded (before anything is written) with the story deduplication of
    `eventcoder run`, and the knowledge hash of the Coder that coded them."""
    coded: list[CodedDocument] = []
    knowledge_hash = ""
    for i, doc in enumerate(documents):
        analysis, knowledge_hash = service.code(doc.text, doc.date, doc.id or None)
        kept, mentions = collapse_story([e.to_dict() for e in analysis.events])
        coded.append(CodedDocument(content_hash(doc.text), analysis.doc_id, f"api:{i + 1}", doc.url, analysis.date, doc.text,
                                   len(analysis.sentences), kept, mentions, __version__, knowledge_hash))
    return coded, knowledge_hash
