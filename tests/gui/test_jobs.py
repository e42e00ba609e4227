"""Background lanes: the newest request wins, stale work stops early, nothing waits at exit."""

import threading
import time

from gui.models.jobs import CancelledError, JobRunner


def slow_job(name: str, log: list, steps: int = 20):
    """A job of ``steps`` 10 ms steps that checks its token between them."""

    def job(token):
        for _ in range(steps):
            token.check()
            time.sleep(0.01)
        log.append(name)
        return name

    return job


def test_only_the_newest_of_a_burst_is_delivered_and_stale_jobs_stop_early(qtbot):
    runner = JobRunner("test")
    delivered, finished = [], []
    runner.resultReady.connect(delivered.append)
    for number in range(5):
        runner.submit(slow_job(f"job {number}", finished))
        time.sleep(0.04)  # a key press every 40 ms
    assert runner.wait_until_idle(10)
    assert delivered == ["job 4"]
    assert finished == ["job 4"]  # every stale job stopped at a check, none ran to its end


def test_a_request_that_does_not_interrupt_lets_the_running_job_finish_and_be_shown(qtbot):
    # The backward view while playing: the running frame is shown, then only the newest.
    runner = JobRunner("test")
    delivered, finished = [], []
    runner.resultReady.connect(delivered.append)
    runner.submit(slow_job("frame 0", finished))
    time.sleep(0.04)
    for number in range(1, 4):
        runner.submit(slow_job(f"frame {number}", finished), interrupt=False)
        time.sleep(0.01)
    assert runner.busy
    assert runner.wait_until_idle(10)
    assert delivered == ["frame 0", "frame 3"]
    assert finished == ["frame 0", "frame 3"]  # the replaced waiting requests never ran


def test_an_interrupting_request_still_stops_a_frame_that_was_let_finish(qtbot):
    runner = JobRunner("test")
    delivered, finished = [], []
    runner.resultReady.connect(delivered.append)
    runner.submit(slow_job("frame 0", finished))
    runner.submit(slow_job("frame 1", finished), interrupt=False)
    time.sleep(0.04)
    runner.submit(slow_job("new result", finished))
    assert runner.wait_until_idle(10)
    assert delivered == ["new result"] and finished == ["new result"]


def test_a_new_request_does_not_wait_for_a_stale_job_that_cannot_check(qtbot):
    runner = JobRunner("test")
    release = threading.Event()
    delivered = []
    runner.resultReady.connect(delivered.append)
    runner.submit(lambda token: release.wait(5) and "stale")  # one long engine call
    runner.submit(lambda token: "fresh")
    assert runner.wait_until_idle(2)
    assert delivered == ["fresh"]
    release.set()


def test_failures_come_back_as_one_line(qtbot):
    runner = JobRunner("test")
    messages = []
    runner.failedWith.connect(messages.append)
    runner.submit(lambda token: [][1])
    assert runner.wait_until_idle(5)
    assert len(messages) == 1 and "\n" not in messages[0] and "IndexError" in messages[0]


def test_cancel_and_shutdown_never_wait(qtbot):
    runner = JobRunner("test")
    delivered = []
    runner.resultReady.connect(delivered.append)
    runner.submit(lambda token: time.sleep(0.3) or "late")
    runner.shutdown()
    assert not runner.busy
    qtbot.wait(400)
    assert delivered == []  # the job ended after shutdown and announced nothing


def test_a_cancelled_token_raises_at_the_next_check():
    from gui.models.jobs import CancelToken

    token = CancelToken()
    token.check()
    token.cancel()
    try:
        token.check()
    except CancelledError:
        pass
    else:
        raise AssertionError("check() should raise once cancelled")
