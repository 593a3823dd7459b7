"""One function run in a forked copy of the build, its return value sent back.

Used for work that can go on beside the main process: the search and opendata stages
(background.py), listing the output folder (output.FileListing), saving the feeds cache
(datacache). The child inherits the whole build by fork, nothing is pickled on the way in; it
starts with the heap frozen, so its garbage collector neither scans nor copies what it inherited.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .gcpause import frozen_for_workers


class ForkFailed(RuntimeError):
    """The child ended without sending its result (killed, or an error it did not catch)."""


@dataclass
class Forked:
    name: str
    process: Any  # multiprocessing's fork Process
    conn: Any  # the receiving end of its pipe

    @classmethod
    def start(cls, name: str, function: Callable[..., Any], *args: Any, daemon: bool = False) -> Forked:
        """`daemon`: killed when the build ends, for a result that may never be asked for (a
        child blocked on sending it would otherwise keep the build from exiting)."""
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_call_and_send, args=(function, args, send), name=f"gongshi-{name}",
                                  daemon=daemon)
        with frozen_for_workers():
            process.start()
        send.close()
        return cls(name, process, receive)

    def result(self) -> Any:
        """Wait for the child and return what `function` returned."""
        try:
            return self.conn.recv()
        except EOFError as error:
            raise ForkFailed(f"子进程 {self.name} 异常退出") from error
        finally:
            self.process.join()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def _call_and_send(function: Callable[..., Any], args: tuple, conn: Any) -> None:
    conn.send(function(*args))
    conn.close()
