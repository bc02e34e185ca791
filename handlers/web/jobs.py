"""Staff-list checks running in worker threads, with their progress, kept in memory for a while (never on disk)."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from dataclasses import dataclass, field

from handlers.web import staff

log = logging.getLogger(__name__)

KEEP_S = 30 * 60  # a finished check (and its report) is kept this long for downloading
MAX_KEPT = 16  # finished checks kept at most; the oldest go first
MAX_WAITING = 4  # checks accepted but not finished; more gets "busy"
PARALLEL = 2  # checks at the same time (CPU-bound; the machine has few cores)
STAGES = {"cho": "Đang chờ", "doc": "Đang đọc danh sách", "kiem": "Đang kiểm tra", "ghi": "Đang lập báo cáo",
          "xong": "Đã xong", "loi": "Không kiểm tra được"}


@dataclass
class Job:
    """One uploaded list being checked: who owns it, how far it is, and its result or error."""

    id: str
    owner: str
    filename: str
    created: float = field(default_factory=time.time)
    stage: str = "cho"
    done: int = 0
    total: int | None = None
    result: staff.StaffCheck | None = None
    error: str | None = None
    task: asyncio.Task | None = None

    @property
    def finished(self) -> bool:
        return self.stage in ("xong", "loi")

    def progress(self, stage: str, done: int, total: int | None) -> None:
        """Called from the worker thread."""
        self.stage, self.done, self.total = stage, done, total

    def status(self) -> dict:
        """The progress as the page's script reads it."""
        return {"stage": self.stage, "label": STAGES.get(self.stage, ""), "done": self.done, "total": self.total,
                "finished": self.finished, "error": self.error}


class Busy(Exception):
    """Too many checks waiting."""


class Jobs:
    """The checks of every browser."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._slots: asyncio.Semaphore | None = None

    def start(self, owner: str, data: bytes, filename: str) -> Job:
        """Accept a list and start checking it; raises Busy when too many are waiting."""
        self._prune()
        if sum(not j.finished for j in self._jobs.values()) >= MAX_WAITING:
            raise Busy
        job = Job(secrets.token_urlsafe(18), owner, filename)
        self._jobs[job.id] = job
        job.task = asyncio.create_task(self._run(job, data))
        return job

    async def _run(self, job: Job, data: bytes) -> None:
        if self._slots is None:
            self._slots = asyncio.Semaphore(PARALLEL)
        try:
            async with self._slots:
                job.result = await asyncio.to_thread(staff.check, data, job.filename, job.progress)
            job.stage = "xong"
        except staff.StaffListError as exc:
            job.error, job.stage = str(exc), "loi"
        except Exception:  # the user gets a message; the server log gets the trace (no file content in it)
            log.exception("staff-list check failed")
            job.error, job.stage = "Không xử lý được tệp này. Hãy mở bằng Excel, lưu lại dạng .xlsx rồi thử lại.", "loi"
        finally:
            del data

    def get(self, owner: str, job_id: str) -> Job | None:
        """A job of this browser (another browser's id finds nothing)."""
        job = self._jobs.get(job_id)
        return job if job is not None and secrets.compare_digest(job.owner, owner) else None

    def forget(self, owner: str) -> None:
        """Drop a browser's finished checks (its reports go with them)."""
        for job_id in [j.id for j in self._jobs.values() if j.owner == owner and j.finished]:
            del self._jobs[job_id]

    async def wait(self, job: Job) -> None:
        """Until the job is finished."""
        if job.task is not None:
            await asyncio.shield(job.task)

    def _prune(self) -> None:
        now = time.time()
        finished = sorted((j for j in self._jobs.values() if j.finished), key=lambda j: j.created)
        drop = {j.id for j in finished if now - j.created > KEEP_S}
        drop |= {j.id for j in finished[: max(0, len(finished) - MAX_KEPT)]}
        for job_id in drop:
            del self._jobs[job_id]

    async def close(self) -> None:
        """Cancel what still runs (at shutdown)."""
        for job in self._jobs.values():
            if job.task is not None and not job.task.done():
                job.task.cancel()
