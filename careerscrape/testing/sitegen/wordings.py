"""The site's wordings: the sentences of a role page's comparison sections, with their records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from careerscrape.testing.sitegen.vocabulary import _list_text, _money, cap

if TYPE_CHECKING:
    from careerscrape.testing.sitegen.spec import Role, RoleDetails


# -- role page comparison sections: the site's wordings ------------------------------------------
#
# Each builder returns the section's paragraphs (the first is the other role's
# description; each paragraph is a list of chunks: runs of sentences that the
# Next.js markup glues together and the plain markup puts in <span>s) and the
# figures the wording states, which are what the parser must read.


@dataclass(frozen=True)
class _Pair:
    a: Role
    b: Role
    da: RoleDetails
    db: RoleDetails

    @property
    def difference(self) -> int:
        return self.b.salary - self.a.salary

    @property
    def direction(self) -> str:
        return "higher" if self.difference > 0 else "lower"

    @property
    def gap(self) -> str:
        return _money(abs(self.difference))

    @cached_property
    def shared(self) -> list[str]:
        return [s for s in self.a.vocab if s in self.b.vocab][:3]

    @cached_property
    def a_only(self) -> list[str]:
        return [s for s in self.a.vocab if s not in self.b.vocab][:4]

    @cached_property
    def b_only(self) -> list[str]:
        return [s for s in self.b.vocab if s not in self.a.vocab][:4]

    def degree(self, which: str) -> float:
        value = round(getattr(self.db, which) - getattr(self.da, which), 1)
        return value + 0.0  # no -0.0

    def likely(self, which: str) -> str:
        """ "2.1% less likely" for the B-minus-A difference of ``which``."""
        value = self.degree(which)
        return f"{abs(value):.1f}% {'more' if value >= 0 else 'less'} likely"

    @property
    def education_level(self) -> str:
        total = self.degree("masters") + self.degree("doctoral")
        return "higher" if total > 2 else "lower" if total < -2 else "similar"


def _industry(details: RoleDetails, with_salary: bool = True) -> dict[str, Any]:
    return {"industry": details.industry.lower(),
            "salary": details.industry_salary if with_salary else None}  # fmt: skip


def _section_paid(p: _Pair) -> tuple[list[list[str]], dict[str, Any]]:
    """ "Generally speaking, team managers are paid $52,945 lower than ..." """
    a, b = p.a, p.b
    first = [
        f"We looked at the average {a.name} salary and compared it with the wages of {b.an}. "
        f"Generally speaking, {b.plural} are paid {p.gap} {p.direction} than {a.plural} per year."
    ]
    if len(p.shared) >= 2:
        first.append(
            "While the two careers have a salary gap, they share some of the same "
            f"responsibilities. Employees in both {a.name} and {b.name} positions are skilled in "
            f"{_list_text(p.shared, quoted=False)}."
        )
    second = [
        "These skill sets are where the common ground ends though. The responsibilities of "
        f'{a.an} are more likely to require skills like {_list_text(p.a_only, True)}." On the '
        f'other hand, a job as {b.an} requires skills like {_list_text(p.b_only, True)}." As '
        "you can see, what employees do in each career varies considerably."
    ]
    third = [
        f"The education levels that {b.plural} earn slightly differ from {a.plural}. In "
        f"particular, {b.plural} are {p.likely('masters')} to graduate with a Master's Degree "
        f"than {a.an}. Additionally, they're {p.likely('doctoral')} to earn a Doctoral Degree."
    ]
    return [first, second, third], {"role_top_industry": None, "other_top_industry": None}


def _section_earn(p: _Pair) -> tuple[list[list[str]], dict[str, Any]]:
    """ "On average, support managers earn a $44,665 lower salary than ..." """
    a, b = p.a, p.b
    first = [f"On average, {b.plural} earn a {p.gap} {p.direction} salary than {a.plural} a year."]
    if len(p.shared) >= 2:
        first.append(
            "Only some things about these jobs are the same. Take their skills, for example. "
            f"{cap(a.plural)} and {b.plural} both require similar skills like "
            f'{_list_text(p.shared, True)}" to carry out their responsibilities.'
        )
    second = [
        "While some skills are similar in these professions, other skills aren't so similar. "
        f"For example, resumes show us that {a.name} responsibilities requires skills like "
        f'{_list_text(p.a_only, True)}." But {b.an} might use other skills in their typical '
        f'duties, such as, {_list_text(p.b_only, True)}."'
    ]
    third = [
        f"On average, {b.plural} earn a {p.direction} salary than {a.plural}. Some industries "
        f"support higher salaries in each profession. Interestingly enough, {b.plural} earn the "
        f"most pay in the {p.db.industry.lower()} industry with an average salary of "
        f"{_money(p.db.industry_salary)}. Whereas {a.plural} have higher pay in the "
        f"{p.da.industry.lower()} industry, with an average salary of "
        f"{_money(p.da.industry_salary)}.",
        "Average education levels between the two professions vary. "
        f"{cap(b.plural)} tend to reach {p.education_level} levels of education than "
        f"{a.plural}. In fact, they're {p.likely('masters')} to graduate with a Master's Degree "
        f"and {p.likely('doctoral')} to earn a Doctoral Degree.",
    ]
    return [first, second, third], {
        "role_top_industry": _industry(p.da),
        "other_top_industry": _industry(p.db),
    }


def _section_difference(p: _Pair) -> tuple[list[list[str]], dict[str, Any]]:
    """ "... The difference in salaries amounts to ... earning a $93,781 lower average salary" """
    a, b = p.a, p.b
    first = [
        f"An average {b.name} earns a {p.direction} salary compared to the average salary of "
        f"{a.plural}. The difference in salaries amounts to {b.plural} earning a {p.gap} "
        f"{p.direction} average salary than {a.plural}."
    ]
    if len(p.shared) >= 2:
        first.append(
            f"Using the responsibilities included on {a.plural} and {b.plural} resumes, we found "
            "that both professions have similar skill requirements, such as "
            f'{_list_text(p.shared, True)}."'
        )
    second = [
        "Some important key differences between the two careers include a few of the skills "
        "necessary to fulfill the responsibilities of each. Some examples from "
        f'{a.name} resumes include skills like {_list_text(p.a_only, True)}," whereas '
        f'{b.an} is more likely to list skills in {_list_text(p.b_only, True)}. "'
    ]
    third = [
        f"{cap(b.plural)} earn the best pay in the {p.db.industry.lower()} industry, where they "
        f"command an average salary of {_money(p.db.industry_salary)}. {cap(a.plural)} earn the "
        f"highest pay from the {p.da.industry.lower()} industry, with an average salary of "
        f"{_money(p.da.industry_salary)}.",
        f"When it comes to education, {b.plural} tend to earn {p.education_level} degree levels "
        f"compared to {a.plural}. In fact, they're {p.likely('masters')} to earn a Master's "
        f"Degree, and {p.likely('doctoral')} to graduate with a Doctoral Degree.",
    ]
    return [first, second, third], {
        "role_top_industry": _industry(p.da),
        "other_top_industry": _industry(p.db),
    }


def _section_average(p: _Pair) -> tuple[list[list[str]], dict[str, Any]]:
    """ "Directors average a lower salary than ... The difference is about $21,473 per year." """
    a, b = p.a, p.b
    chunks = [
        f"{cap(b.plural)} average a {p.direction} salary than the annual salary of {a.plural}. "
        f"The difference is about {p.gap} per year."
    ]
    if len(p.shared) >= 2:
        chunks.append(
            f"According to resumes from {a.plural} and {b.plural}, some of the skills necessary "
            "to complete the responsibilities of each role are similar. These skills include "
            f'{_list_text(p.shared, True)}. "'
        )
    chunks += [
        "While some skills are required in each profession\u2019s responsibilities, there are "
        f'some differences to note. {_list_text(p.a_only, True)}" are skills that commonly show '
        f"up on {a.name} resumes. On the other hand, {b.plural} use skills like "
        f"{_list_text(p.b_only, False)} on their resumes.",
        f"The {p.db.industry.lower()} industry tends to pay the highest salaries for "
        f"{b.plural}, with average annual pay of {_money(p.db.industry_salary)}. Comparatively, "
        f"the highest {a.name} annual salary comes from the {p.da.industry.lower()} industry.",
        f"In general, {b.plural} hold {p.education_level} degree levels compared to {a.plural}. "
        f"{cap(b.plural)} are {p.likely('masters')} to earn their Master's Degree and "
        f"{p.likely('doctoral')} to graduate with a Doctoral Degree.",
    ]
    return [chunks], {
        "role_top_industry": _industry(p.da, with_salary=False),
        "other_top_industry": _industry(p.db),
    }


def _section_uses(p: _Pair) -> tuple[list[list[str]], dict[str, Any]]:
    """The older one-paragraph wording: "A X uses skills like ... more often than a Y." """
    a, b = p.a, p.b
    chunks = [
        f"We looked at the average {a.name} salary and compared it with the wages of {b.an}. "
        f"Generally speaking, {b.plural} are paid {p.gap} {p.direction} than {a.plural} per year."
    ]
    if len(p.shared) >= 2:
        chunks.append(
            "While the two careers have a salary gap, they share some of the same "
            f"responsibilities. Employees in both {a.name} and {b.name} positions are skilled in "
            f"{_list_text(p.shared, quoted=False)}."
        )
    chunks.append(
        "There are many key differences between these careers, including some of the skills "
        f'each role requires. {cap(a.an)} uses skills like {_list_text(p.a_only, True)}" more '
        f"often than {b.an}. Meanwhile, {b.plural} are more likely to list "
        f'{_list_text(p.b_only, True)}" on their resumes.'
        f" {cap(b.plural)} earn the best pay in the {p.db.industry.lower()} industry, where they "
        f"command an average salary of {_money(p.db.industry_salary)}. {cap(a.plural)} earn the "
        f"highest pay from the {p.da.industry.lower()} industry, with an average salary of "
        f"{_money(p.da.industry_salary)}."
    )
    chunks.append(
        f"When it comes to education, {b.plural} tend to earn {p.education_level} degree levels "
        f"compared to {a.plural}. In fact, they're {p.likely('masters')} to earn a Master's "
        f"Degree, and {p.likely('doctoral')} to graduate with a Doctoral Degree."
    )
    return [chunks], {
        "role_top_industry": _industry(p.da),
        "other_top_industry": _industry(p.db),
    }


def _section_money(p: _Pair) -> tuple[list[list[str]], dict[str, Any]]:
    """ "... make the biggest average salary, $104,560, in the technology industry." """
    a, b = p.a, p.b
    chunks = [f"On average, {b.plural} earn a {p.gap} {p.direction} salary than {a.plural} a year."]
    if len(p.shared) >= 2:
        chunks.append(
            "Only some things about these jobs are the same. Take their skills, for example. "
            f"{cap(a.plural)} and {b.plural} both require similar skills like "
            f'{_list_text(p.shared, True)}" to carry out their responsibilities.'
        )
    chunks.append(
        "While some skills are similar in these professions, other skills aren't so similar. "
        f"For example, resumes show us that {a.name} responsibilities requires skills like "
        f'{_list_text(p.a_only, True)}." But {b.an} might use other skills in their typical '
        f'duties, such as, {_list_text(p.b_only, True)}."'
        f" {cap(b.plural)} tend to make the most money working in the "
        f"{p.db.industry.lower()} industry, where they earn an average salary of "
        f"{_money(p.db.industry_salary)}. In contrast, {a.plural} make the biggest average "
        f"salary, {_money(p.da.industry_salary)}, in the {p.da.industry.lower()} industry."
    )
    masters, doctoral = p.likely("masters"), p.likely("doctoral")
    chunks.append(
        f"In general, {b.plural} achieve {p.education_level} levels of education than "
        f"{a.plural}. They're {masters} to obtain a Master's Degree while being {doctoral} to "
        "earn a Doctoral Degree."
    )
    return [chunks], {
        "role_top_industry": _industry(p.da),
        "other_top_industry": _industry(p.db),
    }


_SECTIONS: tuple[Callable[[_Pair], tuple[list[list[str]], dict[str, Any]]], ...] = (
    _section_paid,
    _section_earn,
    _section_difference,
    _section_average,
    _section_uses,
    _section_money,
)

#: Soft skill paragraphs: (name, lower-case name, role, roles, description, example) -> text.
_SOFT_WORDINGS: tuple[str, ...] = (
    "One of the key soft skills for {an} to have is {lname}. You can see how this relates to "
    'what {roles} do because "{desc}" Additionally, {an} resume shows how {roles} use {lname}: '
    '"{example} "',
    "Another soft skill that's essential for fulfilling {role} duties is {lname}. The role "
    'rewards competence in this skill because "{desc}" According to {an} resume, here\'s how '
    '{roles} can utilize {lname} in their job responsibilities: "{example} "',
    '{role} responsibilities often require "{lname}." The duties that rely on this skill are '
    'shown by the fact that "{desc}" This resume example shows what {roles} do with {lname} on '
    'a typical day: "{example} "',
    'Another common skill required for {role} responsibilities is "{lname}." This skill comes '
    'up in the duties of {roles} all the time, as "{desc}" An excerpt from a real {role} resume '
    'shows how this skill is central to what {an} does: "{example} "',
    'Many {role} duties rely on {lname}. "{desc}" That is why {an} will need this skill often '
    "in their role. This resume example is just one of many ways {roles} are able to utilize "
    '{lname}: "{example} "',
    "To carry out their duties, the most important skill for {an} to have is {lname}. Their "
    'role and responsibilities require that "{desc}" {Roles} often use {lname} in their '
    'day-to-day job, as shown by this real resume: "{example} "',
    'Lastly, {roles} need to have "{lname}." Working as {an} often requires this skill because '
    '"{desc}" We found this example on {an} resume showing how this skill is used in the role: '
    '"{example} "',
)
