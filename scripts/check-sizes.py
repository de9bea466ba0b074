#!/usr/bin/env python3
"""Keeps src/ in pieces a reader can hold: no file over about 800 lines and no
function over about 150 (issue 12). `make test` runs it; it names each file
or function over its limit and exits 1.

Files count every line. A function counts from the first line of its
signature to its closing brace, lambdas inside it included (a route
registration is one function however many handlers it holds). Functions are
found at namespace scope and one level into a class, as clang-format lays
them out here: a signature whose line ends with `{`, then the braces counted
with comments, strings, characters and raw strings left out. Tests are not
counted.

    scripts/check-sizes.py [ROOT]    (default: the src/ beside this script)
"""
import pathlib
import re
import sys

FILE_LINES = 850      # about 800
FUNCTION_LINES = 160  # about 150

NOT_A_FUNCTION = re.compile(
    r'^\s*(if|for|while|switch|namespace|class|struct|enum|union|extern|else|do|try|catch|'
    r'return)\b')
SIGNATURE_END = re.compile(
    r'\)\s*(const)?\s*(override)?\s*(noexcept)?\s*(->\s*[\w:<>,&* ]+)?\s*\{$')
TOKENS = re.compile(
    r'R"(?P<delim>[^(\s]*)\((?:.|\n)*?\)(?P=delim)"'  # raw string
    r'|"(?:\\.|[^"\\\n])*"'                         # string
    r"|'(?:\\.|[^'\\\n])*'"                         # character
    r'|//[^\n]*'                                    # line comment
    r'|/\*(?:.|\n)*?\*/')                           # block comment


def code_only(text):
    """The text with comments and literals blanked, line breaks kept."""
    return TOKENS.sub(lambda m: '""' + '\n' * m.group(0).count('\n'), text)


def long_functions(path):
    raw = path.read_text(encoding='utf-8').split('\n')
    lines = code_only('\n'.join(raw)).split('\n')
    found = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        indent = len(line) - len(line.lstrip())
        if (indent <= 2 and SIGNATURE_END.search(line) and not NOT_A_FUNCTION.match(line)
                and not line.lstrip().startswith(('}', '#', '[', ':'))):
            start = i  # the signature may wrap over lines above
            while (start > 0 and lines[start - 1].strip()
                   and not lines[start - 1].rstrip().endswith((';', '{', '}'))
                   and not lines[start - 1].lstrip().startswith(('#', 'template'))):
                start -= 1
            depth = 0
            for j in range(i, len(lines)):
                depth += lines[j].count('{') - lines[j].count('}')
                if depth <= 0:
                    if j - start + 1 > FUNCTION_LINES:
                        found.append((start + 1, j - start + 1, raw[start].strip()))
                    i = j
                    break
        i += 1
    return found


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                        pathlib.Path(__file__).resolve().parent.parent / 'src')
    problems = []
    for path in sorted(root.rglob('*')):
        if path.suffix not in ('.cpp', '.h') or path.name.endswith('_test.cpp'):
            continue
        count = path.read_text(encoding='utf-8').count('\n')
        if count > FILE_LINES:
            problems.append(f'{path}: {count} lines, more than {FILE_LINES}: split it by what '
                            f'its parts do')
        for line, length, head in long_functions(path):
            problems.append(f'{path}:{line}: a function of {length} lines, more than '
                            f'{FUNCTION_LINES}: {head[:70]}')
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f'sizes: every file under {FILE_LINES} lines and every function under '
          f'{FUNCTION_LINES} in {root}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
