#!/usr/bin/env python3
"""The engine's cost per record before and at an hour's turn, from the files of bench/poll.py.

    python3 bench/turncost.py POLL_FILE...

For each daemon a poll file saw (the records consumed start again from nothing at each e2e step), the seconds in
which the ledger's users' batches held about one row per user (90,000-110,000 rows: the population's 100,000
users, before the turn) and those in which they held more than 150,000 (both hours' rows: the turn's minute), and
for each: records consumed a second, the engine thread's share of a core and its CPU time per record. A losing step
says only that the engine fell short somewhere; this says by how much each record cost more, which varies far
less from run to run.
"""
import datetime
import re
import sys

LINE = re.compile(r'(\d\d:\d\d:\d\d) consumed=(\d+) ledger_rows=(\d+) .*?\| (.*)')
WINDOWS = (('before', lambda rows: 90_000 <= rows <= 110_000), ('turn', lambda rows: rows > 150_000))


def daemons(path):
    """Per daemon, its seconds as (ledger rows, records consumed, engine ticks, seconds)."""
    runs, current, previous = [], [], None
    for line in open(path):
        match = LINE.match(line)
        if not match:
            continue
        at = datetime.datetime.strptime(match.group(1), '%H:%M:%S')
        consumed, rows = int(match.group(2)), int(match.group(3))
        engine = sum(int(kv.split('=')[1]) for kv in match.group(4).split() if kv.startswith('jet-engine'))
        if previous and consumed < previous[1]:
            runs.append(current)
            current, previous = [], None
        if previous and consumed > previous[1]:
            current.append((rows, consumed - previous[1], engine, (at - previous[0]).total_seconds()))
        previous = (at, consumed)
    runs.append(current)
    return runs


def main(paths):
    for path in paths:
        for n, seconds in enumerate(daemons(path)):
            parts = []
            for name, chosen in WINDOWS:
                picked = [s for s in seconds if chosen(s[0])]
                records = sum(s[1] for s in picked)
                ticks = sum(s[2] for s in picked)  # 1/100 s of CPU
                elapsed = sum(s[3] for s in picked)
                if records and elapsed:
                    parts.append('%s %.2fM/s, engine %d %% of a core, %d ns a record (%d s)' % (
                        name, records / elapsed / 1e6, ticks / elapsed, ticks * 1e7 / records, elapsed))
            if parts:
                print('%s #%d: %s' % (path, n + 1, '; '.join(parts)))


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit('usage: bench/turncost.py POLL_FILE...')
    main(sys.argv[1:])
