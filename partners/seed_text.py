"""The English words of the demo's partnership pages, as the district wrote them; the Spanish sample
translations (`seed_spanish.py`) are keyed by them."""

from __future__ import annotations

import datetime

from partners.models import AwardRecipient

DEFINITION = (
    "Tacoma Public Schools defines partnership as a cooperative relationship between students, families, schools, "
    "school districts, and the greater Tacoma community. Partners are committed to supporting student academic "
    "success and the whole child. Partners work with and invest in the education of our children and youth - whose "
    "future, in turn, will affect the quality of life for the entire Tacoma community."
)
PARTNER_KINDS = [
    ("Community-based Organization", "CBOs"),
    ("Business Community", ""),
    ("Community Groups or Individuals", ""),
]
EXAMPLES_INTRO = (
    "Partnerships can be between many different people and institutions. For example, they could be between:"
)
EXAMPLES = [
    "Teachers and businesspeople",
    "Students and social worker",
    "Principals and pastors",
    "Schools and non-profits",
    "Parents and office administrators",
    "Tacoma Public Schools and universities",
]
PRINCIPLES = [
    "All partners are equally valued and respected",
    "Clear, consistent and transparent communication with all partners",
    "Contributions of partners are aligned to the common goal of supporting students",
    "Careful evaluation of success",
    "Diverse representation from all parts of the school system and greater community, especially those "
    "historically left out of the conversation (including young people, communities of color, and economically "
    "disadvantaged and limited English-speaking families)",
]
PATHWAY_BODY = [
    "Tacoma Public Schools values the support of the non-profit and business community. A formal Memorandum of "
    "Understanding (MOU) or contract may be in order if we are partnering for a youth program, goods and services, "
    "or an internship program.",
    "In support of a school or the district, one-time or recurring donations, as well as facilitating an employee "
    "volunteer activity, are welcome!",
]
AWARD_PURPOSE = (
    "The Shining Star Community Partner Award was established in 2014 to acknowledge that when it comes to student "
    "success, TPS cannot do it alone. To honor the investment of time, talent and resources for TPS students, "
    "families, and staff, the Star Community Partner Award is awarded each month to thank a community partner or "
    "community volunteer who has made a difference in the lives of TPS students and families."
)
LETTER_OF_SUPPORT = (
    "Tacoma Public Schools welcomes the opportunity to partner with organizations on grant-funded initiatives and "
    "provides letters in support of these partnerships. A letter of support is contingent upon review by the Grants "
    "Office and Superintendent signature."
)
SAMPLE_RECIPIENTS = [
    (
        "Sample recipient: Eastside Community Pantry",
        AwardRecipient.Kind.PARTNER,
        "Eastside Community Pantry (sample)",
        datetime.date(2023, 2, 1),
        "This is a sample recipient for demonstration, not a real award. It shows how a month's citation reads: "
        "weekend food bags for families, packed by volunteers every Friday.",
    ),
    (
        "Sample recipient: a reading volunteer",
        AwardRecipient.Kind.VOLUNTEER,
        "",
        datetime.date(2023, 1, 1),
        "This is a sample recipient for demonstration, not a real award. It shows how a volunteer's citation reads: "
        "two mornings a week reading with second graders.",
    ),
]
