"""Physical lines of a byte stream, each bounded in size, whatever the line endings.

``\\n``, ``\\r\\n`` and a lone ``\\r`` (old Mac files) all end a line. A line longer than the
bound is skipped without being held in memory and reported as ``None`` in its place, so the
lines after it keep their numbers and memory stays flat whatever one line holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from dualuse.limits import MAX_ROW_BYTES

CHUNK = 1 << 20
_EOL = re.compile(rb"\r\n|\r|\n")


def physical_lines(stream: BinaryIO, limit: int = MAX_ROW_BYTES) -> Iterator[bytes | None]:
    """Every line of ``stream`` without its ending; ``None`` for a line over ``limit`` bytes."""
    buf = bytearray()
    skipping = False  # inside a line already known to be too long
    while True:
        chunk = stream.read(CHUNK)
        eof = not chunk
        buf += chunk
        pos = 0
        while True:
            m = _EOL.search(buf, pos)
            if m is None:
                break
            if not eof and m.end() == len(buf) and buf[-1] == 0x0D:
                break  # a "\r" at the end of the buffer may be half of "\r\n"
            if skipping or m.start() - pos > limit:
                yield None
                skipping = False
            else:
                yield bytes(buf[pos : m.start()])
            pos = m.end()
        del buf[:pos]
        if eof:
            if skipping or len(buf) > limit:
                yield None
            elif buf:
                yield bytes(buf)
            return
        if len(buf) > limit + 1:
            # the line goes on past the bound: forget it, keeping a final "\r" (a line end)
            skipping = True
            tail = buf[-1:] if buf[-1] == 0x0D else b""
            buf = bytearray(tail)
