"""A text progress bar for the import commands: redrawn in place on a terminal,
a line every tenth of the way otherwise (logs, CI)."""

import time


class ProgressBar:
    def __init__(self, stream, label: str, width: int = 30):
        self.stream = stream
        self.label = label
        self.width = width
        self.started = time.monotonic()
        self.last_tenth = -1
        self.interactive = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        total = max(total, done, 1)
        fraction = done / total
        filled = int(self.width * fraction)
        bar = "#" * filled + "-" * (self.width - filled)
        text = f"{self.label} [{bar}] {fraction:4.0%} {done:,}/{total:,} ({time.monotonic() - self.started:.1f}s)"
        if self.interactive:
            self.stream.write("\r" + text, ending="\n" if done >= total else "")
            self.stream.flush()
        elif int(fraction * 10) > self.last_tenth:
            self.last_tenth = int(fraction * 10)
            self.stream.write(text)
