#!/usr/bin/env python3
"""Beside an e2e run: once a second, the daemon's loss counters and each thread's CPU over that second.

    python3 bench/poll.py OUT &   # then run bench/bench.sh e2e ...; kill the poller after

Each line of OUT: time, ring-full drops, kernel socket drops, ring backlog, records consumed, and the rows and
milliseconds of the ledger's last batch (a ledger falling behind takes longer batches of more rows), from the
daemon's /metrics; the machine's busy and stolen ticks (1/100 s, all cores: 200 a second is two cores busy; stolen is time
the hypervisor gave this VM's CPUs to others); then the six busiest threads in ticks since the line before (JIT compiler threads summed
as "jit", GC threads as "gc"). It finds the newest daemon that bench.sh e2e started (its work directory under
/tmp/jet-e2e-*) and copies its RocksDB LOG to OUT.LOG. One process, nothing forked: a poller in shell, forking for
every thread, was itself a fifth of a core.
"""
import glob
import os
import shutil
import sys
import time
import urllib.request

# (metric, short name, scale): values are printed as integers, so seconds are scaled to milliseconds.
METRICS = (('jet_ring_full_dropped_records_total', 'ring', 1), ('jet_socket_kernel_drops_total', 'sock', 1),
           ('jet_ring_backlog_records', 'backlog', 1), ('jet_engine_consumed_records_total', 'consumed', 1),
           ('jet_ledger_last_batch_rows', 'ledger_rows', 1), ('jet_ledger_last_batch_seconds', 'ledger_ms', 1000))


def thread_ticks(pid):
    ticks = {}
    for task in glob.glob('/proc/%s/task/*' % pid):
        try:
            name = open(task + '/comm').read().strip()
            stat = open(task + '/stat').read().rsplit(')', 1)[1].split()
        except OSError:
            continue  # the thread ended
        key = 'jit' if name.startswith(('C1', 'C2')) else 'gc' if name.startswith(('G1', 'GC')) else name
        ticks[key] = ticks.get(key, 0) + int(stat[11]) + int(stat[12])  # utime + stime
    return ticks


def machine_ticks():
    """(busy, stolen) ticks of all cores since boot, from /proc/stat."""
    fields = [int(n) for n in open('/proc/stat').readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields[:8]
    return user + nice + system + irq + softirq, steal


def daemon_pid(work_dir):
    for cmdline in glob.glob('/proc/[0-9]*/cmdline'):
        try:
            args = open(cmdline, 'rb').read()
        except OSError:
            continue
        if b'daemon' in args and b'--config' in args and work_dir.encode() in args:
            return cmdline.split('/')[2]
    return None


def main(out_path):
    out = open(out_path, 'w', buffering=1)
    pids = {}
    before = {}
    machine_before = machine_ticks()
    while True:
        ports = sorted(glob.glob('/tmp/jet-e2e-*/*/data/http.port'), key=os.path.getmtime)
        if ports:
            data_dir = os.path.dirname(ports[-1])
            try:
                port = open(ports[-1]).read().strip()
                text = urllib.request.urlopen('http://127.0.0.1:%s/metrics' % port, timeout=1).read().decode()
                values = {}
                for line in text.splitlines():
                    for metric, short, scale in METRICS:
                        if line.startswith(metric + ' '):
                            values[short] = int(float(line.split()[1]) * scale)
                if data_dir not in pids:
                    pids[data_dir] = daemon_pid(os.path.dirname(data_dir))
                ticks = thread_ticks(pids[data_dir]) if pids[data_dir] else {}
                spent = {name: n - before.get(name, 0) for name, n in ticks.items()}
                before = ticks
                busiest = sorted(spent.items(), key=lambda item: -item[1])[:6]
                machine = machine_ticks()
                busy, stolen = machine[0] - machine_before[0], machine[1] - machine_before[1]
                machine_before = machine
                out.write('%s %s busy=%d stolen=%d | %s\n' % (
                    time.strftime('%T'), ' '.join('%s=%d' % kv for kv in values.items()), busy, stolen,
                    ' '.join('%s=%d' % kv for kv in busiest if kv[1] > 0)))
                shutil.copy(os.path.join(data_dir, 'store', 'LOG'), out_path + '.LOG')
            except Exception as ex:  # the daemon is starting or stopping: say so and go on
                out.write('%s %s\n' % (time.strftime('%T'), ex))
        time.sleep(1)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: poll.py OUT')
    main(sys.argv[1])
