"""A secret a command asks for (a PIN, a password): unseen on a terminal, read as a line when it
comes down a pipe.

On a terminal, click's hidden prompt reads it with `getpass`, which turns the echo off. Down a pipe
(a script, a test, `printf … | sandogh staff card`) there is no echo to turn off, and `getpass`
says so with Python's `GetPassWarning` ("Can not control echo on the terminal"), an English line
on the operator's screen that warns of nothing: what is piped is never shown. So a piped secret is
read as a plain line, the prompt still said (on stderr, as `getpass` says it), and an ended input
aborts the command as an unanswered prompt does.
"""

from __future__ import annotations

import sys

import typer


def ask_secret(prompt: str) -> str:
    """The secret typed (or piped) after `prompt`, without its line's end."""
    if sys.stdin.isatty():
        typed: str = typer.prompt(prompt, hide_input=True)
        return typed
    sys.stderr.write(f"{prompt}: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    sys.stderr.write("\n")  # the line a typed secret's Enter would have ended, as getpass ends it
    if not line:
        raise typer.Abort
    return line.rstrip("\r\n")
