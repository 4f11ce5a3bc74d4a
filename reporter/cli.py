"""The ``reporter`` command line: ``analyze`` for machines, ``build`` for people."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reporter import __version__
from reporter.batch import BatchResult, analyses, write_json


def _warn(msg: str) -> None:
    click.echo(f"reporter: {msg}", err=True)


def _finish(result: BatchResult) -> None:
    if result.failed:
        _warn(f"{len(result.failed)} input(s) failed, {result.ok} done")
        sys.exit(1)
    if result.ok == 0:
        _warn("no documents found in the inputs")
        sys.exit(2)


def _outdir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".reporter-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write output folder ({exc.strerror or exc})") from None
    return path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reporter")
def main() -> None:
    """Source-credibility and framing reports, with the evidence behind every score."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json-dir", type=click.Path(path_type=Path), required=True,
              help="Write one <id>.json analysis per document here.")
def analyze(inputs: tuple[str, ...], json_dir: Path) -> None:
    """Analyse INPUTS (files, folders, globs) and write the JSON analyses."""
    out = _outdir(json_dir)
    result = BatchResult()
    for a in analyses(inputs, result, _warn):
        write_json(a, out)
    _finish(result)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Output folder for JSON, scores.csv and PDFs.")
def build(inputs: tuple[str, ...], output: Path) -> None:
    """Analyse INPUTS and write JSON, scores.csv, one dossier PDF each and a corpus briefing."""
    from reporter.corpus import frame, percentiles, row
    from reporter.fileio import write_atomic
    from reporter.render import render_briefing, render_dossier

    out = _outdir(output)
    json_dir = _outdir(out / "json")
    result = BatchResult()
    done = []
    for a in analyses(inputs, result, _warn):
        write_json(a, json_dir)
        done.append(a)
    df = frame(row(a) for a in done)
    write_atomic(out / "scores.csv", df.to_csv(index=False))
    dossiers = _outdir(out / "dossiers")
    for a in done:
        try:
            render_dossier(a, dossiers / f"{a.document.id}.pdf", percentiles(df, a.document.id))
        except Exception as exc:
            result.failed.append(a.document.path or a.document.id)
            _warn(f"{a.document.path or a.document.id}: dossier failed: {type(exc).__name__}: {exc}")
    if done:
        render_briefing(df, {a.document.id: a for a in done}, out / "briefing.pdf")
    click.echo(f"reporter: {len(done)} documents -> {out}", err=True)
    _finish(result)


if __name__ == "__main__":
    main()
