"""`make bench`: performance measured, with figures in its output, never by a timed test.

- `pipeline` -- each stage timed on synthetic data (`python -m kb.bench.pipeline`);
- `site` -- what a reader and an editor feel, measured in headless Chromium;
- `network` -- the network page drawn two ways, side by side (`python -m kb.bench.network`);
- `synthetic` -- synthetic data of the real shape.
"""
