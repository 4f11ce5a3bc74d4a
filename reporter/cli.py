"""The ``reporter`` command line: ``analyze`` for machines, ``build`` for people."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from reporter import __version__
from reporter.batch import TABLE_SUFFIXES, BatchResult, CorpusRun, run_corpus


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


def _corpus_options(f):
    """Options shared by ``analyze`` and ``build`` for corpus runs."""
    for opt in reversed([
        click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
                     help="Worker processes (default 0: every core of this machine)."),
        click.option("--no-resume", is_flag=True,
                     help="Analyse everything again, even documents whose outputs are current."),
        click.option("--text-field", default="text", show_default=True,
                     help="Column or key holding the article text in JSONL, CSV and Parquet corpora."),
        click.option("--id-field", default="id", show_default=True,
                     help="Column or key holding the document id (else <file>-<row number>)."),
    ]):
        f = opt(f)
    return f


def _corpus_summary(run: CorpusRun, where: str) -> None:
    parts = [f"{run.ok} analysed"]
    if run.skipped:
        parts.append(f"{run.skipped} already current")
    if run.failed:
        parts.append(f"{len(run.failed)} failed")
    _warn(", ".join(parts) + f" -> {where}")


def _finish_corpus(run: CorpusRun) -> None:
    if run.interrupted:
        _warn(f"interrupted: {run.ok} documents finished and kept; run the same command again to finish the rest")
        sys.exit(130)
    if run.failed:
        _warn(f"{len(run.failed)} input(s) failed, {run.ok + run.skipped} done")
        sys.exit(1)
    if run.ok + run.skipped == 0:
        _warn("no documents found in the inputs")
        sys.exit(2)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json-dir", type=click.Path(path_type=Path),
              help="Write one <id>.json analysis per document here.")
@click.option("--jsonl", type=click.Path(path_type=Path, dir_okay=False),
              help="Write every analysis as one line of this JSONL file.")
@click.option("--table", type=click.Path(path_type=Path),
              help="Write the scores table here: .parquet or .csv (a folder of Parquet files with --engine dask).")
@_corpus_options
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: processes on this machine; dask: partitions on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786); default: a local cluster for this run.")
def analyze(inputs: tuple[str, ...], json_dir: Path | None, jsonl: Path | None, table: Path | None, jobs: int,
            no_resume: bool, text_field: str, id_field: str, engine: str, scheduler: str | None) -> None:
    """Analyse INPUTS (files, folders, globs; JSONL, CSV and Parquet corpora are streamed).

    Writes any of: one JSON per document (--json-dir), one JSONL file (--jsonl), the
    scores table (--table). A re-run skips documents whose outputs are current;
    Ctrl-C stops cleanly (exit 130) and a re-run finishes the rest.
    """
    if json_dir is None and jsonl is None and table is None:
        raise click.UsageError("say where to write: --json-dir DIR, --jsonl FILE and/or --table FILE")
    if json_dir is not None:
        _outdir(json_dir)
    if engine == "dask":
        if table is None:
            raise click.UsageError("--engine dask writes its results to Parquet: give --table DIR")
        if jsonl is not None:
            raise click.UsageError("--jsonl is for the local engine; --engine dask writes --table and --json-dir")
        from reporter.corpus.engine import run_dask

        try:
            res = run_dask(inputs, table, json_dir=json_dir, scheduler=scheduler, workers=jobs or None,
                           text_field=text_field, id_field=id_field, resume=not no_resume)
        except (ValueError, OSError) as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            _warn("interrupted: the previous table (if any) is unchanged; run the same command again")
            sys.exit(130)
        for f in res.failed[:20]:
            _warn(f)
        _finish(BatchResult(ok=res.ok + res.skipped, failed=res.failed))
        _warn(f"{res.ok} analysed on Dask, {res.skipped} already current -> {table}")
        return
    for f in (jsonl, table):
        if f is not None:
            _outdir(f.parent)
    if table is not None and table.suffix.lower() not in TABLE_SUFFIXES:
        raise click.UsageError(f"--table {table}: name a .parquet or .csv file")
    run = run_corpus(inputs, json_dir=json_dir, jsonl=jsonl, table=table, jobs=jobs or None, resume=not no_resume,
                     warn=_warn, text_field=text_field, id_field=id_field)
    _finish_corpus(run)
    _corpus_summary(run, ", ".join(str(x) for x in (json_dir, jsonl, table) if x is not None))


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Output folder for JSON, scores.csv and PDFs.")
@click.option("--dossiers", "dossier_spec", default="auto", show_default=True,
              help='Which documents get a dossier PDF: "all", "none", ids ("a,b"), "lowest:N", "highest:N" '
                   '(by credibility) or a query on the scores ("credibility < 40"); "auto" is all of up to '
                   "100 documents, else lowest:25.")
@click.option("--handout", is_flag=True, help="Also write a student and a teacher handout per dossier (handouts/).")
@click.option("--page-size", type=click.Choice(["A4", "Letter"]), default="A4", show_default=True,
              help="Paper size of every PDF.")
@_corpus_options
def build(inputs: tuple[str, ...], output: Path, dossier_spec: str, handout: bool, page_size: str, jobs: int,
          no_resume: bool, text_field: str, id_field: str) -> None:
    """Analyse INPUTS and write JSON, scores.csv, dossier PDFs for the documents asked for and a corpus briefing."""
    from reporter.batch import pick_documents, select_ids
    from reporter.corpus.engine import default_jobs
    from reporter.render import render_briefing
    from reporter.render.parallel import render_dossiers

    out = _outdir(output)
    json_dir = _outdir(out / "json")
    run = run_corpus(inputs, json_dir=json_dir, table=out / "scores.csv", jobs=jobs or None, resume=not no_resume,
                     warn=_warn, text_field=text_field, id_field=id_field)
    if run.interrupted:
        _finish_corpus(run)
    df = run.table
    try:
        chosen = select_ids(df, dossier_spec)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--dossiers") from None
    if dossier_spec.strip().lower() == "auto" and df is not None and len(chosen) < len(df):
        _warn(f"{len(df)} documents: dossiers for the {len(chosen)} least credible (choose with --dossiers)")
    result = BatchResult(ok=run.ok + run.skipped, failed=list(run.failed))
    done = {}
    try:
        if chosen:
            dossiers = _outdir(out / "dossiers")
            n_jobs = min(jobs or default_jobs(), len(chosen) // 2 or 1)  # a pool pays off from two per worker
            for r in render_dossiers(pick_documents(inputs, chosen, text_field, id_field), dossiers, df,
                                     page_size=page_size, handouts=_outdir(out / "handouts") if handout else None,
                                     jobs=n_jobs, ids=chosen):
                if r.error is not None:
                    result.failed.append(r.path or r.id)
                    _warn(f"{r.path or r.id}: {r.error}")
                else:
                    done[r.id] = r.analysis
        if df is not None and len(df):
            try:
                render_briefing(df, {k: a for k, a in done.items() if a is not None}, out / "briefing.pdf",
                                page_size=page_size)
            except Exception as exc:  # the JSON, table and dossiers are written: say so, do not dump a traceback
                result.failed.append(str(out / "briefing.pdf"))
                _warn(f"{out / 'briefing.pdf'}: briefing failed: {type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        _warn("interrupted while rendering; run the same command again to finish")
        sys.exit(130)
    click.echo(f"reporter: {len(df) if df is not None else 0} documents, {len(done)} dossiers -> {out}", err=True)
    _finish(result)


if __name__ == "__main__":
    main()
