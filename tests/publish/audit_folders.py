"""A published audit folder (docs/audit.md §7) written from the core: the Kerman runoff audited
at 5 % with a few discrepancies, as `tests/core/audit/test_rounds.py` runs it."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from sandogh.core.audit.audit_record import plan_hash, plan_json, round_json
from sandogh.core.audit.manifest import Manifest, Seed
from sandogh.core.audit.plan import AuditPlan
from sandogh.core.audit.reading import Reading
from sandogh.core.audit.replay import RoundResult
from sandogh.core.audit.rounds import PaperReading, RoundInput
from sandogh.core.audit.sample_record import draw_rounds
from sandogh.core.audit.sampling import FrameIndex, PaperAddress, PaperDraw
from sandogh.formats.audit_files import write_manifest, write_sample, write_seed
from sandogh.formats.audit_record_files import write_record
from sandogh.formats.definition_file import load_definition
from tests.core.audit.audits import EXAMPLE, Records, faithful, kerman, kerman_plan, run


@functools.cache
def kerman_audit() -> tuple[AuditPlan, Manifest, Seed, list[RoundInput], tuple[RoundResult, ...]]:
    """Round 1 finds a blank paper (its record for 21), a paper for 21 whose record is for 25 and
    a paper not found; the runoff is confirmed in a later round."""
    plan, manifest, seed = kerman_plan()
    records = Records(kerman().sheets)
    (sample,) = plan.samples
    first = draw_rounds(seed, FrameIndex.of(manifest, sample.frame), sample.method, (27,))
    drawn = [d.paper for d in first.draws if isinstance(d, PaperDraw)]
    honest = faithful(records)
    wrong = {
        drawn[3]: PaperReading(drawn[3], {"president": Reading.invalid()}, honest(drawn[3]).code),
        drawn[10]: PaperReading(
            drawn[10], {"president": Reading.vote("21")}, honest(drawn[10]).code
        ),
        drawn[0]: PaperReading(drawn[0], None),
    }

    def read(paper: PaperAddress) -> PaperReading:
        return wrong.get(paper) or honest(paper)

    inputs, results = run(plan, manifest, seed, read, records)
    return plan, manifest, seed, inputs, results


def write_audit(folder: Path) -> Path:
    """The folder of `kerman_audit`, every file as the audit publishes it."""
    plan, manifest, seed, inputs, results = kerman_audit()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "definition.json").write_bytes(load_definition(EXAMPLE / "round2.yaml").canonical)
    shutil.copyfile(EXAMPLE / "round2-results.csv", folder / "results.csv")
    write_manifest(folder / "manifest.json", manifest)
    write_record(folder / "plan.json", plan_json(plan))
    write_seed(folder / "seed.json", seed)
    (folder / "samples").mkdir()
    for k, sample in enumerate(plan.samples, start=1):
        totals = tuple(i.sizes[sample.frame.name] for i in inputs if sample.frame.name in i.sizes)
        index = FrameIndex.of(manifest, sample.frame)
        write_sample(folder / f"samples/{k}.json", draw_rounds(seed, index, sample.method, totals))
    (folder / "rounds").mkdir()
    previous = plan_hash(plan, seed.digits)
    for given, result in zip(inputs, results, strict=True):
        record = round_json(
            result.number,
            previous,
            given,
            asked=result.asked,
            found=result.discrepancies,
            risks=result.contests,
        )
        write_record(folder / f"rounds/{result.number}.json", record)
        previous = result.hash
    return folder
