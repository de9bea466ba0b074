#!/usr/bin/env python3
"""Every document a comment cites is in the repo.

Reads every tracked text file under the folders below and reports each `*.md`
path it names (in a comment, a string or a Markdown link) that does not exist,
taken from the citing file's folder or from the repository's root. A
citation of a document kept outside the repository (a product spec, say)
fails, so that a reader of the code can always open what it cites.

    scripts/check-citations.py [ROOT]     exit 1 when a citation is missing
"""
import os
import re
import subprocess
import sys

# The trees whose comments and docs are read; package-lock.json and the like hold no citations.
TREES = ["src", "tests", "web/src", "web/e2e", "web/README.md", "fuzz", "bench", "scripts",
         "docs", "data", "examples", "README.md", "CMakeLists.txt", "Makefile"]
SKIP_SUFFIXES = (".json", ".csv", ".xlsx", ".bin", ".pdf", ".png", ".dict")
# Inputs and outputs of the program under test, not comments (a golden map may be named anything);
# tests/lint/ feeds these checks missing documents on purpose.
SKIP_FOLDERS = ("tests/cli/golden/", "fuzz/corpus/", "tests/lint/")
# A path ending in .md; not part of a URL (http://…/x.md) or a longer word.
CITATION = re.compile(r"(?<![\w./:-])((?:\.{1,2}/)?[\w-]+(?:/[\w.-]+)*\.md)\b")
URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)


def tracked_files(root):
    out = subprocess.run(["git", "-C", root, "ls-files", "-z", "--", *TREES],
                         check=True, capture_output=True).stdout
    return [p for p in out.decode().split("\0")
            if p and not p.endswith(SKIP_SUFFIXES) and not p.startswith(SKIP_FOLDERS)]


def missing_citations(root, path):
    try:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            lines = f.readlines()
    except (UnicodeDecodeError, FileNotFoundError):
        return
    folder = os.path.dirname(path)
    for number, line in enumerate(lines, 1):
        for cited in CITATION.findall(URL.sub("", line)):
            candidates = [os.path.join(folder, cited), cited]
            if not any(os.path.isfile(os.path.join(root, c)) for c in candidates):
                yield number, cited


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems = [(path, number, cited) for path in tracked_files(root)
                for number, cited in missing_citations(root, path)]
    for path, number, cited in problems:
        print(f"{path}:{number}: cites {cited}, which is not in the repository", file=sys.stderr)
    if problems:
        print(f"check-citations: {len(problems)} citation(s) of a document that is not in the "
              "repository: name it by its path from the root (docs/...) or next to the citing "
              "file, or bring the document into docs/", file=sys.stderr)
        return 1
    print("check-citations: every cited document is in the repository")
    return 0


if __name__ == "__main__":
    sys.exit(main())
