"""Property-based fuzzing of the file-reading commands (``check``, ``screen``, ``match``,
``classify``, ``exposure``) on generated CSV, JSON Lines, Parquet and Excel files.

``generate`` builds a file for a format and a command from a :class:`~tests.fuzz.draw.Draw`
(Hypothesis in the test suite, a seeded ``random.Random`` in ``bench/fuzz_bench.py``);
``invariants`` runs the command in-process on it and lists what broke.
"""
