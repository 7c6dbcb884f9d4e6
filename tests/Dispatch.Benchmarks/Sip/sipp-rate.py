"""Reads a sipp -trace_stat file and prints "rate successful failed": successful calls per second of wall time.

    python3 sipp-rate.py STATS_FILE START_EPOCH_SECONDS END_EPOCH_SECONDS

Shared by register-rate.sh and register-ab.sh.
"""
import sys

lines = [line for line in open(sys.argv[1]).read().splitlines() if line]
header, last = lines[0].split(';'), lines[-1].split(';')
ok, failed = int(last[header.index('SuccessfulCall(C)')]), int(last[header.index('FailedCall(C)')])
print(f"{ok / (float(sys.argv[3]) - float(sys.argv[2])):.0f} {ok} {failed}")
