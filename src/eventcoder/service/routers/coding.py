"""POST /v1/code: code a text and answer its events with the spans to highlight (nothing is stored)."""

from __future__ import annotations

import time

from fastapi import APIRouter
from pydantic import BaseModel, Field

from eventcoder.service.shared import ServiceDep
from eventcoder.service.spans import document_spans

router = APIRouter()


class CodeRequest(BaseModel):
    text: str = Field(description="The document text (plain text)")
    date: str | None = Field(None, description="Publication date, YYYY-MM-DD")
    doc_id: str | None = Field(None, max_length=200, description="The document's id")


@router.post("/code", summary="Code a text: events exactly as docs/output.md, with the spans to highlight")
def code(service: ServiceDep, body: CodeRequest):
    started = time.perf_counter()
    analysis, knowledge_hash = service.code(body.text, body.date, body.doc_id)
    events = [e.to_dict() for e in analysis.events]
    return {
        "doc_id": analysis.doc_id,
        "date": analysis.date,
        "events": events,
        "spans": document_spans(events, body.text),
        "n_sentences": len(analysis.sentences),
        "knowledge_hash": knowledge_hash,
        "elapsed_ms": round((time.perf_counter() - started) * 1000, 1),
    }
