"""A synthetic Zippia-style site: interlinked role and comparison pages with their records.

>>> site = generate_site(1000, seed=7)
>>> html = site.pages["/senior-payroll-coordinator-jobs/what-does-a-senior-payroll-coordinator-do/"]
>>> site.records["https://www.zippia.com/senior-payroll-coordinator-jobs/..."]  # expected record

Every page is a role page ("What does a X do?") or a comparison page ("X vs Y")
in the shapes, wordings and markups of the real site (modelled on
``fixtures/pages``), and ``Site.records`` holds the record the parser must
make of each one (``model_dump(mode="json")`` without ``fetched_at``,
``content_sha256`` and ``parser_version``). A site is deterministic for a
seed, and consistent: one role has one salary, one set of skills and so on
wherever it appears, so a catalog built from it has no conflicts.

The graph: each role page has 3-4 "<role> vs. <other>" sections, each linking
the comparison page ``/<role>-jobs/<role>-vs-<other>-differences/`` (the page
role first, as the site does), and each comparison page links both role
pages. Every role and comparison link points to a page of the site, and a
ring through all roles keeps the whole site reachable from any page.

Only a compact spec is built up front; pages and records are rendered on
demand (``Site.page(path)``; ``pages`` and ``records`` are lazy mappings), so
tens of thousands of pages cost seconds and little memory. No Scrapy here.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import random
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from itertools import chain
from typing import Any

__all__ = ["CANONICAL_ORIGIN", "Site", "generate_site", "sitemap_xml"]

CANONICAL_ORIGIN = "https://www.zippia.com"
#: The markups a site's pages take in turn by default: today's site.
MARKUPS = ("nextjs", "plain")
#: Every markup a page can be rendered in (see :meth:`Site.render`): today's two, two
#: drawn from fixed forms (a mobile web view, a text-first reader view) and "random".
ALL_MARKUPS = ("nextjs", "plain", "mobile", "reader", "random")

# -- word lists -------------------------------------------------------------------------

#: (qualifier, salary factor). None of these is also a title, so names never nest.
QUALIFIERS: tuple[tuple[str, float], ...] = (
    ("senior", 1.25), ("junior", 0.8), ("lead", 1.15), ("chief", 1.7), ("principal", 1.45),
    ("head", 1.5), ("deputy", 1.3), ("regional", 1.2), ("district", 1.15), ("corporate", 1.2),
    ("staff", 1.05), ("certified", 1.08), ("licensed", 1.1), ("bilingual", 1.05),
    ("remote", 1.0), ("field", 1.02), ("site", 1.0), ("night", 0.95), ("executive", 1.4),
    ("global", 1.35), ("national", 1.25), ("area", 1.1), ("clinical", 1.1),
    ("technical", 1.05), ("trainee", 0.72),
)  # fmt: skip

#: Short names of the "Browse <category> jobs" categories in the field table below.
_CATEGORIES = {
    "finance": "finance and accounting",
    "hr": "human resources",
    "office": "office and administrative",
    "media": "media and communication",
    "sports": "sports and recreation",
    "health": "health care",
    "mfg": "manufacturing",
    "biz": "business",
    "transport": "transportation",
}
#: field|category|salary factor|four field skills
_FIELD_TABLE = """
payroll|finance|0.95|payroll processing, adp, payroll taxes, timekeeping
benefits|hr|1|benefits administration, open enrollment, hris, cobra
recruiting|hr|1|applicant tracking, candidate sourcing, onboarding, talent acquisition
training|hr|0.98|curriculum development, instructional design, e-learning, needs analysis
accounts payable|finance|0.9|invoice processing, vendor payments, general ledger, three-way match
accounts receivable|finance|0.9|collections, cash application, aging reports, credit memos
billing|finance|0.88|medical billing, invoicing, cpt coding, claims submission
tax|finance|1.1|tax returns, tax compliance, sales tax, irs
audit|finance|1.1|internal controls, sox, risk assessment, audit planning
treasury|finance|1.2|cash management, bank reconciliations, liquidity planning, foreign exchange
credit|finance|1.05|credit analysis, underwriting, financial statements, loan origination
claims|insurance|0.92|claims processing, xactimate, liability claims, subrogation
insurance|insurance|0.95|policy renewals, underwriting, risk management, customer retention
logistics|transport|0.95|freight, supply chain, shipping, carrier management
warehouse|transport|0.8|forklift, inventory control, order picking, shipping
inventory|mfg|0.85|cycle counts, inventory control, stock replenishment, sap
procurement|biz|1.05|purchase orders, vendor management, contract negotiation, strategic sourcing
supply chain|biz|1.1|demand planning, s&op, supplier performance, erp
fleet|transport|0.9|fleet maintenance, dot regulations, vehicle inspections, telematics
dispatch|transport|0.82|cad, radio communications, route planning, emergency calls
customer service|office|0.85|customer satisfaction, customer support, call center, crm
front office|office|0.8|appointment scheduling, multi-line phones, data entry, patient check-in
records|office|0.82|records management, document control, filing, data entry
marketing|marketing|1.05|digital marketing, seo, social media, campaign management
sales|sales|1|sales pipeline, cold calling, salesforce, account management
retail|retail|0.75|merchandising, pos, loss prevention, visual displays
event|hospitality|0.9|event planning, vendor coordination, budget tracking, logistics
food service|hospitality|0.7|food safety, food preparation, sanitation, servsafe
kitchen|hospitality|0.72|menu planning, food safety, line cooking, kitchen equipment
housekeeping|hospitality|0.7|room inspections, laundry, guest services, sanitation
front desk|hospitality|0.72|guest check-in, reservations, opera pms, guest services
travel|hospitality|0.85|travel booking, sabre, itinerary planning, expense reports
nursing|health|1.1|patient care, bls, medication administration, patient safety
pharmacy|health|1.05|prescription processing, medication therapy, inventory control, hipaa
laboratory|science|0.95|lab equipment, specimen processing, quality control, lims
radiology|health|1.05|ct scans, radiation safety, patient positioning, pacs
dental|health|0.95|dental procedures, infection control, x-rays, patient scheduling
surgical|health|1.1|sterile technique, surgical instruments, operating room, patient safety
medical records|health|0.85|ehr, icd-10, hipaa, chart audits
patient access|health|0.85|insurance verification, patient registration, prior authorization, epic
case management|health|1|care coordination, discharge planning, utilization review, patient advocacy
clinical research|science|1.05|clinical trials, gcp, irb, data collection
behavioral health|health|0.9|crisis intervention, case notes, treatment planning, cbt
veterinary|health|0.8|animal care, surgical assistance, client education, vaccinations
fitness|sports|0.75|personal training, cpr, group fitness, nutrition
child care|education|0.7|early childhood education, lesson planning, classroom management, first aid
admissions|education|0.9|enrollment, student recruitment, crm, application review
financial aid|education|0.9|fafsa, student loans, verification, compliance
library|education|0.85|cataloging, reference services, circulation, digital archives
curriculum|education|0.95|lesson planning, instructional design, assessment, common core
software|technology|1.35|java, python, agile, git
network|technology|1.2|cisco, tcp/ip, vpn, firewalls
database|technology|1.25|sql, oracle, data modeling, performance tuning
security|technology|1.3|incident response, siem, vulnerability management, access control
help desk|technology|0.85|troubleshooting, active directory, ticketing system, windows
data|technology|1.25|sql, tableau, python, data visualization
web|technology|1.1|javascript, html, css, wordpress
quality assurance|mfg|1|quality control, iso, inspection, root cause analysis
production|mfg|0.9|lean manufacturing, production schedules, safety procedures, machine operation
maintenance|mfg|0.92|preventive maintenance, hvac, electrical systems, work orders
facilities|biz|1|facilities management, vendor contracts, building maintenance, space planning
safety|mfg|1.05|osha, safety training, incident investigation, hazard analysis
environmental|science|1|environmental compliance, epa, sampling, hazardous waste
construction|construction|1.05|blueprints, project scheduling, subcontractors, site safety
electrical|engineering|1.15|plc, autocad, electrical systems, troubleshooting
mechanical|engineering|1.15|solidworks, autocad, hvac, product design
property|real estate|0.95|lease administration, tenant relations, yardi, rent collection
real estate|real estate|1|property valuation, market analysis, mls, contract negotiation
legal|legal|1.1|legal research, litigation support, document review, westlaw
contracts|legal|1.1|contract negotiation, contract review, far, compliance
compliance|legal|1.15|regulatory compliance, policy development, risk assessment, aml
grants|biz|0.95|grant writing, grant management, budget tracking, reporting
communications|media|1|press releases, social media, content creation, media relations
content|media|0.95|copywriting, content strategy, seo, editing
loan|finance|0.95|loan processing, mortgage, underwriting, credit reports
banking|finance|0.9|cash handling, customer accounts, cross-selling, branch operations
budget|finance|1.1|financial analysis, forecasting, variance analysis, excel
operations|biz|1.1|process improvement, kpis, budget management, operational efficiency
project|biz|1.15|project management, stakeholder management, ms project, risk management
product|biz|1.25|product roadmap, market research, user stories, product launches
account|sales|1.05|account management, client relationships, upselling, sales forecasting
"""


def _field_row(line: str) -> tuple[str, str, float, tuple[str, ...]]:
    field, category, factor, skills = (part.strip() for part in line.split("|"))
    return field, _CATEGORIES.get(category, category), float(factor), tuple(skills.split(", "))


#: (field, "Browse <category> jobs", salary factor, four field skills).
FIELDS: tuple[tuple[str, str, float, tuple[str, ...]], ...] = tuple(
    _field_row(line) for line in _FIELD_TABLE.strip().splitlines()
)

#: (title, base yearly salary, three title skills, four duties (may use {field}), degree kind).
TITLES: tuple[tuple[str, int, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("coordinator", 52000, ("scheduling", "microsoft office", "meeting planning"),
     ("organizing day-to-day {field} activities", "scheduling meetings and deadlines",
      "keeping records and calendars current", "serving as the main contact between teams"), "ba"),
    ("specialist", 58000, ("reporting", "microsoft excel", "process documentation"),
     ("handling complex {field} requests", "keeping procedures up to date",
      "answering questions from staff and clients", "reviewing work for accuracy"), "ba"),
    ("manager", 92000, ("team leadership", "budget management", "performance reviews"),
     ("leading the {field} team", "setting goals and budgets",
      "reviewing the performance of staff", "improving processes and results"), "ba"),
    ("analyst", 72000, ("data analysis", "microsoft excel", "financial modeling"),
     ("collecting and analyzing {field} data", "building reports and dashboards",
      "spotting trends and risks", "recommending improvements to management"), "ba"),
    ("supervisor", 62000, ("staff scheduling", "employee training", "shift coverage"),
     ("overseeing daily {field} work", "assigning tasks to staff",
      "checking quality and safety", "training new employees"), "as"),
    ("assistant", 40000, ("filing", "phone etiquette", "calendar management"),
     ("supporting the {field} team with daily tasks", "answering calls and emails",
      "preparing documents and files", "keeping the office organized"), "hs"),
    ("technician", 47000, ("equipment maintenance", "documentation", "calibration"),
     ("installing and maintaining {field} equipment", "running tests and checks",
      "fixing problems as they come up", "recording the work performed"), "as"),
    ("clerk", 37000, ("cash handling", "filing", "ten key"),
     ("processing {field} paperwork", "entering data into company systems",
      "filing and retrieving records", "answering routine questions"), "hs"),
    ("administrator", 66000, ("system administration", "user accounts", "vendor relations"),
     ("running the {field} systems of an organization", "setting up user access",
      "writing policies and procedures", "working with outside vendors"), "ba"),
    ("director", 128000, ("strategic planning", "p&l", "employee development"),
     ("setting the direction of the {field} department", "managing budgets and managers",
      "reporting results to executives", "building relationships with partners"), "ma"),
    ("consultant", 85000, ("client relationships", "needs analysis", "presentations"),
     ("advising clients on {field} matters", "assessing current processes",
      "presenting recommendations", "guiding the rollout of changes"), "ba"),
    ("representative", 42000, ("call handling", "order entry", "complaint resolution"),
     ("answering {field} questions from customers", "processing orders and requests",
      "resolving complaints", "recording every interaction"), "hs"),
    ("officer", 70000, ("policy enforcement", "risk monitoring", "investigations"),
     ("enforcing {field} policies", "monitoring risks and incidents",
      "preparing reports for leadership", "training staff on procedures"), "ba"),
    ("engineer", 94000, ("technical documentation", "root cause analysis", "system design"),
     ("designing and improving {field} systems", "testing solutions",
      "solving technical problems", "documenting designs and changes"), "ba"),
    ("planner", 60000, ("forecasting", "capacity planning", "scenario planning"),
     ("planning {field} schedules and resources", "forecasting demand",
      "adjusting plans as conditions change", "sharing plans with other teams"), "ba"),
    ("advisor", 55000, ("client counseling", "needs analysis", "follow-up calls"),
     ("advising people on {field} options", "explaining policies and choices",
      "following up on open cases", "keeping detailed notes"), "ba"),
    ("auditor", 68000, ("audit documentation", "sampling methods", "control testing"),
     ("reviewing {field} records for accuracy", "testing controls",
      "documenting findings", "recommending corrective actions"), "ba"),
    ("inspector", 56000, ("inspections", "code enforcement", "field reports"),
     ("inspecting {field} work and sites", "checking compliance with standards",
      "writing inspection reports", "following up on violations"), "as"),
    ("agent", 45000, ("lead generation", "order entry", "customer follow-up"),
     ("helping customers with {field} needs", "explaining products and options",
      "closing transactions", "keeping customer records"), "hs"),
    ("instructor", 54000, ("course delivery", "student assessment", "presentations"),
     ("teaching {field} courses", "preparing lessons and materials",
      "grading assignments", "supporting students one on one"), "ba"),
    ("scheduler", 44000, ("calendar management", "microsoft outlook", "appointment booking"),
     ("building {field} schedules", "booking appointments",
      "handling changes and cancellations", "confirming details with everyone involved"), "hs"),
    ("buyer", 63000, ("purchasing", "price negotiation", "supplier evaluation"),
     ("buying {field} goods and services", "comparing suppliers",
      "negotiating prices", "tracking orders and deliveries"), "ba"),
    ("estimator", 71000, ("cost estimates", "bids", "quantity takeoffs"),
     ("estimating {field} costs", "reading plans and specifications",
      "preparing bids", "tracking actual costs against estimates"), "ba"),
    ("developer", 98000, ("code reviews", "unit testing", "rest apis"),
     ("building {field} applications", "writing and testing code",
      "fixing defects", "working with designers and analysts"), "ba"),
    ("operator", 41000, ("machine setup", "quality checks", "shift reports"),
     ("operating {field} equipment", "monitoring output",
      "following safety rules", "reporting problems to supervisors"), "hs"),
    ("dispatcher", 43000, ("radio dispatch", "call intake", "gps tracking"),
     ("assigning {field} jobs to crews", "taking calls",
      "tracking vehicles and workers", "keeping logs of every call"), "hs"),
    ("aide", 32000, ("patient transport", "vital signs", "bedside care"),
     ("assisting {field} staff with daily care", "helping clients with routines",
      "keeping areas clean and safe", "reporting changes to supervisors"), "hs"),
    ("liaison", 57000, ("stakeholder updates", "relationship building", "meeting facilitation"),
     ("connecting the {field} team with partners", "sharing updates between groups",
      "organizing joint meetings", "resolving misunderstandings"), "ba"),
    ("strategist", 82000, ("competitive analysis", "strategic planning", "market sizing"),
     ("shaping {field} strategy", "studying markets and competitors",
      "setting measurable goals", "presenting plans to leadership"), "ba"),
    ("architect", 120000, ("solution architecture", "cloud platforms", "technical leadership"),
     ("designing the structure of {field} systems", "choosing tools and standards",
      "reviewing the work of engineers", "planning for growth"), "ma"),
    ("editor", 58000, ("copyediting", "ap style", "content management"),
     ("editing {field} content", "checking facts and style",
      "working with writers", "planning publication schedules"), "ba"),
    ("trainer", 56000, ("training delivery", "coaching", "course design"),
     ("training staff on {field} topics", "designing workshops",
      "measuring what people learned", "updating training materials"), "ba"),
    ("investigator", 64000, ("interviewing", "case files", "report writing"),
     ("investigating {field} cases", "interviewing witnesses",
      "gathering evidence", "writing case reports"), "ba"),
    ("accountant", 69000, ("reconciliations", "gaap", "month-end close"),
     ("keeping {field} accounts in order", "closing the books each month",
      "reconciling statements", "preparing financial reports"), "ba"),
    ("recruiter", 58000, ("interviewing", "job postings", "offer negotiation"),
     ("finding candidates for {field} roles", "screening resumes",
      "scheduling interviews", "extending offers"), "ba"),
)  # fmt: skip

GENERIC_SKILLS = (
    "customer service", "project management", "data entry", "microsoft excel",
    "process improvement", "quality control", "budgeting", "scheduling", "inventory management",
    "vendor management", "team building", "conflict resolution", "regulatory compliance",
    "risk management", "strategic planning", "powerpoint", "sharepoint", "quickbooks",
    "salesforce", "sap", "oracle", "jira", "tableau", "sql", "crm", "erp", "kpis",
    "continuous improvement", "employee development", "hr", "payroll", "logistics", "training",
    "presentations", "spreadsheets", "report writing", "cost control", "negotiation",
    "workflow management", "change management", "six sigma", "lean", "forecasting",
    "contract management", "account reconciliation", "patient care", "cpr", "first aid",
    "osha", "safety audits", "technical support", "troubleshooting", "windows",
    "google workspace", "bookkeeping", "customer retention", "onboarding", "recordkeeping",
    "data analysis", "public speaking",
)  # fmt: skip

#: Words shown in capitals in skill names ("CRM", "P&L").
ACRONYMS = frozenset(
    "adp hris cobra irs sox cpt crm seo pos bls hipaa lims ct pacs ehr icd-10 gcp irb cbt cpr "
    "fafsa sql iso hvac osha epa plc mls far aml kpis erp sap dot cad s&op tcp/ip vpn siem "
    "pms ms hr p&l rest apis css html".split()
)

#: (soft skill, why the role needs it: the quoted reason, "{titles}" being the role's title).
SOFT_SKILLS: tuple[tuple[str, str], ...] = (
    ("Communication skills",
     "{titles} must be able to explain complex information clearly to coworkers and clients."),
    ("Leadership skills",
     "{titles} must be able to motivate a team and direct its work toward shared goals."),
    ("Problem-solving skills",
     "{titles} need to identify problems quickly and find practical solutions."),
    ("Time-management skills",
     "{titles} often juggle many tasks at once and must meet tight deadlines."),
    ("Detail oriented",
     "{titles} must pay close attention to detail because small errors can be costly."),
    ("Analytical skills",
     "{titles} must be able to review data and reports to spot trends and issues."),
    ("Interpersonal skills",
     "{titles} work closely with many people and must build good working relationships."),
    ("Organizational skills",
     "{titles} must keep track of many records, schedules and requests at the same time."),
    ("Customer-service skills",
     "{titles} must be courteous and helpful when dealing with clients and the public."),
    ("Computer skills",
     "{titles} use specialized software every day and must learn new systems quickly."),
    ("Physical stamina",
     "{titles} may spend much of the day on their feet or moving between sites."),
    ("Decision-making skills",
     "{titles} must weigh options and make sound choices under pressure."),
)  # fmt: skip

SOFT_EXAMPLES = (
    "coordinated weekly {field} meetings with {n} stakeholders and published clear action items.",
    "trained and mentored a team of {n} {titles} on new {field} procedures.",
    "resolved a backlog of {n} {field} requests within three weeks by reorganizing priorities.",
    "maintained a {q}% accuracy rate across all {field} records during annual audits.",
    "managed competing deadlines for {n} projects without a missed delivery date.",
    "served as the main point of contact for {n} departments during the {system} rollout.",
    "reduced {field} turnaround time by {p}% by streamlining approvals.",
)

RESPONSIBILITIES = (
    "Manage {field} records for {n} active accounts and resolve discrepancies within two days.",
    "Prepare weekly {field} reports for senior leadership and track progress against goals.",
    "Train {n} new hires on {skill} procedures and internal policies.",
    "Coordinate with finance, operations and sales teams to streamline {field} workflows.",
    "Implement a new {skill} process that cut turnaround time by {p}%.",
    "Maintain accurate documentation in {system} and audit entries each month.",
    "Respond to escalated {field} requests from clients and internal stakeholders.",
    "Monitor key metrics such as accuracy, cycle time and cost per transaction.",
    "Lead a project to migrate {field} data to {system}, finishing two weeks ahead of schedule.",
    "Develop standard operating procedures for {skill} and share them across {n} locations.",
    "Ensure compliance with company policy and applicable state and federal regulations.",
    "Supervise daily {field} activities for a team of {n} employees across two shifts.",
    "Analyze {field} trends and recommend improvements that reduce costs.",
    "Negotiate with vendors on pricing and service levels for {field} supplies.",
    "Participate in quarterly audits and follow up on corrective actions.",
    "Run weekly meetings to review open {field} issues and assign owners.",
    "Use {system} to process an average of {n} transactions per day.",
    "Assist the department director with {field} budget planning and forecasting.",
    "Resolve customer complaints quickly and document outcomes in {system}.",
    "Support the rollout of {skill} tools to {n} users across the organization.",
    "Review {field} documents for completeness before final approval.",
    "Build dashboards that give managers a daily view of {field} performance.",
)  # fmt: skip

SKILL_EXAMPLES = (
    "Implemented {skill} improvements that raised team accuracy from {a}% to {b}%.",
    "Used {skill} daily to support {n} internal customers and meet every reporting deadline.",
    "Led {skill} initiatives that saved the department ${k}K in the first year.",
    "Trained coworkers on {skill} best practices, reducing rework by {p}%.",
    "Applied {skill} knowledge to clear a backlog of {n} open requests within one quarter.",
    "Managed {skill} activities for {n} accounts while keeping a {q}% satisfaction rating.",
    "Introduced a {skill} checklist that cut processing errors by {p}%.",
)

SYSTEMS = (
    "SAP", "Oracle", "Workday", "Salesforce", "Epic", "ServiceNow", "NetSuite", "QuickBooks",
    "Microsoft Dynamics", "Kronos", "Cerner", "Jira",
)  # fmt: skip
PARTNERS = ("department heads", "vendors", "clients", "other teams", "senior leadership")
TRAITS = ("communication", "organizational", "analytical", "leadership", "technical",
          "problem-solving", "interpersonal")  # fmt: skip

INDUSTRIES = (
    "Health Care", "Finance", "Technology", "Manufacturing", "Retail", "Government",
    "Education", "Professional", "Hospitality", "Transportation", "Energy", "Telecommunication",
    "Insurance", "Media", "Non Profits", "Construction", "Pharmaceutical", "Automotive",
    "Real Estate", "Utilities",
)  # fmt: skip
CITIES = (
    ("Olympia, WA", "Washington"), ("Washington, DC", "New Jersey"), ("San Jose, CA", "California"),
    ("San Francisco, CA", "California"), ("Boston, MA", "Massachusetts"),
    ("New York, NY", "New York"), ("Seattle, WA", "Washington"), ("Hartford, CT", "Connecticut"),
    ("Trenton, NJ", "New Jersey"), ("Anchorage, AK", "Alaska"), ("Juneau, AK", "Alaska"),
    ("Urban Honolulu, HI", "Hawaii"), ("Denver, CO", "Colorado"), ("Austin, TX", "Texas"),
    ("Houston, TX", "Texas"), ("Chicago, IL", "Illinois"), ("Minneapolis, MN", "Minnesota"),
    ("Portland, OR", "Oregon"), ("Sacramento, CA", "California"), ("Baltimore, MD", "Maryland"),
    ("Richmond, VA", "Virginia"), ("Atlanta, GA", "Georgia"), ("Raleigh, NC", "North Carolina"),
    ("Phoenix, AZ", "Arizona"), ("Salt Lake City, UT", "Utah"), ("Providence, RI", "Rhode Island"),
    ("Philadelphia, PA", "Pennsylvania"), ("Newark, NJ", "New Jersey"),
    ("Madison, WI", "Wisconsin"), ("Columbus, OH", "Ohio"), ("Nashville, TN", "Tennessee"),
    ("Des Moines, IA", "Iowa"), ("Carson City, NV", "Nevada"), ("Santa Fe, NM", "New Mexico"),
    ("Dover, DE", "Delaware"), ("Augusta, ME", "Maine"),
)  # fmt: skip
COMPANIES = (
    "VMware", "KLA", "Kaiser Permanente", "Genentech", "Meta", "Apple", "Microsoft", "Amgen",
    "Deloitte", "PwC", "Accenture", "JPMorgan Chase", "Goldman Sachs", "Wells Fargo",
    "Bank of America", "Capital One", "Boeing", "Lockheed Martin", "Intel", "Oracle",
    "Salesforce", "Cisco", "IBM", "Google", "Amazon", "Netflix", "Adobe", "Nvidia", "Qualcomm",
    "Pfizer", "Merck", "Johnson & Johnson", "UnitedHealth Group", "Humana", "Cigna",
    "Mayo Clinic", "Cleveland Clinic", "Walmart", "Target", "Costco", "Home Depot", "Lowe's",
    "FedEx", "UPS", "Chevron", "ExxonMobil", "General Electric", "Siemens", "Honeywell", "3M",
    "Caterpillar", "Deere & Company", "Marriott International", "Hilton", "HEI Hotels & Resorts",
)  # fmt: skip
COLLEGES = (
    "University of Pennsylvania", "California State University - Bakersfield",
    "University of Michigan - Ann Arbor", "Ohio State University", "Pennsylvania State University",
    "University of Texas at Austin", "Arizona State University", "University of Florida",
    "Texas A&M University", "Rutgers University", "University of Central Florida",
    "Georgia State University", "University of Washington", "Purdue University",
    "Indiana University - Bloomington", "University of Southern California",
    "New York University", "Boston University", "Florida International University",
    "University of Houston", "San Diego State University", "Michigan State University",
    "University of Minnesota - Twin Cities", "Temple University", "DePaul University",
    "Northeastern University", "University of Phoenix", "Western Governors University",
    "Southern New Hampshire University", "Miami Dade College", "Valencia College",
    "Houston Community College", "Lone Star College", "Ivy Tech Community College",
    "Johns Hopkins University", "Duke University", "Emory University",
)  # fmt: skip
MAJORS = {
    "finance and accounting": ("Accounting", "Finance", "Business"),
    "human resources": ("Human Resources Management", "Business", "Psychology"),
    "insurance": ("Business", "Finance", "Communication"),
    "transportation": ("Business", "Logistics", "General Studies"),
    "manufacturing": ("Business", "Engineering", "General Studies"),
    "business": ("Business", "Management", "Economics"),
    "office and administrative": ("Business", "Communication", "General Studies"),
    "marketing": ("Marketing", "Communication", "Business"),
    "sales": ("Business", "Marketing", "Communication"),
    "retail": ("Business", "General Studies", "Marketing"),
    "hospitality": ("Hospitality Management", "Culinary Arts", "Business"),
    "health care": ("Nursing", "Health Care Administration", "Medical Assisting Services"),
    "science": ("Biology", "Chemistry", "Environmental Science"),
    "sports and recreation": ("Kinesiology", "Health Science", "Business"),
    "education": ("Education", "Early Childhood Education", "English"),
    "technology": ("Computer Science", "Information Technology", "Mathematics"),
    "construction": ("Construction Management", "Civil Engineering", "Business"),
    "engineering": ("Mechanical Engineering", "Electrical Engineering", "Engineering"),
    "real estate": ("Business", "Finance", "Real Estate"),
    "legal": ("Political Science", "Criminal Justice", "Paralegal Studies"),
    "media and communication": ("Communication", "English", "Journalism"),
}
DEGREES = {
    "hs": ("High School Diploma", 34, 62),
    "as": ("Associate Degree", 32, 55),
    "ba": ("Bachelor's Degree", 42, 74),
    "ma": ("Bachelor's Degree", 55, 72),
}
YEARS = ((1, 2), (2, 4), (4, 6), (6, 8), (8, 10), (1, 3))
RACES = (
    "Black or African American", "Unknown", "Hispanic or Latino", "Asian", "White",
    "American Indian and Alaska Native",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

# -- small text helpers ---------------------------------------------------------------------


def plural(name: str) -> str:
    """English plural of a role name, by the rules the parser reads ("-ies", "-es", "-s")."""
    if re.search(r"[^aeiou]y$", name):
        return name[:-1] + "ies"
    if re.search(r"(?:s|x|ch|sh)$", name):
        return name + "es"
    return name + "s"


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def title_case(text: str) -> str:
    """ "customer satisfaction" -> "Customer Satisfaction"; acronyms in capitals ("CRM")."""
    return " ".join(w.upper() if w in ACRONYMS else cap(w) for w in text.split())


def prose_skill(skill: str) -> str:
    """A skill as resume sentences write it: acronyms in capitals, the rest lower-case."""
    return " ".join(w.upper() if w in ACRONYMS else w for w in skill.split())


def slugify(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def role_path(slug: str) -> str:
    return f"/{slug}-jobs/what-does-{article(slug)}-{slug}-do/"


def comparison_path(a_slug: str, b_slug: str) -> str:
    return f"/{a_slug}-jobs/{a_slug}-vs-{b_slug}-differences/"


def _money(value: int) -> str:
    return f"${value:,}"


def _long_date(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _list_text(items: list[str], quoted: bool, comma_and: bool = True) -> str:
    """ "a, b, and c" / '"a," "b," and "c."'-style lists; ``quoted`` lists end inside the quote."""
    if quoted:
        parts = [f'"{item},"' for item in items[:-1]]
        last = f'"{items[-1]}'
        return (" ".join(parts) + (" and " if parts else "") + last) if parts else last
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return ", ".join(items[:-1]) + (", and " if comma_and else " and ") + items[-1]


def sitemap_xml(urls: list[str]) -> str:
    """A sitemap listing ``urls`` (absolute)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']  # fmt: skip
    lines += [f"<url><loc>{html.escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


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


# -- markup helpers --------------------------------------------------------------------------------

_WORDS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _class_pool(seed: int, size: int = 509) -> list[str]:
    """styled-components-like class names ("sc-1f1e2f-3 dWpmth"), fixed per site."""
    rng = random.Random(f"careerscrape-classes:{seed}")
    return [
        f"sc-{rng.getrandbits(24):06x}-{i % 10} " + "".join(rng.choice(_WORDS) for _ in range(6))
        for i in range(size)
    ]


class _Classes:
    """Hands out class attributes for one page: the same page always gets the same ones."""

    __slots__ = ("_i", "_pool", "_step")

    def __init__(self, pool: list[str], key: str) -> None:
        digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
        self._pool, self._i, self._step = pool, int.from_bytes(digest, "big"), 7

    def __call__(self) -> str:
        self._i += self._step
        return self._pool[self._i % len(self._pool)]


def _e(text: str) -> str:
    """Escape as React does (&, <, >, " and ' as &#x27;)."""
    return html.escape(text, quote=True)


def _ep(text: str) -> str:
    """Escape as the plain pages do (apostrophes as &#39;)."""
    return html.escape(text, quote=False).replace("'", "&#39;").replace('"', "&quot;")


_AMOUNT = re.compile(r"\$\d[\d,]*")
BR_NL = "<br>\n"
_SHARE = re.compile(r"(\d+(?:\.\d+)?%)")


def _decorate_plain(escaped: str) -> str:
    """Split plain-page prose across inline elements, as the site's templates do."""
    escaped = _AMOUNT.sub(lambda m: f"<strong>{m.group(0)}</strong>", escaped)
    return _SHARE.sub(lambda m: f"<b>{m.group(1)}</b>", escaped, count=1)


def _link_first(escaped: str, name: str, href: str) -> str:
    """Link the first mention of a role (singular or plural) in already-escaped text."""
    pattern = re.compile(r"(?<![\w-])(" + re.escape(name) + r"(?:s|es)?)(?![\w-])", re.I)
    return pattern.sub(lambda m: f'<a href="{href}">{m.group(1)}</a>', escaped, count=1)


# -- the site --------------------------------------------------------------------------------------


class _LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int) -> None:
        self._size, self._data, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()
        with self._lock:
            self._data[key] = value
            if len(self._data) > self._size:
                self._data.popitem(last=False)
        return value


class _Pages(Mapping[str, bytes]):
    """``Site.pages``: path -> HTML bytes, rendered when asked for."""

    def __init__(self, site: Site) -> None:
        self._site = site

    def __getitem__(self, path: str) -> bytes:
        return self._site.page(path)

    def __contains__(self, path: object) -> bool:
        return path in self._site._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._site.paths)

    def __len__(self) -> int:
        return len(self._site.paths)


class _Records(Mapping[str, dict]):
    """``Site.records``: canonical URL -> expected record, built when asked for (a fresh dict)."""

    def __init__(self, site: Site) -> None:
        self._site = site

    def __getitem__(self, url: str) -> dict[str, Any]:
        return self._site.record(url)

    def __contains__(self, url: object) -> bool:
        return isinstance(url, str) and self._site._path_of(url) in self._site._index

    def __iter__(self) -> Iterator[str]:
        return (self._site.url(path) for path in self._site.paths)

    def __len__(self) -> int:
        return len(self._site.paths)


class Site:
    """A generated site: its pages, the records they must parse to, robots.txt and a sitemap.

    ``pages`` (path -> bytes) and ``records`` (canonical URL -> dict) are
    read-only mappings that render on access; ``paths`` lists every page in
    site order (each role page followed by its comparison pages).
    """

    def __init__(
        self,
        n_pages: int,
        seed: int = 0,
        origin: str = CANONICAL_ORIGIN,
        markups: tuple[str, ...] = MARKUPS,
    ) -> None:
        if n_pages < 1:
            raise ValueError(f"a site has at least one page, not {n_pages}")
        unknown = set(markups) - set(ALL_MARKUPS)
        if not markups or unknown:
            raise ValueError(f"markups are some of {ALL_MARKUPS}, not {markups}")
        self.seed, self.n_pages, self.origin = seed, n_pages, origin.rstrip("/")
        self.markups = markups
        self.roles, self._comparisons = _build(n_pages, seed)
        self.paths: list[str] = []
        self._index: dict[str, tuple[str, int, int]] = {}  # path -> (kind, role, comparison)
        for role in self.roles:
            self._add(role.path, ("role", role.index, -1))
            for j, comparison in enumerate(self._comparisons[role.index]):
                b = self.roles[comparison.b]
                self._add(comparison_path(role.slug, b.slug), ("comparison", role.index, j))
        if len(self.paths) != n_pages:  # pragma: no cover - guarded by _plan
            raise AssertionError(f"planned {n_pages} pages, built {len(self.paths)}")
        self._position = {path: i for i, path in enumerate(self.paths)}
        self._pool = _class_pool(seed)
        self._details = _LRU(4096)
        self._rendered = _LRU(64)
        self.pages: Mapping[str, bytes] = _Pages(self)
        self.records: Mapping[str, dict] = _Records(self)

    def _add(self, path: str, where: tuple[str, int, int]) -> None:
        if path in self._index:  # pragma: no cover - names are distinct
            raise AssertionError(f"duplicate page {path}")
        self._index[path] = where
        self.paths.append(path)

    # -- public views -----------------------------------------------------------------------

    @property
    def role_slugs(self) -> list[str]:
        return [role.slug for role in self.roles]

    @property
    def role_paths(self) -> list[str]:
        return [role.path for role in self.roles]

    @property
    def comparison_paths(self) -> list[str]:
        return [p for p in self.paths if self._index[p][0] == "comparison"]

    @cached_property
    def robots_txt(self) -> str:
        return f"User-agent: *\nAllow: /\n\nSitemap: {self.origin}/sitemap.xml\n"

    @cached_property
    def sitemap_xml(self) -> str:
        return sitemap_xml([self.url(path) for path in self.paths])

    def url(self, path: str) -> str:
        """The canonical URL of a page path (what ``records`` is keyed by)."""
        return self.origin + path

    def _path_of(self, url: str) -> str:
        return url[len(self.origin) :] if url.startswith(self.origin + "/") else url

    def kind(self, path: str) -> str:
        """ "role" or "comparison"."""
        return self._index[path][0]

    def markup(self, path: str) -> str:
        """Which markup the page is rendered in: pages take the site's markups in turn."""
        return self.markups[self._position[path] % len(self.markups)]

    def last_modified(self, path: str) -> datetime:
        """When the page last changed: its role's "Updated" date (the newer one of a pair)."""
        kind, i, j = self._index[path]
        day = self.roles[i].updated
        if kind == "comparison":
            day = max(day, self.roles[self._comparisons[i][j].b].updated)
        return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)

    def details(self, role: Role | int) -> RoleDetails:
        role = self.roles[role] if isinstance(role, int) else role
        return self._details.get(role.index, lambda: _details(self.seed, role))

    def page(self, path: str) -> bytes:
        """The HTML of the page at ``path`` (KeyError for a path the site does not have)."""
        where = self._index[path]
        return self._rendered.get(path, lambda: self._render(path, where))

    def record(self, url_or_path: str) -> dict[str, Any]:
        """The expected record of a page, by canonical URL (or path)."""
        path = self._path_of(url_or_path)
        kind, i, j = self._index[path]
        if kind == "role":
            return self._role_record(self.roles[i])
        return self._comparison_record(self._comparisons[i][j])

    # -- records ---------------------------------------------------------------------------------

    def _pair(self, comparison: Comparison) -> _Pair:
        a, b = self.roles[comparison.a], self.roles[comparison.b]
        return _Pair(a, b, self.details(a), self.details(b))

    def _role_record(self, role: Role) -> dict[str, Any]:
        d = self.details(role)
        comparisons = []
        for comparison in self._comparisons[role.index]:
            pair = self._pair(comparison)
            _, stated = _SECTIONS[comparison.section](pair)
            comparisons.append({
                "other_role": cap(pair.b.name),
                "other_role_slug": pair.b.slug,
                "other_description": pair.db.summary,
                "salary_difference": pair.difference,
                "shared_skills": pair.shared if len(pair.shared) >= 2 else [],
                "role_only_skills": pair.a_only,
                "other_only_skills": pair.b_only,
                "role_top_industry": stated["role_top_industry"],
                "other_top_industry": stated["other_top_industry"],
                "masters_difference": pair.degree("masters"),
                "doctoral_difference": pair.degree("doctoral"),
            })  # fmt: skip
        return {
            "url": self.url(role.path),
            "page_type": "role",
            "role": role.name,
            "role_slug": role.slug,
            "updated": role.updated.isoformat(),
            "reading_minutes": d.reading_minutes,
            "summary": d.summary,
            "responsibilities": list(d.responsibilities),
            "skills": [{"name": n, "percent": p, "example": e} for n, p, e in d.skills],
            "soft_skills": [
                {"name": n, "description": desc, "example": ex} for n, desc, ex in d.soft_skills
            ],
            "comparisons": comparisons,
            "category": role.category,
        }

    def _comparison_record(self, comparison: Comparison) -> dict[str, Any]:
        a, b = self.roles[comparison.a], self.roles[comparison.b]
        return {
            "url": self.url(comparison_path(a.slug, b.slug)),
            "page_type": "comparison",
            "roles": [self.details(a).stats(a), self.details(b).stats(b)],
        }

    # -- rendering -------------------------------------------------------------------------------

    def render(self, path: str, markup: str, variant: int = 0) -> bytes:
        """The page at ``path`` in any markup, not cached; ``variant`` seeds "random" forms."""
        if markup not in ALL_MARKUPS:
            raise ValueError(f"no markup {markup!r}; choose from {ALL_MARKUPS}")
        return self._render(path, self._index[path], markup, variant)

    def _render(
        self, path: str, where: tuple[str, int, int], markup: str | None = None, variant: int = 0
    ) -> bytes:
        kind, i, j = where
        markup = markup or self.markup(path)
        if markup in FORM_MARKUPS:
            forms = _Forms(markup, random.Random(f"{self.seed}:{path}:{variant}"))
            if kind == "role":
                text = _role_forms(self, self.roles[i], self.details(i), forms)
            else:
                comparison = self._comparisons[i][j]
                text = _vs_forms(self, comparison, self._pair(comparison), forms)
            return text.encode("utf-8")
        nextjs = markup == "nextjs"
        if kind == "role":
            role = self.roles[i]
            text = (_role_nextjs if nextjs else _role_plain)(self, role, self.details(role))
        else:
            comparison = self._comparisons[i][j]
            text = (_vs_nextjs if nextjs else _vs_plain)(self, comparison, self._pair(comparison))
        return text.encode("utf-8")

    @cached_property
    def _css(self) -> str:
        rules = (
            "display:flex;", "margin:0 auto;", "padding:8px 16px;", "line-height:1.6;",
            "font-weight:600;", "gap:12px;", "color:#1d2c3d;", "max-width:1200px;",
        )  # fmt: skip
        out = []
        for k, name in enumerate(self._pool[:120]):
            short = name.split()[1]
            out.append(f".{short}{{{rules[k % 8]}{rules[(k * 3 + 1) % 8]}}}")
        return "".join(out)


def generate_site(n_pages: int, seed: int = 0, markups: tuple[str, ...] = MARKUPS) -> Site:
    """A site of exactly ``n_pages`` role and comparison pages, the same for the same seed."""
    return Site(n_pages, seed, markups=markups)


# -- Next.js-style markup --------------------------------------------------------------------------

_NAV = (
    ("Explore jobs", (("/jobs/", "Jobs near me"), ("/remote-jobs/", "Remote jobs"),
                      ("/part-time-jobs/", "Part time jobs"))),
    ("Explore careers", (("/career-explorer/", "Career explorer"), ("/salaries/", "Salaries"),
                         ("/skills/", "Skills"))),
    ("Career advice", (("/career-advice/resume/", "Resume help"),
                       ("/career-advice/interview/", "Interview tips"))),
)  # fmt: skip
_FOOTER = (("/about/", "About Zippia"), ("/contact/", "Contact us"),
           ("/privacy-policy/", "Privacy policy"), ("/terms/", "Terms of service"))  # fmt: skip


def _next_head(site: Site, c: _Classes, title: str, description: str, url: str,
               data_layer: dict, ld: dict) -> list[str]:  # fmt: skip
    build = hashlib.blake2b(f"{site.seed}".encode(), digest_size=8).hexdigest()
    return [
        '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{_e(title)}</title>",
        f'<meta name="description" content="{_e(description)}"/>',
        f'<link rel="canonical" href="{url}"/><meta property="og:url" content="{url}"/>',
        f'<meta property="og:title" content="{_e(title)}"/>',
        '<meta name="robots" content="index,follow"/>',
        f'<link rel="preload" href="/_next/static/css/{build}.css" as="style"/>',
        f'<link rel="stylesheet" href="/_next/static/css/{build}.css" data-n-g=""/>',
        f'<link rel="preload" href="/_next/static/chunks/main-{build}.js" as="script"/>',
        "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),"
        "event:'gtm.js'});})(window,document,'script','dataLayer','GTM-K7Q2ZP9');</script>",
        "<script>window.dataLayer=window.dataLayer||[];window.dataLayer.push("
        + json.dumps(data_layer).replace("</", "<\\/")
        + ");</script>",
        '<script type="application/ld+json">' + json.dumps(ld).replace("</", "<\\/") + "</script>",
        f'<style data-styled="active" data-styled-version="5.3.11">{site._css}</style>',
        "</head><body>",
        f'<div id="__next"><div class="{c()}"><header class="{c()}"><div class="{c()}">',
        f'<a class="{c()}" href="/" aria-label="Zippia home"><svg width="96" height="28" '
        'viewBox="0 0 96 28" aria-hidden="true"><path d="M4 4h18L6 24h18" stroke="#1f6feb"/>'
        "</svg></a>",
        f'<nav class="{c()}" aria-label="Main"><ul class="{c()}">',
        *(
            f'<li class="{c()}"><button type="button" class="{c()}" aria-expanded="false">{label}'
            f'</button><div class="{c()}" role="menu" hidden=""><ul class="{c()}">'
            + "".join(
                f'<li role="none"><a role="menuitem" href="{h}">{t}</a></li>' for h, t in items
            )
            + "</ul></div></li>"
            for label, items in _NAV
        ),
        f'</ul></nav><div class="{c()}"><a href="/login/">Sign in</a>'
        '<a href="/post-job/">Post job</a></div></div></header>',
    ]


def _next_tail(c: _Classes, next_data: dict) -> list[str]:
    return [
        f'<footer class="{c()}"><div class="{c()}"><h4 class="{c()}">Company</h4><ul>',
        *(f'<li><a href="{h}">{t}</a></li>' for h, t in _FOOTER),
        f'</ul><small class="{c()}">\u00a9 2025 Zippia, Inc.</small></div></footer>',
        f'</div></div><div class="{c()}" role="dialog" aria-label="Cookie consent">'
        "<p>We use cookies to enhance your experience, analyze site traffic and personalize "
        "content.</p>"
        '<button type="button">Accept all</button></div>',
        '<script id="__NEXT_DATA__" type="application/json">'
        + json.dumps(next_data, separators=(",", ":")).replace("</", "<\\/")
        + "</script>",
        '<script>!function(){try{var t=document.querySelectorAll("[data-ad-slot]");for(var n=0;'
        'n<t.length;n++){t[n].setAttribute("data-ad-ready","1")}}catch(r){}}();</script>',
        "</body></html>",
    ]


def _ad(c: _Classes, slot: str) -> str:
    return (
        f'<div class="{c()}" data-ad-slot="{slot}"><div class="{c()}"><span class="{c()}">'
        f'Advertisement</span><div id="div-gpt-ad-{slot}" style="min-height:250px"></div>'
        "</div></div>"
    )


def _soft_paragraph(role: Role, name: str, desc: str, example: str, wording: int) -> str:
    text = _SOFT_WORDINGS[wording].format(
        an=role.an, role=role.name, roles=role.plural, Roles=cap(role.plural),
        lname=name.lower(), desc=desc, example=example,
    )  # fmt: skip
    return cap(text) if wording in (2, 3) else text


def _sections_of(site: Site, role: Role) -> list[tuple[_Pair, list[list[str]]]]:
    out = []
    for comparison in site._comparisons[role.index]:
        pair = site._pair(comparison)
        paragraphs, _ = _SECTIONS[comparison.section](pair)
        out.append((pair, paragraphs))
    return out


def _stale(value: int, factor: float) -> int:
    return round(value * factor)


def _role_nextjs(site: Site, role: Role, d: RoleDetails) -> str:
    c = _Classes(site._pool, role.path)
    url = site.url(role.path)
    title_name = title_case(role.name)
    stale_day = role.updated - timedelta(days=400)
    out = _next_head(
        site, c,
        f"What does {article(role.name)} {title_name} do? Duties & Responsibilities - Zippia",
        f"Learn about the key requirements, duties, responsibilities, and skills that should be in "
        f"{role.an} job description.",
        url,
        {"pageType": "role_what_do", "career": role.name, "avgSalary": _stale(role.salary, 0.95),
         "skillsShown": len(d.skills)},
        {"@context": "https://schema.org", "@type": "Article",
         "headline": f"What does {role.an} do?", "dateModified": stale_day.isoformat(),
         "mainEntityOfPage": url},
    )  # fmt: skip
    category_slug = slugify(role.category)
    out += [
        f'<main class="{c()}"><div class="{c()}"><nav class="{c()}" aria-label="Breadcrumb"><ol>',
        f'<li><a href="/">Zippia</a></li><li><a href="/{category_slug}-jobs/">'
        f"{_e(title_case(role.category))}</a></li>",
        f'<li aria-current="page">What Does {cap(article(role.name))} {title_name} Do</li>',
        "</ol></nav>",
        f'<div class="{c()}"><article class="{c()}"><div class="{c()}"><div class="{c()}">',
        f'<div class="{c()}"><h1 class="{c()}">What does {role.an} do?</h1></div>',
        f'<div class="{c()}"><div class="{c()}"><span class="{c()}">Updated <time dateTime="'
        f'{role.updated.isoformat()}T00:00:00.000Z">{_long_date(role.updated)}</time></span></div>',
        f'<div class="{c()}"><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" '
        f'r="6"/></svg><span class="{c()}">{d.reading_minutes} min read</span></div></div></div>',
        f'<div class="{c()}"><img alt="What does {role.an} do" src="/_next/image/?url='
        f'{role.slug}.png&amp;w=1200&amp;q=75" class="{c()}"/></div>',
        f'<div class="{c()}"><p class="{c()}">{_e(d.summary)}</p></div>',
        f'<nav class="{c()}" aria-labelledby="toc-title"><span id="toc-title">On this page</span>'
        f'<ul class="{c()}" hidden=""><li><a href="#responsibilities">{cap(role.name)} '
        f'responsibilities</a></li><li><a href="#skills">{cap(role.name)} skills and personality '
        f'traits</a></li><li><a href="#compare">Compare different {role.plural}</a></li>'
        "</ul></nav>",
        _ad(c, "role_top_leaderboard"),
        f'<section id="responsibilities" class="{c()}"><div class="{c()}"><h2 class="{c()}">'
        f'{cap(role.name)} responsibilities</h2></div><div class="{c()}">',
        f'<p class="{c()}">Here are examples of responsibilities from real {role.name} '
        "resumes:</p>",
        f'<ul class="{c()}">',
        *(f'<li class="{c()}">{_e(item)}</li>' for item in d.responsibilities),
        f'<li class="{c()}"></li></ul><button type="button" class="{c()}" aria-expanded="true">'
        "Show more</button></div></section>",
        _ad(c, "role_mid_1"),
        f'<section id="skills" class="{c()}"><div class="{c()}"><h2 class="{c()}">'
        f'{cap(role.name)} skills and personality traits</h2></div><div class="{c()}">',
    ]
    top3 = ", ".join(n for n, _, _ in d.skills[:2]) + f", and {d.skills[2][0]}"
    soft3 = ", ".join(n for n, _, _ in d.soft_skills[:2]) + f", and {d.soft_skills[2][0]}"
    people = title_case(role.plural)
    out += [
        f'<p class="{c()}">We calculated that {d.skills[0][1]:g}% of {people} are proficient in '
        f"{_e(top3)}. They\u2019re also known for soft skills such as {soft3}.</p>",
        f'<p class="{c()}">We break down the percentage of {people} that have these skills listed '
        "on their resume here:</p>",
        f'<div class="{c()}"><ul class="{c()}">',
        *(
            f'<li class="{c()}"><span class="{c()}">{_e(n)}</span>, {p:g}%<p class="{c()}">{_e(e)}'
            "</p></li>"
            for n, p, e in d.skills
        ),
        "</ul></div></div>",
        f'<div class="{c()}"><p>Common skills that {role.an} uses to do their job include '
        + _e(_list_text([s.lower() for s, _, _ in d.skills[:3]], True))
        + f'." You can find details on the most important {role.name} responsibilities below.</p>',
        *(
            f"<p><b>{name}.</b> {_e(_soft_paragraph(role, name, desc, ex, w))}</p>"
            for (name, desc, ex), w in zip(d.soft_skills, d.soft_wordings, strict=True)
        ),
        "</div></section>",
        _ad(c, "role_mid_2"),
        f'<section id="most-common-skills" class="{c()}"><h2 class="{c()}">Most common '
        f'{role.name} skills</h2><div class="{c()}" data-chart="skills-bar" data-loading="true">'
        '<svg width="100%" height="340" aria-hidden="true"><g></g></svg></div></section>',
        f'<section class="{c()}"><h2 class="{c()}">Choose from 10+ customizable {role.name} '
        f'resume templates</h2><p class="{c()}">Build a professional {role.name} resume in '
        "minutes. Our AI resume writing assistant will guide you through every step of the "
        "process, and you can choose from 10+ resume templates to create your "
        f"{role.name} resume.</p></section>",
    ]
    sections = _sections_of(site, role)
    if sections:
        out.append(
            f'<section id="compare" class="{c()}"><div class="{c()}"><h2 class="{c()}">Compare '
            f'different {role.plural}</h2></div><div class="{c()}">'
        )
        for k, (pair, paragraphs) in enumerate(sections):
            href = comparison_path(role.slug, pair.b.slug)
            out.append(
                f'<div class="{c()}"><div class="{c()}"><h3 class="{c()}"><a class="{c()}" '
                f'href="{href}">{_e(cap(role.name))} vs. {_e(cap(pair.b.name))}</a></h3></div>'
                f'<div class="{c()}"><p>{_e(pair.db.summary)}</p>'
            )
            out += [f"<p>{_e(''.join(chunks))}</p>" for chunks in paragraphs]
            out.append("</div></div>")
            if k == 1:
                out.append(_ad(c, "role_compare_inline"))
        out.append("</div></section>")
    out += [
        f'<section id="types" class="{c()}"><h2 class="{c()}">Types of {role.name}</h2>'
        f'<div class="{c()}">'
        + "".join(f'<a class="{c()}"><span>{t}</span></a> ' for t in d.types)
        + "</div></section>",
        f'</div></div></article><div class="{c()}"><span class="{c()}">Updated <time>'
        f"{_long_date(role.updated)}</time></span>",
        f'<div class="{c()}"><a href="/research/team/">Zippia Research Team</a></div>'
        f'<p class="{c()}">The Zippia Research Team has spent countless hours reviewing '
        "resumes, job postings, and government data to determine what goes into getting a job "
        "in each phase of life.</p></div>",
        f'<div class="{c()}"><a class="{c()}" href="/{category_slug}-jobs/">Browse '
        f"{_e(role.category)} jobs</a></div></div>",
        f'<aside class="{c()}"><span class="{c()}">Related careers</span><ul class="{c()}">',
        *(
            f'<li class="{c()}"><a href="{pair.b.path}">{title_case(pair.b.name)}</a></li>'
            for pair, _ in sections
        ),
        "</ul>" + _ad(c, "role_sidebar_sticky") + "</aside></div></main>",
    ]
    next_data = {
        "props": {"pageProps": {"careerData": {
            "title": title_name, "titlePlural": title_case(role.plural), "slug": role.slug,
            "careerSlug": f"{role.slug}-jobs",
            "updatedAt": f"{stale_day.isoformat()}T16:02:11.000Z",
            "readTime": d.reading_minutes + 2, "avgSalary": _stale(role.salary, 0.95),
            "avgHourly": round(_stale(role.salary, 0.95) / 2080, 2),
            "skills": [{"name": n, "pct": round(p * 0.9, 1)} for n, p, _ in d.skills],
            "category": title_case(role.category),
            "salaryDiffs": [{"slug": p.b.slug, "diff": _stale(p.difference, 1.1)}
                            for p, _ in sections],
            "bodyHtml": f"<h1>What does {role.an} do?</h1>",
        }}},
        "page": "/[careerSlug]/[roleDoPage]",
        "query": {"careerSlug": f"{role.slug}-jobs"},
        "buildId": hashlib.blake2b(f"{site.seed}".encode(), digest_size=8).hexdigest(),
        "isFallback": False,
        "gssp": True,
    }  # fmt: skip
    out += _next_tail(c, next_data)
    return "".join(out)


def _intro(pair: _Pair, variant: int) -> tuple[str, str]:
    """The comparison page's two opening paragraphs (years and salary; top skills)."""
    a, b, da, db = pair.a, pair.b, pair.da, pair.db
    ya, yb = f"{da.years[0]}-{da.years[1]} years", f"{db.years[0]}-{db.years[1]} years"
    if da.years == db.years:
        years = f"It typically takes {ya} to become both {a.an} and {b.an}."
    elif variant == 0:
        years = (f"While it typically takes {ya} to become {a.an}, becoming {b.an} takes usually "
                 f"requires {yb}.")  # fmt: skip
    else:
        years = f"While it typically takes {ya} to become {a.an}, becoming {b.an} requires {yb}."
    relation = "higher" if a.salary > b.salary else "lower"
    first = (
        f"The differences between {a.plural} and {b.plural} can be seen in a few details. Each "
        f"job has different responsibilities and duties. {years} Additionally, {a.an} has an "
        f"average salary of {_money(a.salary)}, which is {relation} than the {_money(b.salary)} "
        f"average annual salary of {b.an}."
    )
    top_a = _list_text([s.lower() for s, _, _ in da.skills[:3]], False, comma_and=False)
    top_b = _list_text([s.lower() for s, _, _ in db.skills[:3]], False)
    second = (
        f"The top three skills for {a.an} include {top_a}. The most important skills for {b.an} "
        f"are {top_b}."
    )
    return first, second


def _rows(pair: _Pair) -> dict[str, list[tuple[str, str, str]]]:
    """The comparison tables: section -> rows of (label, left cell, right cell)."""

    def both(get: Callable[[Role, RoleDetails], str]) -> tuple[str, str]:
        return get(pair.a, pair.da), get(pair.b, pair.db)

    def opt(value: float | int | None, fmt: Callable[[Any], str]) -> str:
        return "-" if value is None else fmt(value)

    return {
        "overview": [
            ("Yearly salary", *both(lambda r, d: _money(r.salary))),
            ("Hourly rate", *both(lambda r, d: f"${r.hourly:.2f}")),
            ("Growth rate", *both(lambda r, d: opt(d.growth, lambda v: f"{v:g}%"))),
            ("Number of jobs", *both(lambda r, d: f"{d.jobs:,}")),
            ("Job satisfaction", *both(lambda r, d: opt(d.satisfaction, lambda v: f"{v:g}"))),
            ("Most common degree", *both(lambda r, d: f"{d.degree[0]}, {d.degree[1]:g}%")),
            ("Average age", *both(lambda r, d: str(d.age))),
            ("Years of experience", *both(lambda r, d: opt(d.experience, str))),
        ],
        "salary": [
            ("Average salary", *both(lambda r, d: _money(r.salary))),
            ("Salary range", *both(lambda r, d: f"Between {_money(d.salary_range[0])} And "
                                                f"{_money(d.salary_range[1])}")),
            ("Highest paying City", *both(lambda r, d: d.city)),
            ("Highest paying state", *both(lambda r, d: d.state)),
            ("Best paying company", *both(lambda r, d: d.company)),
            ("Best paying industry", *both(lambda r, d: d.industry)),
        ],
        "education": [
            ("Most common degree", *both(lambda r, d: f"{d.degree[0]}, {d.degree[1]:g}%")),
            ("Most common major", *both(lambda r, d: d.major)),
            ("Most common college", *both(lambda r, d: d.college)),
        ],
    }  # fmt: skip


def _vs_nextjs(site: Site, comparison: Comparison, pair: _Pair) -> str:
    a, b, da, db = pair.a, pair.b, pair.da, pair.db
    path = comparison_path(a.slug, b.slug)
    c = _Classes(site._pool, path)
    url = site.url(path)
    heading = f"{cap(a.name)} vs {b.name}"
    out = _next_head(
        site, c, f"{heading} | Zippia",
        f"Compare {a.plural} and {b.plural}: salary, education, skills and duties.", url,
        {"pageType": "vs", "careers": [a.name, b.name], "avgSalary": _stale(a.salary, 0.97)},
        {"@context": "https://schema.org", "@type": "Article", "headline": heading,
         "dateModified": (a.updated - timedelta(days=200)).isoformat()},
    )  # fmt: skip
    first, second = _intro(pair, comparison.intro)
    rows = _rows(pair)

    def table(section: str, linked: bool) -> str:
        head_a = f'<a href="{a.path}">{title_case(a.name)}</a>' if linked else title_case(a.name)
        head_b = f'<a href="{b.path}">{title_case(b.name)}</a>' if linked else title_case(b.name)
        body = "".join(
            f'<tr class="{c()}"><td class="{c()}"><span class="{c()}">{label}</span></td>'
            + "".join(
                f'<td class="{c()}"><div class="{c()}"><span class="{c()}">{_e(cell)}</span>'
                + ('<svg width="14" height="14" aria-hidden="true"></svg>'
                   if label == "Job satisfaction" and cell != "-" else "")
                + "</div></td>"
                for cell in (left, right)
            )
            + "</tr>"
            for label, left, right in rows[section]
        )  # fmt: skip
        return (
            f'<div class="{c()}"><table class="{c()}"><thead class="{c()}"><tr class="{c()}">'
            f'<th class="{c()}" scope="col"></th><th class="{c()}" scope="col">{head_a}</th>'
            f'<th class="{c()}" scope="col">{head_b}</th></tr></thead><tbody class="{c()}">'
            f"{body}</tbody></table></div>"
        )

    def shares(items: tuple[tuple[str, float], ...]) -> str:
        return "".join(f'<div class="{c()}"><span class="{c()}">{n}, {p:.1f}%</span></div>'
                       for n, p in items)  # fmt: skip

    demographics = [
        ("Average age", str(da.age), str(db.age)),
        ("Gender ratio", shares(da.gender), shares(db.gender)),
        ("Race ratio", shares(da.race), shares(db.race)),
        ("LGBT Percentage", f"{da.lgbt:g}%", f"{db.lgbt:g}%"),
    ]
    demo_rows = "".join(
        f'<tr class="{c()}"><td class="{c()}"><span class="{c()}">{label}</span></td>'
        f'<td class="{c()}"><div class="{c()}">{left}</div></td>'
        f'<td class="{c()}"><div class="{c()}">{right}</div></td></tr>'
        for label, left, right in demographics
    )
    out += [
        f'<main class="{c()}"><div class="{c()}">' + _ad(c, "vs_top"),
        f'<article class="{c()}"><div class="{c()}"><h1 class="{c()}">{_e(heading)}</h1></div>',
        f'<div class="{c()}"><p class="{c()}">{_e(first)}</p></div>',
        f'<div class="{c()}"><p class="{c()}">{_e(second)}</p></div>',
        f'<nav class="{c()}" aria-label="On this page"><ol><li><a href="#overview">{_e(heading)} '
        'overview</a></li><li><a href="#salary">Salary</a></li></ol></nav>',
        f'<section class="{c()}" id="overview"><h2 class="{c()}">{_e(heading)} overview</h2>',
        table("overview", linked=True),
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div class="{c()}"><h3 class="{c()}"><a href="{role.path}">What does {role.an} do?'
            f'</a></h3><div class="{c()}"><p class="{c()}">{_e(details.summary)}</p></div></div>'
        )
    out += [
        "</section>",
        _ad(c, "vs_mid_1"),
        f'<section class="{c()}" id="salary"><h2 class="{c()}">{_e(heading)} salary</h2>',
        f'<p class="{c()}">{_e(cap(a.plural))} and {_e(b.plural)} have different pay scales, as '
        "shown below.</p>",
        table("salary", linked=False),
        "</section>",
        f'<section class="{c()}" id="education"><h2 class="{c()}">Differences between {a.name} and '
        f'{b.name} education</h2><p class="{c()}">There are a few differences between {a.an} and '
        f"{b.an} in terms of educational background:</p>",
        table("education", linked=False),
        "</section>",
        _ad(c, "vs_mid_2"),
        f'<section class="{c()}" id="demographics"><h2 class="{c()}">{_e(heading)} demographics'
        f'</h2><div class="{c()}"><table class="{c()}"><thead><tr><th scope="col"></th>'
        f'<th scope="col">{title_case(a.name)}</th><th scope="col">{title_case(b.name)}</th></tr>'
        f"</thead><tbody>{demo_rows}</tbody></table></div></section>",
        f'<section class="{c()}" id="duties"><h2 class="{c()}">Differences between {a.name} and '
        f"{b.name} duties and responsibilities</h2>",
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div class="{c()}"><h3 class="{c()}">{_e(cap(role.name))} example responsibilities.'
            f'</h3><ul class="{c()}">'
            + "".join(f'<li class="{c()}"><span class="{c()}">{_e(item)}</span></li>'
                      for item in details.responsibilities[:6])
            + f'</ul><button type="button" class="{c()}">Show more</button></div>'
        )  # fmt: skip
    out += [
        "</section>",
        f'<section class="{c()}" id="skills"><h2 class="{c()}">{_e(heading)} skills</h2>',
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div class="{c()}"><h3 class="{c()}">Common {role.name} skills</h3><ul class="{c()}">'
            + "".join(
                f'<li class="{c()}"><div class="{c()}"><span class="{c()}">{_e(n)}</span>, {p:g}%'
                f'</div><div class="{c()}" role="presentation"><div style="width:{p:g}%"></div>'
                "</div></li>"
                for n, p, _ in details.skills
            )
            + "</ul></div>"
        )
    out += [
        "</section>",
        f'<div class="{c()}"><a href="/{slugify(a.category)}-jobs/">Browse {_e(a.category)} jobs'
        "</a></div></article>",
        _ad(c, "vs_bottom") + "</div></main>",
    ]
    next_data = {
        "props": {"pageProps": {"vsData": {
            "left": {"slug": a.slug, "avgSalary": _stale(a.salary, 0.97), "growth": -3},
            "right": {"slug": b.slug, "avgSalary": _stale(b.salary, 1.04), "yearsToBecome": "1-2"},
        }}},
        "page": "/[careerSlug]/[vsPage]",
        "query": {"careerSlug": f"{a.slug}-jobs", "vsPage": f"{a.slug}-vs-{b.slug}-differences"},
        "isFallback": False,
    }  # fmt: skip
    out += _next_tail(c, next_data)
    return "".join(out)


# -- plain markup ----------------------------------------------------------------------------------

_PLAIN_CSS = (
    "body{font-family:Georgia,serif;margin:0;color:#222}.wrap{max-width:880px;margin:0 auto;"
    "padding:0 12px}.muted{color:#666;font-size:13px}.vs-row{display:grid;grid-template-columns:"
    "2fr 3fr 3fr}.vs-cell{padding:6px 8px;border-top:1px solid #eee}"
)
_PLAIN_TOP = (
    '<div class="top wrap"><a href="/">Zippia</a> <span><a href="/jobs/">Find jobs</a> &middot; '
    '<a href="/companies/">Companies</a> &middot; <a href="/career-advice/">Career advice</a>'
    "</span></div>"
)
_PLAIN_FOOT = (
    '<div class="foot wrap"><a href="/about/">About</a> | <a href="/terms/">Terms</a> | '
    '<a href="/privacy-policy/">Privacy</a> | &copy; 2025 Zippia, Inc.</div></body>\n</html>\n'
)


def _role_plain(site: Site, role: Role, d: RoleDetails) -> str:
    url = site.url(role.path)
    people = title_case(role.plural)
    out = [
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n',
        f'<meta property="og:url" content="{url}">\n',
        f"<title>{title_case(role.name)} - What They Do | Zippia</title>\n",
        f"<style>{_PLAIN_CSS}</style>\n</head>\n<body>\n{_PLAIN_TOP}\n",
        '<div class="wrap"><div class="article">\n',
        f'<div role="heading" aria-level="1" class="title">What does {role.an} do?</div>\n',
        f'<div class="muted">Updated {_long_date(role.updated)}<br>\n{d.reading_minutes} min read'
        "</div>\n",
        f'<div class="hero"><img src="https://static.zippia.com/careers/{role.slug}.png" '
        f'alt="What does {role.an} do" width="640" height="320"></div>\n',
    ]
    first, rest = d.summary.split(". ", 1)
    lead, tail = rest.split(" ", 1)
    out += [
        f"<p>{_ep(first)}. <em>{_ep(lead)}</em> {_ep(tail)}</p>\n",
        f'<h3 id="resp">{_ep(cap(role.name))} responsibilities</h3>\n',
        f"<p>Here are examples of responsibilities from real <b>{role.name}</b> resumes:</p>\n",
        '<ul class="resp">\n',
        *(f'  <li><div class="item"><span>{_ep(item)}</span></div></li>\n'
          for item in d.responsibilities),
        '  <li class="toggle"><button type="button">Show less</button></li>\n</ul>\n',
        f'<h3 id="skills">{_ep(cap(role.name))} skills and personality traits</h3>\n',
        f"<p>We calculated that <strong>{d.skills[0][1]:g}%</strong> of {people} are proficient in "
        f"{_ep(d.skills[0][0])}, {_ep(d.skills[1][0])}, and {_ep(d.skills[2][0])}. They&rsquo;re "
        "also known for soft skills such as "
        f"{', '.join(n for n, _, _ in d.soft_skills[:2])}, and {d.soft_skills[2][0]}.</p>\n",
        f"<p>We break down the percentage of {people} that have these skills listed on their "
        "resume here:</p>\n<ol class=\"skills\">\n",
        *(f'  <li><div class="skill"><h4>{_ep(n)}, {p:g}%</h4>\n    <p>{_ep(e)}</p></div></li>\n'
          for n, p, e in d.skills),
        "</ol>\n",
        f"<p>Common skills that {role.an} uses to do their job include "
        + _ep(_list_text([s.lower() for s, _, _ in d.skills[:3]], True))
        + f'." You can find details on the most important {role.name} responsibilities '
        "below.</p>\n",
        *(
            f"<p>\n<strong>{name}.</strong> {_ep(_soft_paragraph(role, name, desc, ex, w))}</p>\n"
            for (name, desc, ex), w in zip(d.soft_skills, d.soft_wordings, strict=True)
        ),
        f"<h3>Most common {role.name} skills</h3>\n"
        f'<div class="chart" data-src="/api/charts/skills/{role.slug}"></div>\n',
    ]  # fmt: skip
    sections = _sections_of(site, role)
    if sections:
        out.append(f'<h3 id="compare">Compare different {role.plural}</h3>\n')
    for pair, paragraphs in sections:
        href = comparison_path(role.slug, pair.b.slug)
        out.append(
            f'<div class="cmp">\n<h5><a href="{href}">{_ep(cap(role.name))} vs. '
            f"{_ep(cap(pair.b.name))}</a></h5>\n<p>{_ep(pair.db.summary)}</p>\n"
        )
        for k, chunks in enumerate(paragraphs):
            spans = []
            for m, chunk in enumerate(chunks):
                escaped = _decorate_plain(_ep(chunk))
                if k == 0 and m == 0:
                    escaped = _link_first(escaped, pair.b.name, pair.b.path)
                spans.append(f"<span>{escaped}</span>")
            out.append("<p>\n" + "\n".join(spans) + "\n</p>\n")
        out.append("</div>\n")
    out += [
        f'<h3 id="types">Types of {role.name}</h3>\n<div class="types">'
        + " &middot; ".join(d.types)
        + "</div>\n",
        f'<div class="byline"><span class="muted">Updated {_long_date(role.updated)}</span><br>\n'
        '<a href="/research/team/">Zippia Research Team</a><br>\n<i>Editorial Staff</i></div>\n',
        f'<p class="browse"><a href="/{slugify(role.category)}-jobs/">Browse '
        f"<span>{_ep(role.category)}</span> jobs</a></p>\n",
        "</div></div>\n",
        _PLAIN_FOOT,
    ]
    return "".join(out)


def _vs_plain(site: Site, comparison: Comparison, pair: _Pair) -> str:
    a, b, da, db = pair.a, pair.b, pair.da, pair.db
    path = comparison_path(a.slug, b.slug)
    heading = f"{cap(a.name)} vs {b.name}"
    first, second = _intro(pair, comparison.intro)
    first_html = _decorate_plain(_ep(first))
    first_html = _link_first(first_html, a.name, a.path)
    first_html = _link_first(first_html, b.name, b.path)
    for name, _, _ in (*da.skills[:3], *db.skills[:3]):
        second = second.replace(f" {name.lower()}", f" \x00{name.lower()}\x01", 1)
    second_html = _ep(second).replace("\x00", "<em>").replace("\x01", "</em>")
    rows = _rows(pair)

    def grid(section: str, cell: str, linked: bool) -> str:
        head_a = f'<a href="{a.path}">{title_case(a.name)}</a>' if linked else title_case(a.name)
        head_b = f'<a href="{b.path}">{title_case(b.name)}</a>' if linked else title_case(b.name)
        lines = [
            f'<div class="vs-grid">\n<div class="vs-row vs-head"><{cell} class="vs-cell"></{cell}>'
            f'<{cell} class="vs-cell">{head_a}</{cell}><{cell} class="vs-cell">{head_b}</{cell}>'
            "</div>"
        ]
        for label, left, right in rows[section]:
            left_html, right_html = _ep(left), _ep(right)
            if label.endswith("salary"):
                left_html, right_html = (
                    f"<strong>{left_html}</strong>",
                    f"<strong>{right_html}</strong>",
                )
            if label == "Salary range":
                left_html = left_html.replace("Between ", "Between&nbsp;")
            lines.append(
                f'<div class="vs-row"><{cell} class="vs-cell vs-label">{label}</{cell}>'
                f'<{cell} class="vs-cell">{left_html}</{cell}><{cell} class="vs-cell">{right_html}'
                f"</{cell}></div>"
            )
        return "\n".join(lines) + "\n</div>\n"

    def shares(items: tuple[tuple[str, float], ...], sep: str) -> str:
        return sep.join(f"{n}, {p:.1f}%" for n, p in items)

    out = [
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n',
        f'<meta property="og:url" content="{site.url(path)}">\n',
        f"<title>{_ep(heading)} | Zippia</title>\n<style>{_PLAIN_CSS}</style>\n</head>\n<body>\n",
        f'{_PLAIN_TOP}\n<div class="page">\n<h2 class="vs-title">{_ep(heading)}</h2>\n',
        f'<div class="intro">\n<p>{first_html}</p>\n<p>{second_html}</p>\n</div>\n',
        f"<h4>{_ep(heading)} overview</h4>\n",
        grid("overview", "div", linked=True),
        '<div class="cols">\n',
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div><h5><a href="{role.path}">What does {role.an} do?</a></h5>\n'
            f"<p>{_ep(details.summary)}</p></div>\n"
        )
    out += [
        "</div>\n",
        f"<h4>{_ep(heading)} salary</h4>\n<p>{_ep(cap(a.plural))} and {_ep(b.plural)} have "
        "different pay scales, as shown below.</p>\n",
        grid("salary", "span", linked=False),
        f"<h4>Differences between {a.name} and {b.name} education</h4>\n<p>There are a few "
        f"differences between {a.an} and {b.an} in terms of educational background:</p>\n",
        grid("education", "div", linked=False),
        f"<h4>{_ep(heading)} demographics</h4>\n<p>Here are the differences between "
        f"{_ep(a.plural)}&#39; and {_ep(b.plural)}&#39; demographics:</p>\n",
        '<div class="vs-grid">\n<div class="vs-row vs-head"><div class="vs-cell"></div>'
        f'<div class="vs-cell">{title_case(a.name)}</div><div class="vs-cell">'
        f"{title_case(b.name)}</div></div>\n",
        f'<div class="vs-row"><div class="vs-cell vs-label">Average age</div><div class="vs-cell">'
        f'{da.age}</div><div class="vs-cell">{db.age}</div></div>\n',
        '<div class="vs-row"><div class="vs-cell vs-label">Gender ratio</div><div class="vs-cell">'
        f'{shares(da.gender, "<br>")}</div><div class="vs-cell">{shares(db.gender, BR_NL)}'
        "</div></div>\n",
        '<div class="vs-row"><div class="vs-cell vs-label">Race ratio</div><div class="vs-cell">'
        f'{shares(da.race, " ")}</div><div class="vs-cell">{shares(db.race, " ")}</div></div>\n',
        '<div class="vs-row"><div class="vs-cell vs-label">LGBT Percentage</div>'
        f'<div class="vs-cell">{da.lgbt:g}%</div><div class="vs-cell">{db.lgbt:g}%</div></div>\n'
        "</div>\n",
        f"<h4>Differences between {a.name} and {b.name} duties and responsibilities</h4>\n",
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f"<p>\n<strong>{_ep(cap(role.name))} example responsibilities.</strong>\n</p>\n"
            '<ul class="resp">\n'
            + "".join(f"  <li>{_ep(item)}</li>\n" for item in details.responsibilities[:6])
            + '  <li class="more"><a href="#" data-toggle="more">Show more</a></li>\n</ul>\n'
        )
    out += [f'<h4>{_ep(heading)} skills</h4>\n<div class="cols">\n']
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div>\n<div class="skill-title"><b>Common {role.name} skills</b></div>\n<ul>\n'
            + "".join(f"  <li><div><strong>{_ep(n)}</strong>, <span>{p:g}%</span></div></li>\n"
                      for n, p, _ in details.skills)
            + "</ul>\n</div>\n"
        )  # fmt: skip
    out += [
        "</div>\n",
        f'<p><a href="/{slugify(a.category)}-jobs/">Browse {_ep(a.category)} jobs</a></p>\n',
        "</div>\n",
        _PLAIN_FOOT,
    ]
    return "".join(out)


# -- markups drawn from forms: mobile, reader and random -------------------------------------------
#
# The same content as the two markups above, but every heading, list, skill line
# and figure table is written in one of several forms a reader cannot tell apart
# from the others. "mobile" and "reader" fix one form for each; "random" draws
# them, so that property tests can render a page many ways.

#: The forms of each structure. Headings (title, section, subsection) are drawn
#: once per page: a site writes one level of headings one way.
FORMS: dict[str, tuple[str, ...]] = {
    "title": ("h1", "aria", "bold", "plain"),
    "section": ("h", "aria", "summary", "bold", "plain"),
    "subsection": ("h", "aria", "summary", "bold", "plain"),
    "description": ("heading", "inline"),
    "marker": ("heading", "bold", "text"),
    "list": ("ul", "ol", "bullets", "numbered", "paragraphs", "br", "br_bullets"),
    "skill_list": ("ul", "ol", "bullets", "paragraphs"),
    "skill": ("comma", "gauge", "dash", "paren", "percent_first"),
    "figures": ("table", "grid", "dl", "transposed", "cards", "lines", "tiles", "by_figure"),
}
_PER_PAGE = frozenset({"title", "section", "subsection", "description", "marker"})
#: The fixed forms of the two form-drawn markups; a tuple is cycled through call by call.
_PRESETS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "mobile": {
        "title": "aria", "section": "summary", "subsection": "summary",
        "description": "heading", "marker": "bold", "list": ("bullets", "br_bullets"),
        "skill_list": "paragraphs", "skill": "gauge",
        "figures": ("cards", "transposed", "cards", "tiles"),
    },
    "reader": {
        "title": "bold", "section": "bold", "subsection": "bold", "description": "inline",
        "marker": "bold", "list": ("numbered", "paragraphs"), "skill_list": "paragraphs",
        "skill": ("dash", "paren"), "figures": ("transposed", "lines", "table", "dl"),
    },
}  # fmt: skip
FORM_MARKUPS = (*_PRESETS, "random")
_BULLETS = ("\u2022", "\u00b7", "\u25aa", "\u25e6", "\u2013", "-", "*", "\u2713")


class _Forms:
    """Which form each structure of one page takes: a preset's, or drawn from ``rng``."""

    def __init__(self, markup: str, rng: random.Random) -> None:
        self._preset = _PRESETS.get(markup)
        self.rng = rng
        self._page: dict[str, str] = {}
        self._turn: dict[str, int] = {}

    def __call__(self, kind: str) -> str:
        if self._preset is not None:
            form = self._preset[kind]
            if isinstance(form, tuple):
                turn = self._turn.get(kind, 0)
                self._turn[kind] = turn + 1
                return form[turn % len(form)]
            return form
        if kind in _PER_PAGE:
            return self._page.setdefault(kind, self.rng.choice(FORMS[kind]))
        return self.rng.choice(FORMS[kind])

    def bullet(self) -> str:
        return self.rng.choice(_BULLETS) if self._preset is None else "\u2022"


def _heading(forms: _Forms, kind: str, level: int, inner: str) -> str:
    """A heading line of the form drawn for ``kind`` ("title", "section", "subsection")."""
    form = forms(kind)
    if form in {"h", "h1"}:
        return f"<h{level}>{inner}</h{level}>"
    if form == "aria":
        return f'<div role="heading" aria-level="{level}">{inner}</div>'
    if form == "bold":
        return (
            f"<p><b>{inner}</b></p>"
            if forms.rng.random() < 0.5
            else f"<div><strong>{inner}</strong></div>"
        )
    if form == "plain":  # a title by its words alone (its looks come from a stylesheet)
        return f"<div>{inner}</div>"
    return f"<summary>{inner}</summary>"  # the caller opens the <details>


def _section(forms: _Forms, kind: str, level: int, title: str, body: list[str]) -> str:
    """A titled section: a heading then ``body``; a summary form wraps it in <details>."""
    line = _heading(forms, kind, level, title)
    if line.startswith("<summary>"):
        opened = " open" if forms.rng.random() < 0.7 else ""
        return f"<details{opened}>{line}\n" + "\n".join(body) + "\n</details>"
    return "<section>" + line + "\n" + "\n".join(body) + "\n</section>"


def _list(forms: _Forms, items: list[str], kind: str = "list") -> str:
    """Items (already HTML) as a list of the drawn form: list tags, bullets, numbers or lines."""
    form = forms(kind)
    if form in {"ul", "ol"}:
        return f"<{form}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{form}>"
    bullet = forms.bullet()
    if form == "bullets":
        return "<div>" + "".join(f"<div>{bullet} {item}</div>" for item in items) + "</div>"
    if form == "numbered":
        dot = forms.rng.choice([".", ")"]) if forms._preset is None else "."
        return "".join(f"<p>{i}{dot} {item}</p>" for i, item in enumerate(items, 1))
    if form == "paragraphs":
        return "<div>" + "".join(f"<div>{item}</div>" for item in items) + "</div>"
    marker = f"{bullet} " if form == "br_bullets" else ""
    return "<p>" + "<br>\n".join(marker + item for item in items) + "</p>"


def _skill_line(forms: _Forms, name: str, share: float, example: str | None) -> str:
    """One skill: its name and share in the drawn form, then its resume example."""
    form, name = forms("skill"), _e(name)
    if form == "comma":
        line = f"<span>{name}</span>, {share:g}%"
    elif form == "gauge":
        line = (f'<span>{name}</span><span role="meter" aria-valuenow="{share:g}" '
                f'aria-valuemin="0" aria-valuemax="100"><span style="width:{share:g}%"></span>'
                f"</span><span>{share:g}%</span>")  # fmt: skip
    elif form == "dash":
        line = f"<b>{name}</b> \u2013 {share:g}%"
    elif form == "paren":
        line = f"{name} ({share:g}%)"
    else:  # percent_first
        line = f"<span>{share:g}%</span> <span>{name}</span>"
    if example is None:
        return line
    return f"<div>{line}</div><p>{_e(example)}</p>"


Value = str | tuple[str, ...]  # a cell: one text, or several (shares), HTML


def _value(forms: _Forms, value: Value, inline: bool) -> str:
    """A cell's HTML: several parts on one line, on <br> lines or in <div> s (not ``inline``)."""
    if isinstance(value, str):
        return value
    joiner = " " if inline else forms.rng.choice([" ", "<br>", ""])
    return joiner.join(value) if joiner else "".join(f"<div>{part}</div>" for part in value)


def _figures(
    forms: _Forms, names: tuple[str, str], rows: list[tuple[str, Value, Value]],
    links: tuple[str, str],
) -> str:  # fmt: skip
    """Rows of (label, left value, right value): a table, grid, list, cards, lines or tiles.

    Or a card per figure, each role's value on a line of its own. ``links``
    are the role pages the role names may link to.
    """
    form = forms("figures")
    if forms.rng.random() < 0.5:
        names = tuple(
            f'<a href="{href}">{name}</a>' for name, href in zip(names, links, strict=True)
        )
    inline = form in {"lines", "tiles", "cards", "by_figure"}  # values inside <span> s and lines
    cells = [(label, _value(forms, left, inline), _value(forms, right, inline))
             for label, left, right in rows]  # fmt: skip
    if form == "table":
        return ("<table><thead><tr><th></th>" + "".join(f"<th>{n}</th>" for n in names)
                + "</tr></thead><tbody>"
                + "".join(f"<tr><td>{label}</td><td>{left}</td><td>{right}</td></tr>"
                          for label, left, right in cells)
                + "</tbody></table>")  # fmt: skip
    header = "<div><div></div>" + "".join(f"<div>{n}</div>" for n in names) + "</div>"
    if form == "grid":
        return ("<div>" + header
                + "".join(f"<div><div>{label}</div><div>{left}</div><div>{right}</div></div>"
                          for label, left, right in cells)
                + "</div>")  # fmt: skip
    if form == "dl":
        return ("<div>" + header + "<dl>"
                + "".join(f"<dt>{label}</dt><dd>{left}</dd><dd>{right}</dd>"
                          for label, left, right in cells)
                + "</dl></div>")  # fmt: skip
    if form == "transposed":
        corner, cell = forms.rng.choice(["", "Role", "Career"]), forms.rng.choice(["th", "td"])
        return (f"<table><thead><tr><{cell}>{corner}</{cell}>"
                + "".join(f"<{cell}>{row[0]}</{cell}>" for row in cells) + "</tr></thead><tbody>"
                + "".join(f"<tr><{cell}>{name}</{cell}>"
                          + "".join(f"<td>{row[side]}</td>" for row in cells) + "</tr>"
                          for side, name in enumerate(names, 1))
                + "</tbody></table>")  # fmt: skip
    if form == "by_figure":  # a card per figure: each role's value on a line of its own
        return (
            "<div>"
            + "".join(
                f"<h4>{row[0]}</h4><ul>"
                + "".join(
                    f"<li><b>{name}:</b> {row[side]}</li>" for side, name in enumerate(names, 1)
                )
                + "</ul>"
                for row in cells
            )
            + "</div>"
        )
    return (
        "<div>"
        + "\n".join(
            _card(forms, form, name, [(row[0], row[side]) for row in cells])
            for side, name in enumerate(names, 1)
        )
        + "</div>"
    )


def _card(forms: _Forms, form: str, name: str, pairs: list[tuple[str, str]]) -> str:
    """One role's figures: "Label: value" lines, value-first tiles or label/value pairs."""
    if form == "lines":
        return f"<p><b>{name}</b><br>\n" + "<br>\n".join(f"{k}: {v}" for k, v in pairs) + "</p>"
    title = forms.rng.choice(
        [f"<h4>{name}</h4>", f"<div><b>{name}</b></div>", f"<div>{name}</div>"]
    )
    if form == "tiles":
        body = "".join(f"<div><strong>{v}</strong><span>{k}</span></div>" for k, v in pairs)
    elif forms.rng.random() < 0.5:
        body = "<dl>" + "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in pairs) + "</dl>"
    else:
        body = "".join(f"<div><span>{k}</span><span>{v}</span></div>" for k, v in pairs)
    return f"<section>{title}{body}</section>"


_FORM_HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<link rel="canonical" href="{url}">\n<title>{title} | Zippia</title>\n</head>\n<body>\n'
    '<div><a href="/">Zippia</a> <a href="/login/">Sign in</a></div>\n<main>\n'
)
_FORM_TAIL = (
    '</main>\n<div role="navigation" aria-label="Tabs"><a href="/jobs/">Jobs</a> '
    '<a href="/salaries/">Salaries</a></div>\n</body>\n</html>\n'
)


def _role_forms(site: Site, role: Role, d: RoleDetails, forms: _Forms) -> str:
    """A role page whose headings, lists and skill lines take the forms ``forms`` draws."""
    name, people = role.name, title_case(role.plural)
    skills = [_skill_line(forms, n, p, e) for n, p, e in d.skills]
    top3 = ", ".join(n for n, _, _ in d.skills[:2]) + f", and {d.skills[2][0]}"
    soft3 = ", ".join(n for n, _, _ in d.soft_skills[:2]) + f", and {d.soft_skills[2][0]}"
    out = [
        _FORM_HEAD.format(url=site.url(role.path), title=f"What does {role.an} do?"),
        _heading(forms, "title", 1, f"What does {role.an} do?"),
        f"<div><span>Updated {_long_date(role.updated)}</span> &middot; "
        f"<span>{d.reading_minutes} min read</span></div>",
        f"<p>{_e(d.summary)}</p>",
        _section(forms, "section", 2, f"{cap(name)} responsibilities", [
            f"<p>Here are examples of responsibilities from real {name} resumes:</p>",
            _list(forms, [_e(item) for item in d.responsibilities]),
        ]),
        _section(forms, "section", 2, f"{cap(name)} skills and personality traits", [
            f"<p>We calculated that {d.skills[0][1]:g}% of {people} are proficient in "
            f"{_e(top3)}. They\u2019re also known for soft skills such as {soft3}.</p>",
            f"<p>We break down the percentage of {people} that have these skills listed on "
            "their resume here:</p>",
            _list(forms, skills, "skill_list"),
            f"<p>Common skills that {role.an} uses to do their job include "
            + _e(_list_text([s.lower() for s, _, _ in d.skills[:3]], True))
            + f'." You can find details on the most important {name} responsibilities below.</p>',
            *(f"<p><b>{n}.</b> {_e(_soft_paragraph(role, n, desc, ex, w))}</p>"
              for (n, desc, ex), w in zip(d.soft_skills, d.soft_wordings, strict=True)),
        ]),
    ]  # fmt: skip
    sections = _sections_of(site, role)
    if sections:
        out.append(_section(forms, "section", 2, f"Compare different {role.plural}", [
            _section(forms, "subsection", 3,
                     f'<a href="{comparison_path(role.slug, pair.b.slug)}">{_e(cap(name))} vs. '
                     f"{_e(cap(pair.b.name))}</a>",
                     [f"<p>{_e(pair.db.summary)}</p>",
                      *(f"<p>{_e(''.join(chunks))}</p>" for chunks in paragraphs)])
            for pair, paragraphs in sections
        ]))  # fmt: skip
    out += [
        f"<p>Updated {_long_date(role.updated)} &middot; Zippia Research Team</p>",
        f'<p><a href="/{slugify(role.category)}-jobs/">Browse {_e(role.category)} jobs</a></p>',
        _FORM_TAIL,
    ]
    return "\n".join(out)


def _vs_forms(site: Site, comparison: Comparison, pair: _Pair, forms: _Forms) -> str:
    """A comparison page whose headings, lists and figure tables take the forms ``forms`` draws."""
    a, b, da, db = pair.a, pair.b, pair.da, pair.db
    title = f"{cap(a.name)} vs {b.name}"
    first, second = _intro(pair, comparison.intro)
    rows: dict[str, list[tuple[str, Value, Value]]] = dict(_rows(pair))  # type: ignore[arg-type]
    rows["demographics"] = [
        ("Average age", str(da.age), str(db.age)),
        ("Gender ratio", *(tuple(f"{n}, {p:.1f}%" for n, p in d.gender) for d in (da, db))),
        ("Race ratio", *(tuple(f"{n}, {p:.1f}%" for n, p in d.race) for d in (da, db))),
        ("LGBT Percentage", f"{da.lgbt:g}%", f"{db.lgbt:g}%"),
    ]
    names, links = (title_case(a.name), title_case(b.name)), (a.path, b.path)

    def figures(section: str) -> str:
        escaped = [(label, *(v if isinstance(v, tuple) else _e(v) for v in values))
                   for label, *values in rows[section]]  # fmt: skip
        return _figures(forms, names, escaped, links)

    def description(role: Role, details: RoleDetails) -> str:
        line = f'<a href="{role.path}">What does {role.an} do?</a>'
        if forms("description") == "inline":
            return f"<p><b>{line}</b><br>\n{_e(details.summary)}</p>"
        return _section(forms, "subsection", 3, line, [f"<p>{_e(details.summary)}</p>"])

    def marked(text: str, items: list[str], kind: str) -> str:
        """A list under its "<role> example responsibilities." / "Common <role> skills" line."""
        form = forms("marker")
        if form == "heading":
            return _section(forms, "subsection", 3, text, [_list(forms, items, kind)])
        line = f"<p><b>{text}</b></p>" if form == "bold" else f"<p>{text}</p>"
        return line + "\n" + _list(forms, items, kind)

    out = [
        _FORM_HEAD.format(url=site.url(comparison_path(a.slug, b.slug)), title=_e(title)),
        _heading(forms, "title", 1, _e(title)),
        f"<p>{_e(first)}</p>",
        f"<p>{_e(second)}</p>",
        _section(forms, "section", 2, f"{_e(title)} overview", [
            figures("overview"), description(a, da), description(b, db)]),
        _section(forms, "section", 2, f"{_e(title)} salary", [
            f"<p>{_e(cap(a.plural))} and {_e(b.plural)} have different pay scales, as shown "
            "below.</p>", figures("salary")]),
        _section(forms, "section", 2, f"Differences between {a.name} and {b.name} education", [
            f"<p>There are a few differences between {a.an} and {b.an} in terms of educational "
            "background:</p>", figures("education")]),
        _section(forms, "section", 2, f"{_e(title)} demographics", [
            f"<p>Here are the differences between {_e(a.plural)}\u2019 and {_e(b.plural)}\u2019 "
            "demographics:</p>", figures("demographics")]),
        _section(forms, "section", 2,
                 f"Differences between {a.name} and {b.name} duties and responsibilities", [
            marked(f"{_e(cap(r.name))} example responsibilities.",
                   [_e(item) for item in d.responsibilities[:6]], "list")
            for r, d in ((a, da), (b, db))]),
        _section(forms, "section", 2, f"{_e(title)} skills", [
            marked(f"Common {r.name} skills",
                   [_skill_line(forms, n, p, None) for n, p, _ in d.skills], "skill_list")
            for r, d in ((a, da), (b, db))]),
        f'<p><a href="/{slugify(a.category)}-jobs/">Browse {_e(a.category)} jobs</a></p>',
        _FORM_TAIL,
    ]  # fmt: skip
    return "\n".join(out)
