"""Background work where the newest request wins.

A :class:`JobRunner` is one lane of background work. Submitting a job asks the running ones to
stop at their next :meth:`CancelToken.check` and drops any job still waiting (it never
starts); only the newest job's result is announced, by a queued signal in the UI thread. Jobs
run on daemon threads, so closing the window never waits for a long job: the process ends at
once.

A lane that shows frames of one thing (the backward view while an animation plays) submits
with ``interrupt=False``: the running job is a frame worth showing, so it finishes and is
announced, and the new request waits for it (replacing any request already waiting). Without
that, a view whose job takes longer than the time between requests would never update.

A Python thread, not QThreadPool: PySide6 6.12 on Python 3.11 mis-counts references to None
returned by Python runnables and eventually aborts ("deallocating None").
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from engine.errors import PoolingError
from gui.i18n import message_of, tr


class CancelledError(Exception):
    """Raised by :meth:`CancelToken.check` in a job that a newer request replaced."""


class CancelToken:
    """Handed to every job: it calls :meth:`check` between steps of its work."""

    def __init__(self):
        self.event = threading.Event()

    def cancel(self) -> None:
        self.event.set()

    @property
    def cancelled(self) -> bool:
        return self.event.is_set()

    def check(self) -> None:
        if self.event.is_set():
            raise CancelledError


Job = Callable[[CancelToken], object]


class JobRunner(QObject):
    """One lane of background work; the newest request wins.

    A request starts at once on a thread of its own while at most ``parallel - 1`` stale jobs
    are still winding down (a job only stops at its next check, and one engine call can take
    seconds on a huge image); beyond that it waits, replacing any older waiting request. A
    request with ``interrupt=False`` lets the running job finish and be announced, and waits
    for it.

    Signals
    -------
    resultReady(object)
        The newest job's result (never a stale one's; the result of a job that a request with
        ``interrupt=False`` let finish counts as newest until a newer one is announced).
    failedWith(str)
        The newest job failed; the message is one line for the user.
    busyChanged(bool)
        True from a request until its result, failure or cancellation.
    """

    resultReady = Signal(object)
    failedWith = Signal(str)
    busyChanged = Signal(bool)
    _done = Signal(int, object)  # job number, result: emitted from a worker thread
    _error = Signal(int, str)

    def __init__(
        self,
        name: str,
        parent: QObject | None = None,
        expected: tuple[type[Exception], ...] = (PoolingError,),
        parallel: int = 2,
    ):
        super().__init__(parent)
        self.name, self.parallel = name, parallel
        self.expected = expected  # errors whose message is already a sentence for the user
        self.lock = threading.Lock()
        self.waiting: tuple[int, CancelToken, Job, bool] | None = None
        self.running: dict[int, CancelToken] = {}
        self.latest = 0
        self.oldest_wanted = 0  # jobs numbered below this are stale: never announced
        self.announced = 0  # the number of the last job announced
        self.busy = False
        self.closed = False
        self._done.connect(self._on_done)
        self._error.connect(self._on_error)

    def submit(self, job: Job, interrupt: bool = True) -> int:
        """Run ``job(token)`` in the background, replacing any older request; returns its
        number. With ``interrupt=False`` the running job is not stopped: it finishes and is
        announced, and this one starts after it."""
        with self.lock:
            self.latest += 1
            if interrupt:
                self.oldest_wanted = self.latest
                for token in self.running.values():
                    token.cancel()
            self.waiting = (self.latest, CancelToken(), job, interrupt)
            self._start_waiting()
        self.set_busy(True)
        return self.latest

    def cancel(self) -> None:
        """Drop the waiting job and stop the running ones; nothing will be announced."""
        with self.lock:
            self.latest += 1
            self.oldest_wanted = self.latest
            self.waiting = None
            for token in self.running.values():
                token.cancel()
        self.set_busy(False)

    def shutdown(self) -> None:
        """Stop for good (the window is closing); running threads end at their next step."""
        self.cancel()
        with self.lock:
            self.closed = True

    def set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busyChanged.emit(busy)

    def wait_until_idle(self, seconds: float = 60.0) -> bool:
        """Deliver results until no job is left (command line and tests only); False if the
        time ran out."""
        deadline = time.monotonic() + seconds
        while self.busy and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            if self.busy:
                time.sleep(0.002)
        return not self.busy

    # ----- worker threads ------------------------------------------------------------------
    def _start_waiting(self) -> None:
        """Start the waiting job if a thread is free (call with the lock held)."""
        if self.waiting is None or self.closed or len(self.running) >= self.parallel:
            return
        number, token, job, interrupt = self.waiting
        if not interrupt and any(not other.cancelled for other in self.running.values()):
            return  # started when the job it lets finish has finished
        self.waiting = None
        self.running[number] = token
        thread = threading.Thread(
            target=self._run, args=(number, token, job), name=f"{self.name}-{number}", daemon=True
        )
        thread.start()

    def _run(self, number: int, token: CancelToken, job: Job) -> None:
        outcome = self._outcome(token, job, self.expected)
        with self.lock:
            del self.running[number]
            self._start_waiting()
            if token.cancelled or self.closed or outcome is None:
                return
        try:
            (self._done if outcome[0] else self._error).emit(number, outcome[1])
        except RuntimeError:  # the runner was deleted while the job ran
            pass

    @staticmethod
    def _outcome(token: CancelToken, job: Job, expected: tuple[type[Exception], ...]):
        """(True, result) or (False, message), or None when cancelled."""
        try:
            return True, job(token)
        except CancelledError:
            return None
        except expected as error:  # translated here: a signal carries no Text
            return False, message_of(error)
        except MemoryError:
            return False, tr(
                "Not enough memory for this: choose smaller settings or a smaller image."
            )
        except Exception as error:  # reported, never lost in the thread
            detail = traceback.format_exception_only(type(error), error)[-1].strip()
            return False, tr("Unexpected problem: {detail}").format(detail=detail)

    # ----- back in the UI thread -----------------------------------------------------------
    def wanted(self, number: int) -> bool:
        """Whether job ``number``'s outcome is still to be announced."""
        return number >= self.oldest_wanted and number > self.announced

    def _on_done(self, number: int, result) -> None:
        if self.wanted(number):
            self.announced = number
            if number == self.latest:
                self.set_busy(False)
            self.resultReady.emit(result)

    def _on_error(self, number: int, message: str) -> None:
        if self.wanted(number):
            self.announced = number
            if number == self.latest:
                self.set_busy(False)
            self.failedWith.emit(message)
