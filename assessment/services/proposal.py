"""The balanced selection proposal of a cohort, beside its pure ranking.

Reads only. Loads the cohort's panel results (`cohort_results`) and its regions' province and
kind, hands plain records to `assessment.equity` (the exact optimisation) and turns the answer
into what the side-by-side page, the selection form and `propose_selection` show: who enters
and who leaves with score and rank, the score it costs, the spread by island group and province,
and a reason for every departure ("pemerataan: paling banyak 3 per provinsi").

The proposal offered to the selection form travels signed (`sign_proposal`), so the decision
records exactly the rules and proposal staff started from, and a tampered one is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core import signing
from django.utils.translation import gettext as _

from candidates.models import Candidate, Cohort
from smartcity.islands import IslandGroup, island_group

from .. import equity
from ..models import EquityRules
from .results import ResultRow, cohort_results

SIGNING_SALT = "assessment.proposal"


def equity_rules_of(cohort: Cohort) -> EquityRules:
    """The cohort's equity rules, or the defaults (unsaved) when staff never set them."""
    return EquityRules.objects.filter(cohort=cohort).first() or EquityRules(cohort=cohort)


def rules_from(settings: EquityRules, **overrides) -> equity.Rules:
    """The pure rules of a cohort's settings; `overrides` (not None) replace single rules."""
    values = {
        "max_per_province": settings.max_per_province,
        "min_per_island_group": settings.min_per_island_group,
        "min_kota_percent": settings.min_kota_percent,
        "min_kabupaten_percent": settings.min_kabupaten_percent,
        "min_score": float(settings.min_score) if settings.min_score is not None else None,
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return equity.Rules(**values)


@dataclass(slots=True)
class ProposalRow:
    """A candidate on the side-by-side page."""

    row: ResultRow
    province_code: str
    province_name: str
    kind: str
    island: IslandGroup | None
    in_ranking: bool
    in_proposal: bool
    reason: str = ""

    @property
    def code(self) -> str:
        return self.row.region.code

    @property
    def candidate_id(self) -> int:
        return self.row.candidate.pk

    @property
    def score(self) -> float:
        return self.row.mean

    @property
    def rank(self) -> int:
        return self.row.rank


@dataclass(slots=True)
class Spread:
    """One island group's or province's places: assessed, by the ranking and by the proposal."""

    key: str
    label: str
    assessed: int = 0
    ranking: int = 0
    proposal: int = 0

    @property
    def change(self) -> int:
        return self.proposal - self.ranking


@dataclass(slots=True)
class Comparison:
    """The pure ranking and the balanced proposal of a cohort, side by side."""

    cohort: Cohort
    rules: equity.Rules
    quota: int
    proposal: equity.Proposal
    rows: list[ProposalRow]  # every eligible candidate, in rank order
    unready: int  # ranked candidates whose panel is not complete (not proposed)
    ranking_shortfalls: list[equity.Shortfall] = field(default_factory=list)
    islands: list[Spread] = field(default_factory=list)
    provinces: list[Spread] = field(default_factory=list)

    @property
    def entering(self) -> list[ProposalRow]:
        return [r for r in self.rows if r.in_proposal and not r.in_ranking]

    @property
    def leaving(self) -> list[ProposalRow]:
        return [r for r in self.rows if r.in_ranking and not r.in_proposal]

    @property
    def chosen(self) -> list[ProposalRow]:
        return [r for r in self.rows if r.in_proposal]

    @property
    def ranking_total(self) -> float:
        return sum(r.score for r in self.rows if r.in_ranking)

    @property
    def proposal_total(self) -> float:
        return sum(r.score for r in self.rows if r.in_proposal)

    @property
    def score_lost(self) -> float:
        """Total panel score the balance costs (0 when the proposal is the ranking)."""
        return self.ranking_total - self.proposal_total

    @property
    def ranking_mean(self) -> float | None:
        n = sum(1 for r in self.rows if r.in_ranking)
        return self.ranking_total / n if n else None

    @property
    def proposal_mean(self) -> float | None:
        n = sum(1 for r in self.rows if r.in_proposal)
        return self.proposal_total / n if n else None

    @property
    def mean_lost(self) -> float:
        if self.ranking_mean is None or self.proposal_mean is None:
            return 0.0
        return self.ranking_mean - self.proposal_mean

    @property
    def rule_texts(self) -> list[str]:
        return rule_texts(self.rules)

    @property
    def shortfall_texts(self) -> list[str]:
        return [shortfall_text(s, self.rules) for s in self.proposal.shortfalls]

    @property
    def ranking_shortfall_texts(self) -> list[str]:
        return [shortfall_text(s, self.rules) for s in self.ranking_shortfalls]

    @property
    def relaxed_texts(self) -> list[str]:
        return [relaxed_labels()[rule] for rule in self.proposal.relaxed]

    def reasons(self) -> dict[int, str]:
        """The pre-filled reason of every departure, by candidate id."""
        return {r.candidate_id: r.reason for r in self.rows if r.in_ranking != r.in_proposal}

    def signed(self) -> str:
        return sign_proposal(self)


def relaxed_labels() -> dict[str, str]:
    """Each relaxable rule family as the page names it (translated when asked)."""
    return {
        equity.SHARE: _("bagian kota/kabupaten"),
        equity.MAX_PER_PROVINCE: _("batas per provinsi"),
        equity.MIN_PER_ISLAND_GROUP: _("minimum per kelompok pulau"),
    }


def rule_texts(rules: equity.Rules) -> list[str]:
    """The rules in force, as the page and the reasons write them."""
    texts = []
    if rules.max_per_province is not None:
        texts.append(_("paling banyak %(n)s per provinsi") % {"n": rules.max_per_province})
    if rules.min_per_island_group:
        texts.append(
            _("paling sedikit %(n)s per kelompok pulau") % {"n": rules.min_per_island_group}
        )
    if rules.min_kota_percent:
        texts.append(_("paling sedikit %(n)s%% kuota untuk kota") % {"n": rules.min_kota_percent})
    if rules.min_kabupaten_percent:
        texts.append(
            _("paling sedikit %(n)s%% kuota untuk kabupaten") % {"n": rules.min_kabupaten_percent}
        )
    if rules.min_score is not None:
        texts.append(
            _("tidak menarik masuk daerah dengan skor di bawah %(s)s")
            % {"s": f"{rules.min_score:.2f}".replace(".", ",")}
        )
    return texts


def _where(shortfall: equity.Shortfall, names: dict[str, str] | None = None) -> str:
    names = names or {}
    labels = dict(IslandGroup.choices)
    return ", ".join(names.get(w) or str(labels.get(w, w)) for w in shortfall.where)


def shortfall_text(shortfall: equity.Shortfall, rules: equity.Rules, names=None) -> str:
    """One unmet rule and by how many places, in a sentence for staff."""
    where = _where(shortfall, names)
    if shortfall.rule == equity.MAX_PER_PROVINCE:
        return _(
            "Paling banyak %(n)s per provinsi tidak terpenuhi: lebih %(k)s daerah (%(where)s)."
        ) % {"n": rules.max_per_province, "k": shortfall.amount, "where": where}
    if shortfall.rule == equity.MIN_PER_ISLAND_GROUP:
        return _(
            "Paling sedikit %(n)s per kelompok pulau tidak terpenuhi: kurang %(k)s daerah "
            "(%(where)s)."
        ) % {"n": rules.min_per_island_group, "k": shortfall.amount, "where": where}
    percent = (
        rules.min_kota_percent if shortfall.rule == equity.MIN_KOTA else rules.min_kabupaten_percent
    )
    return _(
        "Paling sedikit %(p)s%% kuota untuk %(kind)s (%(need)s daerah) tidak terpenuhi: "
        "kurang %(k)s daerah."
    ) % {"p": percent, "kind": where, "need": shortfall.required, "k": shortfall.amount}


def _reason(codes: tuple[str, ...], item: ProposalRow, rules: equity.Rules, entering: bool) -> str:
    parts = []
    for rule in codes:
        if rule == equity.MAX_PER_PROVINCE:
            text = _("paling banyak %(n)s per provinsi") % {"n": rules.max_per_province}
            if not entering:
                text += f" ({item.province_name})"
        elif rule == equity.MIN_PER_ISLAND_GROUP:
            text = _("paling sedikit %(n)s per kelompok pulau") % {"n": rules.min_per_island_group}
            if entering and item.island is not None:
                text += f" ({item.island.label})"
        elif rule == equity.MIN_KOTA:
            text = _("paling sedikit %(n)s%% kuota untuk kota") % {"n": rules.min_kota_percent}
        else:
            text = _("paling sedikit %(n)s%% kuota untuk kabupaten") % {
                "n": rules.min_kabupaten_percent
            }
        parts.append(text)
    if not parts:
        parts.append(_("usulan seimbang"))
    return _("pemerataan: %(rules)s") % {"rules": "; ".join(parts)}


def cohort_proposal(
    *, cohort: Cohort, rules: equity.Rules | None = None, quota: int | None = None
) -> Comparison:
    """The cohort's balanced proposal beside its pure ranking, under its own equity rules (or
    `rules`) for its `quota_selected` places (or `quota`).

    Only candidates with a complete panel may be selected (as `selection_make` requires), so
    they alone are ranked against each other here; their rank is the panel ranking's. Four
    queries: the three of `cohort_results` and one for the regions' provinces and kinds.
    """
    if rules is None:
        rules = rules_from(equity_rules_of(cohort))
    quota = cohort.quota_selected if quota is None else quota
    results = cohort_results(cohort=cohort, normalise=False)
    ranked = [r for r in results if r.rank is not None]
    eligible = [r for r in ranked if r.panel_complete]
    places = {
        pk: (kind, province_code or "", province_name or "")
        for pk, kind, province_code, province_name in Candidate.objects.filter(
            cohort=cohort
        ).values_list("id", "region__kind", "region__province__code", "region__province__name")
    }
    inputs = []
    for r in eligible:
        kind, province_code, _name = places[r.candidate.pk]
        group = island_group(r.region.code)
        inputs.append(
            equity.Candidate(
                code=r.region.code,
                province=province_code,
                island_group=group.value if group else None,
                kind=kind,
                score=r.mean,
                rank=r.rank,
            )
        )
    proposal = equity.propose(inputs, rules, quota=quota)
    in_ranking, in_proposal = set(proposal.ranking), set(proposal.chosen)
    rows = []
    for r in eligible:
        kind, province_code, province_name = places[r.candidate.pk]
        item = ProposalRow(
            row=r,
            province_code=province_code,
            province_name=province_name,
            kind=kind,
            island=island_group(r.region.code),
            in_ranking=r.region.code in in_ranking,
            in_proposal=r.region.code in in_proposal,
        )
        if item.in_ranking != item.in_proposal:
            item.reason = _reason(
                proposal.why.get(item.code, ()), item, rules, entering=item.in_proposal
            )
        rows.append(item)
    comparison = Comparison(
        cohort=cohort,
        rules=rules,
        quota=proposal.quota,
        proposal=proposal,
        rows=rows,
        unready=len(ranked) - len(eligible),
        ranking_shortfalls=equity.violations(inputs, proposal.ranking, rules, quota=proposal.quota),
    )
    comparison.islands, comparison.provinces = _spreads(rows)
    return comparison


def _spreads(rows: list[ProposalRow]) -> tuple[list[Spread], list[Spread]]:
    islands = {g.value: Spread(g.value, g.label) for g in IslandGroup}
    provinces: dict[str, Spread] = {}
    for r in rows:
        spreads = [provinces.setdefault(r.province_code, Spread(r.province_code, r.province_name))]
        if r.island is not None:
            spreads.append(islands[r.island.value])
        for spread in spreads:
            spread.assessed += 1
            spread.ranking += r.in_ranking
            spread.proposal += r.in_proposal
    return list(islands.values()), [provinces[k] for k in sorted(provinces)]


# --- the proposal handed to the selection form -------------------------------------------------


def sign_proposal(comparison: Comparison) -> str:
    """The rules and the proposal (candidate ids) as a signed token for the selection form."""
    return signing.dumps(
        {
            "cohort": comparison.cohort.year,
            "quota": comparison.quota,
            "rules": comparison.rules.as_dict(),
            "chosen": sorted(r.candidate_id for r in comparison.chosen),
            "feasible": comparison.proposal.feasible,
            "relaxed": list(comparison.proposal.relaxed),
        },
        salt=SIGNING_SALT,
        compress=True,
    )


def unsign_proposal(token: str, *, cohort: Cohort) -> dict:
    """The proposal a selection form carried; `signing.BadSignature` when it was altered or
    belongs to another cohort."""
    payload = signing.loads(token, salt=SIGNING_SALT)
    if payload.get("cohort") != cohort.year:
        raise signing.BadSignature("proposal of another cohort")
    return payload
