"""The spec of a synthetic site: its roles, their details and comparisons, built from a seed."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain
from typing import Any

from careerscrape.testing.sitegen.vocabulary import (
    CITIES,
    COLLEGES,
    COMPANIES,
    DEGREES,
    FIELDS,
    GENERIC_SKILLS,
    INDUSTRIES,
    MAJORS,
    PARTNERS,
    QUALIFIERS,
    RACES,
    RESPONSIBILITIES,
    SKILL_EXAMPLES,
    SOFT_EXAMPLES,
    SOFT_SKILLS,
    SYSTEMS,
    TITLES,
    TRAITS,
    YEARS,
    article,
    cap,
    plural,
    prose_skill,
    role_path,
    slugify,
    title_case,
)
from careerscrape.testing.sitegen.wordings import _SECTIONS

# -- the spec ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    """What the whole site agrees on about one role (texts are in :class:`RoleDetails`)."""

    index: int
    name: str  # "senior payroll coordinator": the words, lower-case
    slug: str
    field: int  # index into FIELDS
    title: int  # index into TITLES
    salary: int
    vocab: tuple[str, ...]  # ten skills, lower-case; the first six are shown with shares
    updated: date

    @property
    def plural(self) -> str:
        return plural(self.name)

    @property
    def an(self) -> str:
        """ "a senior payroll coordinator" / "an executive ..." """
        return f"{article(self.name)} {self.name}"

    @property
    def path(self) -> str:
        return role_path(self.slug)

    @property
    def category(self) -> str:
        return FIELDS[self.field][1]

    @property
    def hourly(self) -> float:
        return round(self.salary / 2080, 2)


@dataclass(frozen=True, slots=True)
class RoleDetails:
    """The rest of a role, drawn on demand from the role's own random stream."""

    summary: str
    responsibilities: tuple[str, ...]
    skills: tuple[tuple[str, float, str], ...]  # (display name, percent, resume example)
    soft_skills: tuple[tuple[str, str, str], ...]  # (name, description, example)
    soft_wordings: tuple[int, ...]
    reading_minutes: int
    growth: float | None
    jobs: int
    satisfaction: float | None
    degree: tuple[str, float]
    age: int
    experience: int | None
    salary_range: tuple[int, int]
    city: str
    state: str
    company: str
    industry: str  # "Health Care": the best paying industry
    industry_salary: int
    major: str
    college: str
    gender: tuple[tuple[str, float], ...]
    race: tuple[tuple[str, float], ...]
    lgbt: float
    years: tuple[int, int]
    masters: float  # share of resumes with a master's degree, percent
    doctoral: float
    types: tuple[str, ...]

    def stats(self, role: Role) -> dict[str, Any]:
        """The RoleStats of this role, as every comparison page shows it."""
        return {
            "role": title_case(role.name),
            "role_slug": role.slug,
            "description": self.summary,
            "years_to_become": {"min": self.years[0], "max": self.years[1]},
            "top_skills": [s.lower() for s, _, _ in self.skills[:3]],
            "yearly_salary": role.salary,
            "hourly_rate": role.hourly,
            "growth_rate": self.growth,
            "number_of_jobs": self.jobs,
            "job_satisfaction": self.satisfaction,
            "most_common_degree": {"name": self.degree[0], "percent": self.degree[1]},
            "average_age": self.age,
            "years_of_experience": self.experience,
            "salary_range": {"min": self.salary_range[0], "max": self.salary_range[1]},
            "highest_paying_city": self.city,
            "highest_paying_state": self.state,
            "best_paying_company": self.company,
            "best_paying_industry": self.industry,
            "most_common_major": self.major,
            "most_common_college": self.college,
            "gender": [{"name": n, "percent": p} for n, p in self.gender],
            "race": [{"name": n, "percent": p} for n, p in self.race],
            "lgbt_percent": self.lgbt,
            "responsibilities": list(self.responsibilities[:6]),
            "skills": [{"name": n, "percent": p} for n, p, _ in self.skills],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """The page ``/<a>-jobs/<a>-vs-<b>-differences/`` and the matching section of a's page."""

    a: int
    b: int
    section: int  # which "<a> vs. <b>" wording the role page uses (index into _SECTIONS)
    intro: int  # which years/salary wording the comparison page opens with


# -- building the spec --------------------------------------------------------------------------


def _plan(n_pages: int) -> int:
    """How many role pages a site of ``n_pages`` has (the rest are comparison pages)."""
    roles = max(1, math.ceil(n_pages / 4.5))
    while n_pages - roles > roles * min(4, roles - 1):
        roles += 1
    return roles


def _names(rng: random.Random, count: int) -> list[tuple[int, int, int]]:
    """``count`` distinct (qualifier, field, title) triples, in random order."""
    total = len(QUALIFIERS) * len(FIELDS) * len(TITLES)
    if count > total:
        raise ValueError(f"at most {total} distinct roles can be named; {count} asked")
    picked = rng.sample(range(total), count)
    per_q = len(FIELDS) * len(TITLES)
    return [(i // per_q, (i % per_q) // len(TITLES), i % len(TITLES)) for i in picked]


def _vocab(rng: random.Random, field: int, title: int) -> tuple[str, ...]:
    field_skills = rng.sample(FIELDS[field][3], 3)
    title_skills = list(TITLES[title][2])
    rng.shuffle(title_skills)
    chosen = [*field_skills[:2], title_skills[0], field_skills[2], title_skills[1]]
    for skill in rng.sample(GENERIC_SKILLS, 12):
        if len(chosen) == 9:
            break
        if skill not in chosen:
            chosen.append(skill)
    chosen.append(title_skills[2])
    return tuple(chosen)


def _distinct(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Each side has at least two skills of its own (the site lists 2-4 per side)."""
    only_a = sum(1 for s in a if s not in b)
    only_b = sum(1 for s in b if s not in a)
    return only_a >= 2 and only_b >= 2


def _build(n_pages: int, seed: int) -> tuple[list[Role], list[list[Comparison]]]:
    rng = random.Random(f"careerscrape-site:{seed}")
    count = _plan(n_pages)
    triples = sorted(
        _names(rng, count), key=lambda t: (t[1], t[2], t[0])
    )  # neighbours share a field
    roles: list[Role] = []
    used_salaries: set[int] = set()
    start = date(2023, 1, 2)
    for index, (q, f, t) in enumerate(triples):
        name = f"{QUALIFIERS[q][0]} {FIELDS[f][0]} {TITLES[t][0]}"
        salary = round(TITLES[t][1] * QUALIFIERS[q][1] * FIELDS[f][2] * rng.uniform(0.88, 1.12))
        while salary in used_salaries:  # distinct salaries: no comparison says "$0 lower"
            salary += 1
        used_salaries.add(salary)
        # Skills distinct enough from the ring neighbours (on a small site, from everyone),
        # so that every pair the site may compare has 2+ skills of its own on each side.
        if count <= 8:
            neighbours = [r.vocab for r in roles]
        else:
            neighbours = [roles[-1].vocab] if roles else []
            if index == count - 1:
                neighbours.append(roles[0].vocab)
        vocab = _vocab(rng, f, t)
        while not all(_distinct(vocab, other) for other in neighbours):
            vocab = _vocab(rng, f, t)
        roles.append(Role(
            index=index, name=name, slug=slugify(name), field=f, title=t, salary=salary,
            vocab=vocab, updated=start + timedelta(days=rng.randrange(900)),
        ))  # fmt: skip
    # How many comparisons each role page has: 3-4 (fewer only on tiny sites).
    total = n_pages - count
    per_role = [total // count] * count if count else []
    for i in rng.sample(range(count), total % count if count else 0):
        per_role[i] += 1
    by_field: dict[int, list[int]] = {}
    by_title: dict[int, list[int]] = {}
    for role in roles:
        by_field.setdefault(role.field, []).append(role.index)
        by_title.setdefault(role.title, []).append(role.index)
    comparisons: list[list[Comparison]] = []
    for role, wanted in zip(roles, per_role, strict=True):
        others: list[int] = []
        ring = (role.index + 1) % count  # a ring through every role keeps the site connected
        candidates = [ring] if ring != role.index else []
        related = by_field[role.field] + by_title[role.title]
        candidates += rng.sample(related, min(len(related), 12))
        candidates += rng.sample(range(count), min(count, 12))
        for other in chain(candidates, range(count)):  # the range: tiny sites take whoever is left
            if len(others) == wanted:
                break
            if (
                other != role.index
                and other not in others
                and _distinct(role.vocab, roles[other].vocab)
            ):
                others.append(other)
        if len(others) < wanted:  # pragma: no cover - ring neighbours always qualify
            raise AssertionError(f"no comparisons left for {role.name}")
        comparisons.append([
            Comparison(role.index, other, rng.randrange(len(_SECTIONS)), rng.randrange(3))
            for other in others
        ])  # fmt: skip
    return roles, comparisons


def _details(seed: int, role: Role) -> RoleDetails:
    rng = random.Random(f"careerscrape-role:{seed}:{role.index}")
    field_name, category, _, _ = FIELDS[role.field]
    title, _, _, duties, degree_kind = TITLES[role.title]
    titles = plural(title)
    system = rng.choice(SYSTEMS)

    def fill(template: str, skill: str = "") -> str:
        return template.format(
            field=field_name, skill=skill, system=system, titles=titles,
            n=rng.randrange(3, 60), p=rng.randrange(8, 45), q=rng.randrange(90, 100),
            a=rng.randrange(70, 85), b=rng.randrange(88, 100), k=rng.randrange(20, 400),
        )  # fmt: skip

    filled = [d.format(field=field_name) for d in duties]
    partners = rng.sample(PARTNERS, 2)
    traits = rng.sample(TRAITS, 2)
    opening = rng.randrange(3)
    if opening == 0:
        first = f"{cap(role.an)} is responsible for {filled[0]}, {filled[1]}, and {filled[2]}."
    elif opening == 1:
        first = (f"{cap(role.plural)} are in charge of {filled[0]} and {filled[1]}, "
                 f"as well as {filled[2]}.")  # fmt: skip
    else:
        first = (f"{cap(role.an)} is primarily in charge of {filled[0]}. It is their duty to "
                 f"handle {filled[1]} and {filled[2]}.")  # fmt: skip
    summary = (
        f"{first} {cap(role.plural)} work closely with {partners[0]} and {partners[1]} to make "
        f"sure that {field_name} tasks are completed accurately and on time. They also take care "
        f"of {filled[3]}, prepare reports for management, and help train new team members. "
        f"{cap(role.an)} needs strong {traits[0]} and {traits[1]} abilities to succeed in this "
        "role."
    )
    responsibilities = tuple(
        fill(t, prose_skill(rng.choice(role.vocab)))
        for t in rng.sample(RESPONSIBILITIES, rng.randrange(8, 16))
    )
    top = rng.randrange(8, 21)
    shares = sorted([top, *(rng.randrange(2, top + 1) for _ in range(5))], reverse=True)
    skills = tuple(
        (title_case(s), float(p), fill(rng.choice(SKILL_EXAMPLES), prose_skill(s)))
        for s, p in zip(role.vocab[:6], shares, strict=True)
    )
    soft = rng.sample(SOFT_SKILLS, rng.randrange(3, 6))
    soft_skills = tuple(
        (name, desc.format(titles=titles), fill(rng.choice(SOFT_EXAMPLES))) for name, desc in soft
    )
    degree_name, lo, hi = DEGREES[degree_kind]
    male = rng.randrange(150, 860)
    others = [rng.randrange(50, 160), rng.randrange(30, 90), rng.randrange(100, 260),
              rng.randrange(30, 120), 0, rng.randrange(3, 13)]  # fmt: skip
    others[4] = 1000 - sum(others)
    city, state = rng.choice(CITIES)
    industry = rng.choice(INDUSTRIES)
    low = round(role.salary * rng.uniform(0.62, 0.75) / 1000) * 1000
    high = round(role.salary * rng.uniform(1.3, 1.6) / 1000) * 1000
    years = YEARS[min(len(YEARS) - 1, rng.randrange(0, 3) + (1 if degree_kind in "bama" else 0))]
    return RoleDetails(
        summary=summary,
        responsibilities=responsibilities,
        skills=skills,
        soft_skills=soft_skills,
        soft_wordings=_soft_order(rng, len(soft_skills)),
        reading_minutes=rng.randrange(4, 13),
        growth=None if rng.random() < 0.08 else float(rng.randrange(-6, 16)),
        jobs=rng.randrange(4000, 420000),
        satisfaction=None if rng.random() < 0.35 else rng.choice((3.0, 3.5, 4.0, 4.5, 5.0)),
        degree=(degree_name, float(rng.randrange(lo, hi))),
        age=rng.randrange(29, 53),
        experience=None if rng.random() < 0.06 else rng.randrange(1, 9),
        salary_range=(low, high),
        city=city,
        state=state if rng.random() < 0.8 else rng.choice(CITIES)[1],
        company=rng.choice(COMPANIES),
        industry=industry,
        industry_salary=round(role.salary * rng.uniform(1.02, 1.22)),
        major=rng.choice(MAJORS[category]),
        college=rng.choice(COLLEGES),
        gender=(("Male", male / 10), ("Female", (1000 - male) / 10)),
        race=tuple((name, tenths / 10) for name, tenths in zip(RACES, others, strict=True)),
        lgbt=float(rng.randrange(4, 15)),
        years=years,
        masters=rng.randrange(15, 300) / 10,
        doctoral=rng.randrange(1, 45) / 10,
        types=tuple(f"{cap(q)} {field_name} {title}" for q, _ in rng.sample(QUALIFIERS, 3)),
    )


def _soft_order(rng: random.Random, count: int) -> tuple[int, ...]:
    """Distinct soft-skill wordings: an opener first, "Another ..." later, "Lastly" last."""
    first = rng.choice((0, 2, 4, 5))
    rest = [w for w in (1, 2, 3, 4, 5) if w != first]
    rng.shuffle(rest)
    order = [first, *rest[: count - 1]]
    if count > 1 and rng.random() < 0.5:
        order[-1] = 6
    return tuple(order)
