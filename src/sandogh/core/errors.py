"""The root of every failure sandogh reports to a person: each is typed and says what is wrong."""


class SandoghError(Exception):
    """A failure with a message fit to show as one line; subclasses carry their details."""
