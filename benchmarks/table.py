"""The benchmark table: one row per measure, each a ratio to its baseline."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One measurement and its baseline, in the unit the measure names."""

    measure: str
    ours: float
    baseline_name: str
    baseline: float
    target: float | None = None
    at_least: bool = False  # the target is a floor (a rate), not a ceiling

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline

    def cells(self) -> list[str]:
        target = ""
        if self.target is not None:
            if self.at_least:
                bound, met = ">=", self.ratio >= self.target
            else:
                bound, met = "<=", self.ratio <= self.target
            target = f"{bound} {self.target:g}x {'ok' if met else 'missed'}"
        return [
            self.measure,
            f"{self.ours:,.1f}",
            f"{self.baseline_name}: {self.baseline:,.1f}",
            f"{self.ratio:.2f}x",
            target,
        ]


def table(rows: list[Row]) -> str:
    header = ["measure", "ours", "baseline", "ratio", "target"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)
