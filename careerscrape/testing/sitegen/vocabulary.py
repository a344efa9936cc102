"""Word lists and small text helpers of the synthetic site: titles, fields, skills, cities..."""

from __future__ import annotations

import html
import re
from datetime import date

CANONICAL_ORIGIN = "https://www.zippia.com"
#: The markups a site's pages take in turn by default: today's site.
MARKUPS = ("nextjs", "plain")
#: Every markup a page can be rendered in (see :meth:`Site.render`): today's two, two
#: drawn from fixed forms (a mobile web view, a text-first reader view), "random", and
#: five redesigns (:mod:`.redesigns`: a print view, an ARIA app, a text dump in a <pre> or
#: in <p> lines, CSS-grid cards).
ALL_MARKUPS = (
    "nextjs", "plain", "mobile", "reader", "random",
    "print", "aria", "markdown", "textlines", "cards",
)  # fmt: skip

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
