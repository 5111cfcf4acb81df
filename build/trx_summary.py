"""Sums up the TRX files that `dotnet test --logger trx` wrote: per-project counts, then one plain line.

Usage: trx_summary.py RESULTS_DIR
Prints `  Project  (passed N, failed N, skipped N)` per test project and finally `N passed, N failed[, N skipped]`
alone on a line. Exits 1 when anything failed or no test ran at all, else 0.

A run that aborted (for example a crashed test host) counts as one failure even when no single result says Failed,
so a crash can never pass as a smaller green run.
"""

import collections
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
FAILED_OUTCOMES = {"Failed", "Error", "Timeout", "Aborted"}


def project_of(trx, code_base):
    """build/test.sh names each TRX after its project; other names fall back to the test assembly's name."""
    name = os.path.basename(trx)[:-4]
    if name.endswith(".Tests") or not code_base:
        return name
    return os.path.splitext(os.path.basename(code_base))[0]


def summarize(results_dir):
    per_project = collections.OrderedDict()
    trx_files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
    aborted = []
    for trx in trx_files:
        root = ET.parse(trx).getroot()
        code_base_of = {
            test.get("id"): (test.find("t:TestMethod", NS).get("codeBase") if test.find("t:TestMethod", NS) is not None else None)
            for test in root.iterfind("t:TestDefinitions/t:UnitTest", NS)
        }
        counted = 0
        for result in root.iterfind("t:Results/t:UnitTestResult", NS):
            project = project_of(trx, code_base_of.get(result.get("testId")))
            counts = per_project.setdefault(project, collections.Counter())
            outcome = result.get("outcome", "")
            if outcome == "Passed":
                counts["passed"] += 1
            elif outcome == "NotExecuted":
                counts["skipped"] += 1
            elif outcome in FAILED_OUTCOMES:
                counts["failed"] += 1
            else:
                # Inconclusive, Pending and the like are not a pass.
                counts["failed"] += 1
            counted += 1
        if counted == 0:
            # A project without tests still gets its line, so a suite that silently ran nothing is visible.
            per_project.setdefault(project_of(trx, None), collections.Counter())
        summary = root.find("t:ResultSummary", NS)
        outcome = summary.get("outcome", "") if summary is not None else ""
        if outcome in FAILED_OUTCOMES and not any(
            r.get("outcome") in FAILED_OUTCOMES for r in root.iterfind("t:Results/t:UnitTestResult", NS)
        ):
            aborted.append((trx, outcome, counted))
    return trx_files, per_project, aborted


def line(counts):
    text = f"{counts['passed']} passed, {counts['failed']} failed"
    return text + (f", {counts['skipped']} skipped" if counts["skipped"] else "")


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: trx_summary.py RESULTS_DIR\n")
        return 2
    trx_files, per_project, aborted = summarize(argv[1])
    total = collections.Counter()
    for project, counts in per_project.items():
        # Per-project lines are worded differently from the closing line, so only the last line reads as the total.
        print(f"  {project}  (passed {counts['passed']}, failed {counts['failed']}, skipped {counts['skipped']})")
        total.update(counts)
    for trx, outcome, counted in aborted:
        print(f"run aborted ({outcome}) after {counted} results: {trx}")
        total["failed"] += 1
    if not trx_files:
        print("no TRX files were written: did the test run start?")
    print(line(total))
    return 1 if total["failed"] or total["passed"] + total["failed"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
