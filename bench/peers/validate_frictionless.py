"""frictionless-py validating a `records` CSV against a Table Schema (bench/intake.py
writes it from Schemas/layouts/records.yaml and the catalog's code lists): types,
required, pattern, enum, minimum, maxLength and the primary key, every row (no
error limit). Prints `rows=<n> valid=<bool> errors=<{type: count}>`."""
import json
import os
import sys

from frictionless import Resource, Schema

path, schema_path = sys.argv[1], sys.argv[2]
schema = Schema.from_descriptor(json.loads(open(schema_path, encoding="utf-8").read()))
# An absolute path is "not safe" to frictionless: the file is named within its folder.
resource = Resource(os.path.basename(path), basepath=os.path.dirname(os.path.abspath(path)), schema=schema)
report = resource.validate(limit_errors=10**9)
task = report.tasks[0]
errors = {}
for error in task.errors:
    errors[error.type] = errors.get(error.type, 0) + 1
print(f"rows={task.stats['rows']} valid={report.valid} errors={json.dumps(errors, sort_keys=True)}")
