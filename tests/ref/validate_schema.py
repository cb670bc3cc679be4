"""Validate a JSON document against a JSON Schema (draft 2020-12), strictly.

Usage: validate_schema.py SCHEMA.json DOCUMENT.json
Prints `PASS` or the validation errors, then `N passed, N failed`; exit 0 iff valid.
"""
import json
import sys

from jsonschema import Draft202012Validator


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    doc = json.load(open(sys.argv[2]))
    errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
    for e in errors:
        print(f"FAIL {'/'.join(map(str, e.path)) or '(root)'}: {e.message}")
    if not errors:
        print("PASS document matches the schema")
    print(f"{0 if errors else 1} passed, {1 if errors else 0} failed")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
