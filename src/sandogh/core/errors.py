"""The root of every failure sandogh reports to a person: each is typed and says what is wrong."""


class SandoghError(Exception):
    """A failure with a message fit to show as one line; subclasses carry their details."""

    #: the line's key in the command's catalogue (`locale.command_failures`) and its values, so
    #: that the command says it in its language; None: the message as it is
    said: tuple[str, dict[str, str | int]] | None = None
