"""``shopcrm import|import-visits|imports|export``: Excel in and out.

``shopcrm import FILE`` imports a customer list (``--dry-run`` only reports what it would
do); ``shopcrm import undo BATCH`` undoes one (``import`` is both a command taking a file
and the group of ``undo``: a first argument ``undo`` followed by a number is the undo, so
a file really named "undo" still imports). ``shopcrm import-visits FILE`` imports a sheet
of visits (a separate command: its options differ). ``shopcrm imports`` lists the imports,
``shopcrm export FILE`` writes any view to .xlsx.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command, creates_book
from shopcrm.domain.dates import parse_date, utc_to_local
from shopcrm.errors import Conflict, NotFound
from shopcrm.longwork import ProgressBar, run_to_end


def _stage_words(ctx: Context, event: Any) -> str:
    return ctx.t({"read": "checking", "write": "writing"}.get(getattr(event, "stage", ""),
                                                              "exporting"))


def _drive(ctx: Context, events: Any) -> Any:
    with contextlib.closing(events), ProgressBar.for_terminal(
            ctx.as_json, unit=ctx.t("rows"), lang=ctx.lang,
            label=lambda event: _stage_words(ctx, event)) as bar:
        return run_to_end(events, bar)


def _mapping(text: str | None, kind: str) -> dict[str, str] | None:
    if not text:
        return None
    from shopcrm.services.excel import parse_mapping_arg

    return parse_mapping_arg(text, kind)


# -- import ----------------------------------------------------------------------------------


def _report_lines(ctx: Context, report: Any, verbose: bool) -> list[str]:
    lang = ctx.lang
    where = ctx.t("sheet {sheet}", sheet=report.sheet)
    if report.header_row:
        where += ctx.t(" (header on row {row})", row=ctx.digits(report.header_row))
    c = report.counts()
    head = ctx.t("DRY RUN, nothing written: ") if report.dry_run else ""
    lines = [head + ctx.t("{file}, {where}: {rows:,} rows", file=report.file, where=where,
                          rows=c["rows"])]
    if report.kind == "customers":
        lines.append("  " + ctx.t(
            ("would insert" if report.dry_run else "inserted")
            + " {inserted:,} customers, updated {updated:,}, merged {merged:,} rows, unchanged "
            "{unchanged:,}, skipped {skipped:,}, errors {errors:,}, warnings {warnings:,}; "
            "visits {visits:,}", inserted=c["inserted"], updated=c["updated"],
            merged=c["merged"], unchanged=c["unchanged"], skipped=c["skipped"],
            errors=c["errors"], warnings=c["warnings"], visits=c["visits_inserted"]))
        if c["spent_customers"]:
            lines.append("  " + ctx.t(
                ("would bring" if report.dry_run else "brought")
                + " spending before the book from the spending column for {n:,} customers: "
                "{amount}", n=c["spent_customers"], amount=ctx.money(c["spent_amount"])))
    else:
        lines.append("  " + ctx.t(
            ("would add" if report.dry_run else "added")
            + " {visits:,} visits, created {created:,} customers, skipped {skipped:,}, "
            "errors {errors:,}, warnings {warnings:,}", visits=c["visits_inserted"],
            created=c["customers_created"], skipped=c["skipped"], errors=c["errors"],
            warnings=c["warnings"]))
        if c["summary_customers"]:
            lines.append("  " + ctx.t(
                "{n:,} visits " + ("would take" if report.dry_run else "took")
                + " the place of the customer list's summary of {customers:,} customers: "
                "{replaced:,} imported last visits replaced, visits before the book "
                "{visits:,} fewer, spending before the book {amount} less",
                n=c["summary_visits"], customers=c["summary_customers"],
                replaced=c["placeholders_replaced"], visits=c["prior_visits_less"],
                amount=ctx.money(c["prior_spent_less"])))
    for notice in report.notices:  # how the file was read: before anything else
        lines.append("  " + ctx.t("notice: {text}", text=notice.message(ctx.lang)))
    if report.mapping_source != "auto":
        lines.append("  " + ctx.t("columns mapped: {how}", how=ctx.t(report.mapping_source)))
    if report.extra_columns:
        lines.append("  " + ctx.t("kept in the notes: {columns}",
                                  columns=ctx.t(", ").join(report.extra_columns)))
    if report.same_file_batches:
        ids = ctx.t(", ").join(f"#{ctx.digits(i)}" for i in report.same_file_batches)
        lines.append("  " + ctx.t("note: this same file was imported before ({ids})", ids=ids))
    if report.batch_id is not None:
        lines.append("  " + ctx.t("import #{id} (to undo: shopcrm import undo {id})",
                                  id=ctx.digits(report.batch_id)))
    if report.errors_file:
        lines.append("  " + ctx.t("{n:,} rows to fix written to {path}",
                                  n=report.errors_file_rows, path=str(report.errors_file)))
    issues: dict[int, list[Any]] = {}
    for issue in report.issues:
        issues.setdefault(issue.row, []).append(issue)
    shown = report.outcomes if verbose else [
        o for o in report.outcomes if o.action not in ("insert", "unchanged")
        or o.row in issues]
    if shown:
        lines.append(ctx.t("rows:"))
    for o in shown:
        lines.append("  " + ctx.t("row {row}: {action} - {message}", row=ctx.digits(o.row),
                                  action=ctx.t(o.action), message=o.message(lang)))
        for issue in issues.get(o.row, ()):
            label = f"{issue.column}: " if issue.column else ""
            lines.append(f"      {ctx.t(issue.severity)}: {label}{_describe(issue, lang)}")
    return lines


def _describe(issue: Any, lang: str) -> str:
    from shopcrm.error_text import describe

    return describe(issue, lang)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    if args.file == "undo" and (args.batch is not None or not Path("undo").exists()):
        ctx.create_book = False  # an undo needs the book the import went into
        return _undo(ctx, args)
    if args.batch is not None:
        raise CommandError("shopcrm import: unexpected argument {value}", value=args.batch)
    if args.force:
        raise CommandError("shopcrm import: --force belongs to 'shopcrm import undo BATCH'")
    _before_opening(ctx, args)
    from shopcrm.services.excel.importer import import_customers

    events = import_customers(
        ctx.db, args.file, sheet=args.sheet, mapping=_mapping(args.map, "customers"),
        header_row=args.header_row, on_duplicate=args.on_duplicate, dry_run=args.dry_run,
        settings=ctx.settings, errors_path=args.errors, lang=ctx.lang,
        backup=not args.no_backup)
    report = _drive(ctx, events)
    ctx.emit(report.as_dict(ctx.lang), _report_lines(ctx, report, args.dry_run))
    return 0


def _undo(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.excel.importer import undo_import

    if args.batch is None:
        raise Conflict("import_undo_needs_batch")
    try:
        batch = int(args.batch.lstrip("#"))
    except ValueError:
        raise CommandError("shopcrm import undo: not an import number: {value}",
                           value=args.batch) from None
    result = undo_import(ctx.db, batch, force=args.force, settings=ctx.settings,
                         backup=not args.no_backup)
    if not result.done:
        if ctx.as_json:
            ctx.emit(result.as_dict())
            return 1
        ctx.note(ctx.t("customers of import #{id} changed since the import:",
                       id=ctx.digits(batch)))
        for c in result.conflicts:
            ctx.note(f"  #{ctx.digits(c.customer_id)} {c.name} {ctx.digits(c.mobile or '')} "
                     f"({ctx.t(c.reason)})")
        names = ", ".join(f"#{c.customer_id}" for c in result.conflicts[:10])
        raise Conflict("import_undo_conflicts", id=batch, count=len(result.conflicts),
                       names=names + (", ..." if len(result.conflicts) > 10 else ""))
    lines = [ctx.t("import #{id} undone: {removed:,} customers removed, {restored:,} "
                   "restored, {visits:,} visits removed", id=ctx.digits(batch),
                   removed=result.removed, restored=result.restored,
                   visits=result.visits_removed)]
    if result.conflicts:
        lines.append("  " + ctx.t("forced over {n:,} customers changed since",
                                  n=len(result.conflicts)))
    if result.backup:
        lines.append("  " + ctx.t("the book as it was before is kept in {path}",
                                  path=str(result.backup)))
    ctx.emit(result.as_dict(), lines)
    return 0


def _before_opening(ctx: Context, args: argparse.Namespace) -> None:
    """An import may create the book, but not for a file that is not there, nor for a dry
    run (which only reads)."""
    if not Path(args.file).expanduser().exists():
        raise NotFound("import_file_not_found", file=args.file)
    if args.dry_run:
        ctx.create_book = False


def cmd_import_visits(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.excel.importer import import_visits

    _before_opening(ctx, args)
    events = import_visits(
        ctx.db, args.file, sheet=args.sheet, mapping=_mapping(args.map, "visits"),
        header_row=args.header_row, create_customers=args.create_customers,
        dry_run=args.dry_run, settings=ctx.settings, errors_path=args.errors, lang=ctx.lang,
        backup=not args.no_backup)
    report = _drive(ctx, events)
    ctx.emit(report.as_dict(ctx.lang), _report_lines(ctx, report, args.dry_run))
    return 0


def cmd_imports(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.excel.importer import list_batches

    batches = list_batches(ctx.db, limit=args.limit)
    rows = [(ctx.digits(b.id), ctx.day(utc_to_local(b.created_at), with_time=True),
             ctx.t(b.kind), b.file_name, ctx.num(b.inserted), ctx.num(b.updated),
             ctx.num(b.skipped), ctx.num(b.errors),
             ctx.day(utc_to_local(b.undone_at), with_time=True) if b.undone_at else "")
            for b in batches]
    text = ctx.table(rows, ["id", "when", "kind", "file", "inserted", "updated", "skipped",
                            "errors", "undone"]) if rows else [ctx.t("no imports yet")]
    ctx.emit(batches, text)
    return 0


# -- export ----------------------------------------------------------------------------------


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.excel.exporter import export

    events = export(ctx.db, args.file, args.what, segment=args.segment, search=args.search,
                    campaign_id=args.campaign, settings=ctx.settings,
                    as_of=parse_date(args.as_of) if args.as_of else None,
                    lang=args.sheet_lang or ctx.lang)
    result = _drive(ctx, events)
    ctx.emit(result, ctx.t("wrote {rows:,} rows ({what}) to {path} in {seconds:.1f} s",
                           rows=result.rows, what=ctx.t(result.what), path=str(result.path),
                           seconds=result.seconds))
    return 0


# -- registration ----------------------------------------------------------------------------


def _reading(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sheet", help="the sheet to read (default: the one that looks like "
                                        "the list)")
    parser.add_argument("--map", metavar="COLUMN=FIELD,...",
                        help='map columns by hand, e.g. --map "اسم=name، شماره=mobile"; '
                             "remembered for the next file with the same headers")
    parser.add_argument("--header-row", type=int, help="the header's row number, when the "
                        "guess is wrong")
    parser.add_argument("--dry-run", action="store_true",
                        help="report exactly what would happen, row by row; write nothing")
    parser.add_argument("--errors", metavar="OUT.xlsx",
                        help="write the rows not imported, with a reason column, to fix and "
                             "import again")
    parser.add_argument("--no-backup", action="store_true",
                        help="do not back up the book first (SQLite books are backed up "
                             "before an import or an undo when backup.auto is on)")


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    imp = add_command(commands, common, "import", cmd_import,
                      "import a customer list (.xlsx .xlsm .xls .ods .csv); "
                      "'import undo BATCH' undoes one")
    imp.add_argument("file", metavar="FILE", help="the workbook, or 'undo'")
    imp.add_argument("batch", nargs="?", metavar="BATCH",
                     help="with 'undo': the import number (see shopcrm imports)")
    _reading(imp)
    creates_book(imp)  # not for a dry run or an undo: see cmd_import
    imp.add_argument("--on-duplicate", choices=("skip", "fill", "overwrite"), default="skip",
                     help="a customer already in the book (same mobile, else email): leave "
                          "it (skip, default), fill its empty fields, or overwrite them")
    imp.add_argument("--force", action="store_true",
                     help="undo: go ahead even if customers changed since the import")
    visits = add_command(commands, common, "import-visits", cmd_import_visits,
                         "import a sheet of visits, attached to customers by mobile (or an "
                         "unambiguous name)")
    visits.add_argument("file", metavar="FILE", help="the sheet of visits")
    _reading(visits)
    creates_book(visits)
    visits.add_argument("--create-customers", action="store_true",
                        help="create a customer for a mobile (or name) not in the book "
                             "(default: skip such rows)")
    listing = add_command(commands, common, "imports", cmd_imports,
                          "the imports of the book, newest first")
    listing.add_argument("--limit", type=int, default=50,
                         help="imports shown (default 50; 0 = all)")
    exp = add_command(commands, common, "export", cmd_export,
                      "write customers, visits, the absent or overdue list or a campaign's "
                      "results to .xlsx")
    exp.add_argument("file", metavar="FILE", help="the .xlsx to write (replaced if it exists)")
    exp.add_argument("--what", choices=("customers", "visits", "absent", "overdue",
                                        "campaign"), default="customers",
                     help="what to write (default customers)")
    exp.add_argument("--segment", help="customers of a segment (all, regular, absent, vip, "
                                       "rfm:lost, tag:NAME, ...)")
    exp.add_argument("--search", help="customers matching a search, as in the list")
    exp.add_argument("--campaign", type=int, metavar="ID", help="--what campaign: its id")
    exp.add_argument("--as-of", help="reference date for segments and the follow-up lists, "
                                     "Jalali or ISO (default: today)")
    exp.add_argument("--sheet-lang", choices=("fa", "en"), default=None,
                     help="headers and words of the sheet (default: the command's language; "
                          "fa is right to left)")
