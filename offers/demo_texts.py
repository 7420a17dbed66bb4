# ruff: noqa: E501 - sentences of demo text, kept whole
"""The words of the demo offers: what each job is about and its tasks, then the
profile its family looks for; no two offers share their description."""

from __future__ import annotations

from typing import Any

# title: (what the job is about, its tasks separated by "|")
# fmt: off
JOBS: dict[str, tuple[str, str]] = {
    "Backend developer (Python)": (
        "You build the routing engine that plans 40,000 deliveries a day for our customers.",
        "Design and write Django services and their APIs|Profile slow queries on PostgreSQL and make them fast|Review code and pair with the two other backend developers of the squad",
    ),
    "Frontend developer": (
        "You make the dispatcher's screen, used eight hours a day, fast and calm to work with.",
        "Build accessible interfaces with plain HTML, CSS and a little JavaScript|Watch real dispatchers work and turn what you see into improvements|Keep the component library tidy with the designers",
    ),
    "Site reliability engineer": (
        "You keep the platform up while 400 companies ship parcels through it, from wherever you live.",
        "Run our Kubernetes clusters and their PostgreSQL databases|Write runbooks and lead calm incident reviews|Cut the cloud bill without cutting corners",
    ),
    "Data analyst": (
        "You answer the sales and product teams' questions with figures they can trust.",
        "Write the SQL behind our weekly dashboards|Study why some customers use the planner more than others|Explain your findings in plain words to people who are not analysts",
    ),
    "Product designer": (
        "You design the warehouse app that 3,000 operators use on rugged phones.",
        "Run interviews and usability tests on warehouse floors|Design flows that work with gloves on and in bad light|Write specifications the developers enjoy reading",
    ),
    "HR business partner": (
        "You are the HR partner of the 60 people of our product and engineering teams.",
        "Coach managers through reviews, promotions and hard conversations|Shape the career paths of developers and designers|Bring the teams' needs to the leadership team",
    ),
    "Payroll specialist": (
        "You pay 180 people in four countries, on time and without mistakes.",
        "Prepare the monthly payroll with our provider|Answer employees' questions about their payslips|Follow changes in French and Belgian payroll law",
    ),
    "Management controller": (
        "You give the leadership team a clear view of where the money goes.",
        "Build the yearly budget with each department|Follow costs and margins month after month|Improve our forecasting model",
    ),
    "Customer success manager": (
        "You look after forty of our Belgian and Dutch customers after they sign.",
        "Lead onboarding projects with their logistics teams|Hold quarterly reviews and spot what could grow|Carry their feedback to the product team",
    ),
    "Account executive": (
        "You win new customers among the distributors of Catalonia and the south of France.",
        "Qualify leads with the sales development team|Run demonstrations and answer tenders|Negotiate and sign contracts",
    ),
    "Logistics coordinator": (
        "You organise the movements of our own test fleet and the equipment of our customers' sites.",
        "Plan transport with carriers in the port of Rotterdam|Track shipments and settle incidents|Keep stock records accurate",
    ),
    "Maintenance technician": (
        "You keep the scanners, printers and vehicle terminals of our Toulouse lab working.",
        "Diagnose and repair handheld terminals|Prepare equipment for new customer sites|Keep the maintenance log and order spare parts",
    ),
    "Mobile developer (Kotlin)": (
        "You build the Android app drivers use to scan, sign and deliver.",
        "Write Kotlin with Jetpack Compose|Make the app work offline in tunnels and basements|Release every two weeks with automated tests",
    ),
    "Software engineering intern": (
        "For six months you join a squad and ship a real feature to production.",
        "Write Python and tests with a mentor at your side|Take part in planning, reviews and demos|Present your work to the whole company at the end",
    ),
    "QA engineer": (
        "You make sure each release of the planner does what it promises.",
        "Write automated end-to-end tests|Explore new features before customers do|Help developers write better tests",
    ),
    "Security engineer": (
        "You protect our customers' data and our platform from attacks.",
        "Review designs and code for security issues|Run our vulnerability management and penetration tests|Train developers in secure coding",
    ),
    "Embedded software developer": (
        "You write the firmware of the telematics box fitted in 12,000 delivery vans.",
        "Develop in C on ARM microcontrollers|Optimise power use and radio links|Test on the bench and on the road",
    ),
    "Freelance Django developer": (
        "For a four-month mission, you help us move our billing module to a new Django version.",
        "Upgrade the code and its dependencies|Write the missing tests first|Hand over clear notes to the team",
    ),
    "Data engineer": (
        "You build the pipelines that feed our analytics and the route-planning models.",
        "Design and run batch and streaming pipelines|Model data in our warehouse|Watch data quality and fix what breaks",
    ),
    "Machine learning engineer": (
        "You improve the models that predict delivery times to the minute.",
        "Train and evaluate forecasting models|Put them into production and monitor them|Work with product managers on what to predict next",
    ),
    "Data science apprentice": (
        "For two years, you alternate school and work in our data team.",
        "Clean and explore delivery data|Build your first models with a mentor|Present your results to the team every month",
    ),
    "Business intelligence developer": (
        "You build the reports our customers open every morning, for one year, remotely.",
        "Design dashboards in our BI tool|Write and tune the SQL behind them|Collect feedback from customers",
    ),
    "UX researcher": (
        "You find out what drivers and dispatchers really need.",
        "Plan and run field studies|Share findings through clear reports and workshops|Build our panel of users",
    ),
    "Graphic designer": (
        "You design our marketing material and illustrations, from wherever you work.",
        "Create visuals for campaigns and events|Keep the brand consistent|Prepare files for print and the web",
    ),
    "UI design intern": (
        "For six months, you design screens of the warehouse app with our designers.",
        "Draw interfaces in our design system|Take part in user tests|Present your designs to developers",
    ),
    "Talent acquisition specialist": (
        "You hire the developers, designers and sales people we need to grow.",
        "Manage recruitment from the job description to the offer|Source candidates and meet them|Make every candidate's experience a good one",
    ),
    "HR assistant": (
        "For two years, you learn HR by doing it beside our team in Lille.",
        "Prepare contracts and onboarding|Keep HR records up to date|Help organise training sessions",
    ),
    "Training coordinator": (
        "For six months, you organise the training of our customers' staff in Brussels.",
        "Plan sessions with trainers and customers|Prepare rooms, materials and attendance lists|Collect feedback after each session",
    ),
    "Accountant": (
        "You keep the books of our French company.",
        "Record invoices and payments|Prepare monthly and yearly closings|Work with our auditors",
    ),
    "Financial analyst": (
        "For one year, you analyse the profitability of our Benelux business.",
        "Model revenue and costs per customer|Prepare monthly reports|Support pricing decisions",
    ),
    "Treasury intern": (
        "For six months, you help our treasurer manage cash across four countries.",
        "Prepare cash forecasts|Reconcile bank accounts|Take part in the bank relationship",
    ),
    "Sales development representative": (
        "You open the first conversation with the companies that could use our planner.",
        "Research prospects and their logistics|Call and write to decision makers|Book meetings for account executives",
    ),
    "Key account manager": (
        "You manage our five largest French customers.",
        "Lead the relationship with their executives|Grow their use of our products|Coordinate our teams around their projects",
    ),
    "Pre-sales consultant": (
        "You show prospects how our planner fits their operations.",
        "Prepare tailored demonstrations|Answer technical questions in tenders|Design proofs of concept with the product team",
    ),
    "Warehouse operator": (
        "For the peak season, you prepare the equipment we send to new customers.",
        "Receive, store and pick equipment|Pack and label shipments|Keep the warehouse tidy and safe",
    ),
    "Supply chain planner": (
        "You plan the purchase and stock of the hardware we deploy.",
        "Forecast needs with the sales team|Place orders with suppliers|Follow stock levels and deliveries",
    ),
    "Fleet manager": (
        "You run the vans of our test fleet in Toulouse and Lyon.",
        "Plan maintenance and inspections|Manage leases, insurance and fuel cards|Keep the fleet safe and efficient",
    ),
    "Content marketing manager": (
        "You tell our customers' stories and explain logistics in plain words.",
        "Plan and write articles, case studies and newsletters|Interview customers and experts|Measure what readers like",
    ),
    "SEO specialist": (
        "For a three-month mission, you improve how our site ranks in search engines.",
        "Audit the site and its content|Recommend and follow improvements|Train the marketing team",
    ),
    "Product marketing manager": (
        "You launch our new products and explain their value.",
        "Define positioning and messages|Prepare launches with sales and product|Study competitors and the market",
    ),
    "Support engineer": (
        "You solve our customers' technical problems in Brussels and by phone.",
        "Answer and investigate tickets|Reproduce bugs and report them to developers|Write help articles",
    ),
    "Customer support agent (Spanish)": (
        "For six months, you help our Spanish-speaking customers by phone and e-mail.",
        "Answer questions about our products|Guide users step by step|Pass on complex cases to the support engineers",
    ),
    "Technical writer": (
        "For one year, you write the documentation of our planner and its API, remotely.",
        "Write guides and reference pages|Work with developers on new features|Keep the documentation accurate",
    ),
    "Legal counsel": (
        "You advise the company on contracts, data protection and compliance.",
        "Draft and negotiate customer contracts|Advise on GDPR questions|Follow changes in the law",
    ),
    "Office manager": (
        "For one year, you make our Lyon office a pleasant place to work.",
        "Manage suppliers, supplies and building services|Welcome visitors and new employees|Organise team events",
    ),
}

# family: (the profile sought, what the team offers)
FAMILIES: dict[str, tuple[str, str]] = {
    "Engineering": (
        "You write clear code, test it, and like explaining your choices. You read English documentation with ease.",
        "Four-day hack weeks twice a year, a budget for conferences and a quiet office.",
    ),
    "Data": (
        "You are at ease with SQL and Python, and you check your figures before you share them.",
        "Real data at scale, a modern stack and time for research.",
    ),
    "Design": (
        "You have a portfolio that shows your process, not only the results.",
        "A design system to grow, and access to real users every week.",
    ),
    "Human resources": (
        "You are discreet, organised and you like people.",
        "A small team with a big say in how the company grows.",
    ),
    "Finance": (
        "You are rigorous, at ease with spreadsheets and accounting software.",
        "A finance team that values clear work and sensible hours.",
    ),
    "Sales": (
        "You listen before you speak and you keep your promises.",
        "An uncapped commission plan and a product customers love.",
    ),
    "Operations": (
        "You are practical, organised and safety-minded.",
        "Varied days, a caring team and paid overtime.",
    ),
    "Marketing": (
        "You write well and you know how to measure what works.",
        "Freedom to try new ideas and a budget to do it.",
    ),
    "Customer support": (
        "You are patient, clear and curious about technology.",
        "Training on our products and a team that helps each other.",
    ),
    "Legal": (
        "You have a law degree and experience in business contracts.",
        "A role at the heart of the company's decisions.",
    ),
}
# fmt: on


def offer_sections(
    title: str, family: str, cities: list[str], contract: str
) -> dict[str, Any]:
    """The description of one demo offer: its missions, its profile, then what we
    offer and the recruitment process."""
    about, tasks = JOBS[title]
    profile, perks = FAMILIES[family]
    items = "".join(f"<li>{task}.</li>" for task in tasks.split("|"))
    where = (
        f"You work from our office in {' and '.join(cities)}."
        if cities
        else "You work from home, anywhere in France, Belgium or Spain."
    )
    process = (
        "<p>A 30-minute call with HR, a conversation with the team "
        + ("and a short practical exercise, " if contract != "freelance" else "")
        + "then our answer within a week.</p>"
    )
    return {
        "missions": f"<p>{about}</p><ul>{items}</ul>",
        "profile": f"<p>{profile}</p>",
        "body": [
            {"type": "heading", "value": {"text": "What we offer", "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{perks} {where}</p>"},
            {
                "type": "heading",
                "value": {"text": "Recruitment process", "level": "h2"},
            },
            {"type": "paragraph", "value": process},
        ],
    }
