"""Sentence-level tests of prose.py: the site's own wordings and variants of them.

A is the page's role, B the other role; differences are B minus A.
"""

from __future__ import annotations

import pytest

from careerscrape.parsing import prose
from careerscrape.parsing.prose import A, B, RoleNames

CSD = "customer service director"
TEAM = RoleNames(CSD, "Team manager")
SUPPORT = RoleNames(CSD, "Support manager")
CARE = RoleNames(CSD, "Customer care manager")
DIRECTOR = RoleNames(CSD, "Director")
NURSES = RoleNames("registered nurse", "licensed practical nurse")

# -- role mentions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("customer service directors", {A}),
        ("a customer service director", {A}),
        ("Customer Service Director", {A}),
        ("a customer service director's resume", {A}),
        ("customer service directors’ demographics", {A}),
        ("Directors", {B}),
        ("a director", {B}),
        ("directors and customer service directors", {A, B}),
        ("customer service directors and directors", {A, B}),
        ("the directorship of a service", set()),
        ("customer service", set()),
    ],
)
def test_role_names_tell_a_longer_name_from_the_shorter_one(text: str, sides: set[str]) -> None:
    assert DIRECTOR.mentioned(text) == sides


def test_role_names_spans_drop_the_mention_inside_a_longer_one() -> None:
    assert DIRECTOR.spans("customer service directors and Directors earn") == [
        (0, 26, A),
        (31, 40, B),
    ]


WAITERS = RoleNames("Waiter/Busser", "host and cashier")


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("a waiter/busser", {A}),
        ("Waiters/bussers earn more", {A}),
        ("waiters and bussers", {A}),
        ("a waiter or busser", {A}),
        ("the waiter / busser's tables", {A}),
        ("hosts and cashiers", {B}),
        ("a host & cashier", {B}),
        ("host/cashier", {B}),
        ("both waiters/bussers and hosts and cashiers", {A, B}),
        ("a waiter", set()),  # a part of a name alone is not the name
        ("hosts greet guests", set()),
    ],
)
def test_compound_role_names_as_people_write_them(text: str, sides: set[str]) -> None:
    assert WAITERS.mentioned(text) == sides


@pytest.mark.parametrize(
    ("names", "text", "side"),
    [
        (WAITERS, "A host greets guests at the door.", B),  # a part of a compound name
        (WAITERS, "Bussers clear the tables.", A),
        (WAITERS, "Waiters clear tables and hosts seat guests.", None),  # both sides' parts
        (WAITERS, "They greet guests.", None),
        (WAITERS, "Hosts and cashiers greet guests; a waiter serves.", B),  # a full name wins
        (RoleNames("certified forklift driver", "warehouse clerk"), "Drivers move pallets.", A),
        (RoleNames("certified forklift driver", "forklift operator"), "A forklift moves.", None),
        (DIRECTOR, "A director leads.", B),
    ],
)
def test_side_of_reads_short_forms_only_when_they_name_one_side(
    names: RoleNames, text: str, side: str | None
) -> None:
    assert names.side_of(text) == side


def test_is_name_is_a_whole_line_naming_one_role() -> None:
    assert WAITERS.is_name("Waiter/Busser") == A
    assert WAITERS.is_name("Host And Cashier:") == B
    assert WAITERS.is_name("What does a waiter/busser do?") is None
    assert WAITERS.is_name("Waiter/Busser vs Host and Cashier") is None


def test_role_names_only() -> None:
    assert DIRECTOR.only("customer service directors earn more") == A
    assert DIRECTOR.only("directors earn more") == B
    assert DIRECTOR.only("both customer service directors and directors") is None
    assert DIRECTOR.only("they earn more") is None


@pytest.mark.parametrize(
    ("names", "text", "side"),
    [
        (RoleNames("secretary", "attorney"), "secretaries", A),
        (RoleNames("secretary", "attorney"), "attorneys", B),
        (RoleNames("coach", "boss"), "coaches", A),
        (RoleNames("coach", "boss"), "bosses", B),
        (RoleNames("line chef", "Line Cook/Dishwasher"), "line cook/dishwashers", B),
        (RoleNames("line chef", "Line Cook/Dishwasher"), "line chefs", A),
    ],
)
def test_role_names_plurals(names: RoleNames, text: str, side: str) -> None:
    assert names.mentioned(text) == {side}


# -- sentences --------------------------------------------------------------------------


def test_sentences_quote_closing_on_a_full_stop_ends_the_sentence() -> None:
    text = (
        'These skills include "project management," "process improvement," and "direct '
        'reports. "While some skills are required in each profession. Others differ.'
    )
    assert prose.sentence_texts(text) == [
        'These skills include "project management," "process improvement," and "direct reports. "',
        "While some skills are required in each profession.",
        "Others differ.",
    ]


def test_sentences_curly_quote_closing_on_a_full_stop() -> None:
    text = "such as “customer support.” Customer care managers differ."
    assert prose.sentence_texts(text) == [
        "such as “customer support.”",
        "Customer care managers differ.",
    ]


def test_sentences_full_stop_inside_quotes_ends_nothing() -> None:
    text = 'He said "it is fine. really fine" and left. Then more.'
    assert prose.sentence_texts(text) == [
        'He said "it is fine. really fine" and left.',
        "Then more.",
    ]


def test_sentences_split_run_ons_but_not_decimals() -> None:
    text = (
        "Team managers are paid $52,945 lower per year.While the two careers differ, "
        "errors fell to 5.3 sigma. Done"
    )
    assert prose.sentence_texts(text) == [
        "Team managers are paid $52,945 lower per year.",
        "While the two careers differ, errors fell to 5.3 sigma.",
        "Done",
    ]


def test_sentences_are_offsets_covering_the_text() -> None:
    text = "One. Two! Three?"
    bounds = list(prose.sentences(text))
    assert bounds == [(0, 5), (5, 10), (10, 16)]
    assert "".join(text[s:e] for s, e in bounds) == text


def test_quoted_spans() -> None:
    text = 'skills like "crm," and “service delivery.”'
    assert [text[s:e] for s, e in prose.quoted_spans(text)] == ['"crm,"', "“service delivery.”"]
    assert list(prose.quoted_spans('a "b" c')) == [(2, 5)]


def test_split_list() -> None:
    assert prose.split_list(
        "customer satisfaction, customer support and continuous improvement."
    ) == [
        "customer satisfaction",
        "customer support",
        "continuous improvement",
    ]
    assert prose.split_list("strong customer service, payroll, and customer satisfaction") == [
        "strong customer service",
        "payroll",
        "customer satisfaction",
    ]


# -- salary difference -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "text", "expected"),
    [
        pytest.param(
            TEAM,
            "We looked at the average customer service director salary and compared it with the "
            "wages of a team manager. Generally speaking, team managers are paid $52,945 lower "
            "than customer service directors per year.While the two careers have a salary gap, "
            "they share some of the same responsibilities.",
            -52945,
            id="paid-lower-than",
        ),
        pytest.param(
            SUPPORT,
            "On average, support managers earn a $44,665 lower salary than customer service "
            "directors a year.Only some things about these jobs are the same.",
            -44665,
            id="earn-a-lower-salary",
        ),
        pytest.param(
            CARE,
            "An average customer care manager eans a lower salary compared to the average salary "
            "of customer service directors. The difference in salaries amounts to customer care "
            "managers earning a $93,781 lower average salary than customer service directors.",
            -93781,
            id="earning-a-lower-average-salary",
        ),
        pytest.param(
            CARE,
            "The difference in salaries amounts to customer care managers earning a $93,781 lower "
            "average salary than customer service directors.",
            -93781,
            id="earning-alone",
        ),
        pytest.param(
            DIRECTOR,
            "Directors average a lower salary than the annual salary of customer service "
            "directors. The difference is about $21,473 per year.According to resumes from "
            "customer service directors and directors, some skills are similar.",
            -21473,
            id="difference-in-next-sentence",
        ),
        pytest.param(
            NURSES,
            "Generally speaking, licensed practical nurses are paid $12,340 higher than "
            "registered nurses per year.",
            12340,
            id="paid-higher-than",
        ),
        pytest.param(
            NURSES,
            "On average, licensed practical nurses earn a $5,210\u00a0higher salary than "
            "registered nurses a year.",
            5210,
            id="earn-a-higher-salary",
        ),
        pytest.param(
            NURSES,
            "Licensed practical nurses average a higher salary than the annual salary of "
            "registered nurses. The difference is about $8,000 per year.",
            8000,
            id="average-a-higher-salary",
        ),
        pytest.param(
            NURSES,
            "The difference in salaries amounts to licensed practical nurses earning a $19,870 "
            "higher average salary than registered nurses.",
            19870,
            id="earning-a-higher-average-salary",
        ),
        pytest.param(
            TEAM,
            "Customer service directors earn $5,000 more than team managers.",
            -5000,
            id="a-subject-more",
        ),
        pytest.param(
            TEAM,
            "Customer service directors are paid $5,000 less than team managers per year.",
            5000,
            id="a-subject-less",
        ),
        pytest.param(
            TEAM,
            "Team managers earn a $5K lower salary than customer service directors.",
            -5000,
            id="thousands-suffix",
        ),
        pytest.param(
            DIRECTOR,
            "Customer service directors earn $21,473 more than directors.",
            -21473,
            id="director-a-subject",
        ),
        pytest.param(
            DIRECTOR,
            "Directors earn $21,473 less than customer service directors.",
            -21473,
            id="director-b-subject",
        ),
    ],
)
def test_salary_difference(names: RoleNames, text: str, expected: int) -> None:
    assert prose.salary_difference(text, names) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Support managers earn the most pay in the finance industry with an average salary of "
        "$103,459.",
        "On average, support managers earn a lower salary than customer service directors.",
        "We looked at the average customer service director salary and compared it with the "
        "wages of a support manager.",
        "",
    ],
)
def test_salary_difference_none_without_a_stated_gap(text: str) -> None:
    assert prose.salary_difference(text, SUPPORT) is None


# -- education --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "text", "expected"),
    [
        pytest.param(
            TEAM,
            "In particular, team managers are 1.1% less likely to graduate with a Master's "
            "Degree than a customer service director. Additionally, they're 0.3% more likely to "
            "earn a Doctoral Degree.",
            {"master": -1.1, "doctor": 0.3},
            id="two-sentences",
        ),
        pytest.param(
            SUPPORT,
            "Support managers tend to reach similar levels of education than customer service "
            "directors. In fact, they're 2.1% less likely to graduate with a Master's Degree and "
            "0.3% more likely to earn a Doctoral Degree.",
            {"master": -2.1, "doctor": 0.3},
            id="one-sentence",
        ),
        pytest.param(
            CARE,
            "In fact, they're 1.2% more likely to earn a Master's Degree, and 0.2% more likely "
            "to graduate with a Doctoral Degree.",
            {"master": 1.2, "doctor": 0.2},
            id="both-more",
        ),
        pytest.param(
            DIRECTOR,
            "In general, directors hold higher degree levels compared to customer service "
            "directors. Directors are 7.2% more likely to earn their Master's Degree and 2.6% "
            "more likely to graduate with a Doctoral Degree.",
            {"master": 7.2, "doctor": 2.6},
            id="director-subject",
        ),
        pytest.param(
            TEAM,
            "Customer service directors are 2.5% more likely to earn a Master's Degree and 0.4% "
            "less likely to earn a Doctoral Degree than team managers.",
            {"master": -2.5, "doctor": 0.4},
            id="a-subject-inverted",
        ),
        pytest.param(
            TEAM,
            "They're 4.7% less likely to obtain a Master's Degree while being 0.3% less likely to "
            "earn a Doctoral Degree.",
            {"master": -4.7, "doctor": -0.3},
            id="both-less",
        ),
        pytest.param(TEAM, "Team managers have similar degrees.", {}, id="none"),
    ],
)
def test_degree_differences(names: RoleNames, text: str, expected: dict[str, float]) -> None:
    found = prose.degree_differences(text, names)
    assert found == pytest.approx(expected)
    assert set(found) == set(expected)


# -- industries -------------------------------------------------------------------------


def test_top_industries_both_with_salaries() -> None:
    text = (
        "Interestingly enough, support managers earn the most pay in the finance industry with "
        "an average salary of $103,459. Whereas customer service directors have higher pay in "
        "the health care industry, with an average salary of $138,169."
    )
    assert prose.top_industries(text, SUPPORT) == {
        B: ("finance", 103459),
        A: ("health care", 138169),
    }


def test_top_industries_salary_none_when_the_sentence_has_none() -> None:
    text = (
        "The finance industry tends to pay the highest salaries for directors, with average "
        "annual pay of $155,819. Comparatively, the highest customer service director annual "
        "salary comes from the health care industry."
    )
    assert prose.top_industries(text, DIRECTOR) == {
        B: ("finance", 155819),
        A: ("health care", None),
    }


def test_top_industries_take_each_salary_from_its_own_sentence() -> None:
    text = (
        "Customer care managers earn the best pay in the telecommunication industry, where they "
        "command an average salary of $41,062. Customer service directors earn the highest pay "
        "from the health care industry, with an average salary of $138,169."
    )
    assert prose.top_industries(text, CARE) == {
        B: ("telecommunication", 41062),
        A: ("health care", 138169),
    }


def test_top_industries_salary_named_before_the_industry() -> None:
    """The senior service manager page: 'make the biggest average salary, $N, in the X industry'."""
    names = RoleNames("senior service manager", "Service manager")
    text = (
        "Service managers tend to make the most money working in the automotive industry, where "
        "they earn an average salary of $72,415. In contrast, senior service managers make the "
        "biggest average salary, $104,560, in the technology industry."
    )
    assert prose.top_industries(text, names) == {
        B: ("automotive", 72415),
        A: ("technology", 104560),
    }


def test_top_industries_none_without_industry_sentences() -> None:
    assert (
        prose.top_industries("Team managers earn less than customer service directors.", TEAM) == {}
    )


# -- skill lists --------------------------------------------------------------------------


def test_skill_lists_unquoted_shared_and_quoted_per_role() -> None:
    paragraphs = [
        "While the two careers have a salary gap, they share some of the same responsibilities. "
        "Employees in both customer service director and team manager positions are skilled in "
        "customer satisfaction, continuous improvement, and project management.",
        "These skill sets are where the common ground ends though. The responsibilities of a "
        'customer service director are more likely to require skills like "customer support," '
        '"crm," "employee development," and "service delivery." On the other hand, a job as a '
        'team manager requires skills like "patients," "taking care," "leadership," and "hr." '
        "As you can see, what employees do in each career varies considerably.",
    ]
    assert prose.skill_lists(paragraphs, TEAM) == {
        "shared": ["customer satisfaction", "continuous improvement", "project management"],
        A: ["customer support", "crm", "employee development", "service delivery"],
        B: ["patients", "taking care", "leadership", "hr"],
    }


def test_skill_lists_shared_by_both() -> None:
    paragraphs = [
        "Take their skills, for example. Customer service directors and support managers both "
        'require similar skills like "customer support," "project management," and "process '
        'improvement" to carry out their responsibilities.',
        "For example, resumes show us that customer service director responsibilities requires "
        'skills like "customer satisfaction," "continuous improvement," "crm," and "employee '
        'development." But a support manager might use other skills in their typical duties, '
        'such as, "technical support," "powerpoint," "windows," and "support services."',
    ]
    assert prose.skill_lists(paragraphs, SUPPORT) == {
        "shared": ["customer support", "project management", "process improvement"],
        A: ["customer satisfaction", "continuous improvement", "crm", "employee development"],
        B: ["technical support", "powerpoint", "windows", "support services"],
    }


def test_skill_lists_owner_named_after_the_list_and_unquoted_with_trailing_clause() -> None:
    paragraph = (
        "According to resumes from customer service directors and directors, some of the skills "
        'are similar. These skills include "project management," "process improvement," and '
        '"direct reports. "While some skills are required in each profession’s responsibilities, '
        'there are some differences to note. "customer satisfaction," "customer support," '
        '"continuous improvement," and "crm" are skills that commonly show up on customer '
        "service director resumes. On the other hand, directors use skills like healthcare, "
        "customer service, oversight, and strategic plan on their resumes."
    )
    assert prose.skill_lists([paragraph], DIRECTOR) == {
        "shared": ["project management", "process improvement", "direct reports"],
        A: ["customer satisfaction", "customer support", "continuous improvement", "crm"],
        B: ["healthcare", "customer service", "oversight", "strategic plan"],
    }


def test_skill_lists_two_lists_in_one_sentence_curly_closing_quote() -> None:
    paragraphs = [
        "Using the responsibilities included on customer service directors and customer care "
        "managers resumes, we found that both professions have similar skill requirements, such "
        'as "customer satisfaction," "customer support," and "continuous improvement.”',
        'Some examples from customer service director resumes include skills like "employee '
        'development," "service delivery," "logistics," and "sales support," whereas a customer '
        'care manager is more likely to list skills in "patients," "home health," "social '
        'work," and "community resources. "',
    ]
    assert prose.skill_lists(paragraphs, CARE) == {
        "shared": ["customer satisfaction", "customer support", "continuous improvement"],
        A: ["employee development", "service delivery", "logistics", "sales support"],
        B: ["patients", "home health", "social work", "community resources"],
    }


def test_skill_lists_unquoted_for_one_role() -> None:
    paragraphs = ["Team managers are skilled in budgeting, coaching, and hr."]
    assert prose.skill_lists(paragraphs, TEAM) == {B: ["budgeting", "coaching", "hr"]}


def test_skill_lists_first_list_per_owner_wins_and_single_items_are_no_list() -> None:
    paragraphs = [
        'Team managers list "coaching" most.',
        'Team managers use skills like "hr," and "budgeting." Team managers also list "a," "b."',
    ]
    assert prose.skill_lists(paragraphs, TEAM) == {B: ["hr", "budgeting"]}


# -- years to become ----------------------------------------------------------------------


def test_years_to_become_both() -> None:
    names = RoleNames("customer service director", "customer service manager")
    text = (
        "Each job has different responsibilities and duties. It typically takes 4-6 years to "
        "become both a customer service director and a customer service manager. Additionally, "
        "a customer service director has an average salary of $134,962."
    )
    assert prose.years_to_become(text, names) == {A: (4, 6), B: (4, 6)}


def test_years_to_become_both_single_number() -> None:
    names = RoleNames("stocker", "lead stocker")
    text = "It typically takes 2 years to become both a stocker and a lead stocker."
    assert prose.years_to_become(text, names) == {A: (2, 2), B: (2, 2)}


def test_years_to_become_per_side_while_form() -> None:
    names = RoleNames("senior service manager", "customer service director")
    text = (
        "While it typically takes 6-8 years to become a senior service manager, becoming a "
        "customer service director takes usually requires 4-6 years."
    )
    assert prose.years_to_become(text, names) == {A: (6, 8), B: (4, 6)}


def test_years_to_become_per_side_while_form_b_first() -> None:
    names = RoleNames("line cook/dishwasher", "line chef")
    text = (
        "While it typically takes 4-6 years to become a line chef, becoming a line "
        "cook/dishwasher takes usually requires 2 to 4 years."
    )
    assert prose.years_to_become(text, names) == {B: (4, 6), A: (2, 4)}


def test_years_to_become_in_months_both() -> None:
    text = "It typically takes 6-12 months to become both a waiter/busser and a host and cashier."
    assert prose.years_to_become(text, WAITERS) == {A: (0.5, 1.0), B: (0.5, 1.0)}


def test_years_to_become_in_months_and_years_per_side() -> None:
    names = RoleNames("server assistant", "waiter or waitress")
    text = (
        "While it typically takes 3-6 months to become a server assistant, becoming a waiter "
        "or waitress takes usually requires 1-2 years."
    )
    assert prose.years_to_become(text, names) == {A: (0.25, 0.5), B: (1, 2)}


def test_years_to_become_none_without_the_sentence() -> None:
    names = RoleNames("stocker", "lead stocker")
    assert prose.years_to_become("Stockers have 2 years of experience.", names) == {}
    assert prose.years_to_become("", names) == {}
