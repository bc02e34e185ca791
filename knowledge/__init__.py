"""The plan as data: schema, loader and pure queries; knows nothing of chat."""

from knowledge.loader import KBError, default_kb, load_kb
from knowledge.schema import KnowledgeBase

__all__ = ["KBError", "KnowledgeBase", "default_kb", "load_kb"]
