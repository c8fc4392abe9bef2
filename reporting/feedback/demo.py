def load(*, stdout, style) -> None:
    pass
