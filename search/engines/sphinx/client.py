"""SphinxQL over the MySQL protocol (PyMySQL), and what a distributed answer says about missing agents.

A distributed query whose agent fails still answers with the other shards' rows and only a warning
in SHOW META (and an error when every agent failed): `Answer.failed` collects the agent addresses
named there, so the searcher never presents a partial answer as whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pymysql
from pymysql.constants import CLIENT

CONNECT_TIMEOUT = 3
READ_TIMEOUT = 30  # seconds: a query that takes longer fails instead of holding the request
_AGENT = re.compile(r"agent ([^\s:]+:\d+)")


class NodeDown(ConnectionError):
    """A node that does not answer: the message names it."""


class EngineQueryError(RuntimeError):
    """Sphinx rejected a statement for a reason other than an unreachable agent."""


@dataclass
class Answer:
    """Result sets of one statement (FACET adds one per facet), total_found, failed agent addresses."""

    sets: list[list[tuple]]
    total: int = 0
    failed: set[str] = field(default_factory=set)

    @property
    def rows(self) -> list[tuple]:
        return self.sets[0] if self.sets else []


def connect(address: str) -> pymysql.connections.Connection:
    host, _, port = address.rpartition(":")
    try:
        return pymysql.connect(
            host=host,
            port=int(port),
            autocommit=True,
            charset="utf8",
            client_flag=CLIENT.MULTI_STATEMENTS,  # facet counts go as one batch of GROUP BYs
            connect_timeout=CONNECT_TIMEOUT,
            read_timeout=READ_TIMEOUT,
            write_timeout=READ_TIMEOUT,
        )
    except pymysql.err.OperationalError as error:
        raise NodeDown(f"node {address} does not answer: {error.args[-1]}") from error


def execute(connection: Any, sql: str, args: Any = None, meta: bool = False) -> Answer:
    """Run one statement (or a batch); with meta, read total_found and agent warnings from SHOW META."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            sets = [list(cursor.fetchall())]
            while cursor.nextset():
                sets.append(list(cursor.fetchall()))
            answer = Answer(sets)
            if meta:
                cursor.execute("SHOW META")
                values = dict(cursor.fetchall())
                answer.total = int(values.get("total_found", 0))
                answer.failed = set(_AGENT.findall(values.get("warning", "")))
            return answer
    except pymysql.err.OperationalError as error:
        raise NodeDown(f"lost the connection: {error.args[-1]}") from error
    except (pymysql.err.ProgrammingError, pymysql.err.InternalError) as error:
        message = str(error.args[-1]).rstrip("\x00")
        failed = set(_AGENT.findall(message))
        if failed and ("connect" in message or "failed" in message or "timed out" in message):
            return Answer([], failed=failed)
        raise EngineQueryError(message) from error
