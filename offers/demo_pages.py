"""The demo's employer pages, loaded after the offers: three team pages, three
location pages, and the home page's sections built from the page blocks, with
illustrations the demo draws itself (``home/demo_images.py``)."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from home.demo_images import demo_image, portrait, scene
from home.models import HomePage

from .factories import (
    LocationIndexPageFactory,
    LocationPageFactory,
    TeamIndexPageFactory,
    TeamPageFactory,
)
from .models import (
    JobFamily,
    Location,
    LocationIndexPage,
    LocationPage,
    TeamIndexPage,
    TeamPage,
)

# An optional image left empty, as the editor stores it.
NO_IMAGE = {"image": None, "decorative": None, "alt_text": None}
VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"

# name, role, palette
PEOPLE = {
    "Engineering": [
        ("Inès Moreau", "Head of engineering", "dusk"),
        ("Tom Leroy", "Backend developer", "harbour"),
        ("Aïcha Benali", "Mobile developer", "forest"),
        ("Lucas Meyer", "Site reliability engineer", "slate"),
    ],
    "Data": [
        ("Sofia Rossi", "Data lead", "sunrise"),
        ("Hugo Lambert", "Data engineer", "harbour"),
        ("Chloé Dubois", "Data analyst", "sand"),
    ],
    "Sales": [
        ("Marc Janssens", "Sales director, Benelux", "slate"),
        ("Laura García", "Account executive, Barcelona", "sunrise"),
        ("Nina Petit", "Customer success manager", "forest"),
    ],
}
# family: (page title, palette, introduction, a quote of its second member)
TEAMS = {
    "Engineering": (
        "Engineering",
        "harbour",
        "Twenty-five developers in Lyon, Paris and Nantes, and a few at home, build "
        "the route planner, the driver app and the platform they run on. Squads of "
        "four or five own their product, from the first sketch to production.",
        "We deploy forty times a week and nobody is afraid of Friday afternoons: "
        "the tests, the reviews and the rollbacks are there for that.",
    ),
    "Data": (
        "Data",
        "dusk",
        "Our data team turns millions of delivery scans into forecasts customers "
        "trust, and answers the questions of every other team with figures.",
        "The model I trained last spring now tells 2 million people a day when "
        "their parcel arrives.",
    ),
    "Sales": (
        "Sales and customer success",
        "sunrise",
        "From the first call to the tenth year of partnership, our sales and "
        "customer success people help logistics companies plan better.",
        "I sell a product our customers recommend to each other: half of my "
        "meetings start with “a friend told me about you”.",
    ),
}
# family: (the team page's hero: heading, text)
HEROES = {
    "Engineering": (
        "Ship small, ship often",
        "Every squad deploys its own work, several times a day, with tests and "
        "reviews as its safety net.",
    ),
    "Data": (
        "From scans to forecasts",
        "Two million parcels a day feed the models that tell people when their "
        "delivery comes.",
    ),
    "Sales": (
        "Customers who stay",
        "Nine customers in ten renew each year: we sell what we can deliver.",
    ),
}
# city: (title, palette, introduction, address, getting there)
PLACES = {
    "Lyon": (
        "Lyon, our headquarters",
        "sunrise",
        "Our largest office, by the Rhône: 90 people, a roof terrace and the "
        "canteen everyone talks about.",
        "Northwind\n12 quai Saint-Antoine\n69002 Lyon\nFrance",
        "Metro A, Cordeliers station, 4 minutes' walk. Tram T1, Quai Claude "
        "Bernard. Bicycle parking in the courtyard; showers on the ground floor. "
        "Step-free entrance on rue Grenette and a lift to every floor.",
    ),
    "Paris": (
        "Paris, by the canal",
        "slate",
        "50 people beside the Canal Saint-Martin: sales, data and part of "
        "engineering, in a former printing house.",
        "Northwind\n48 quai de Jemmapes\n75010 Paris\nFrance",
        "Metro 5, Jacques Bonsergent, or metro 2, 5 and 7bis, Jaurès. Vélib' "
        "stations on both banks. The entrance and every floor are step-free.",
    ),
    "Brussels": (
        "Brussels, for the Benelux",
        "forest",
        "Our Benelux team of 20 works in a bright loft near the Grand-Place, "
        "speaking French, Dutch and English in the same meeting.",
        "Northwind\nRue du Marché aux Herbes 80\n1000 Brussels\nBelgium",
        "Five minutes' walk from Brussels-Central station; metro 1 and 5, "
        "Gare Centrale. Covered bicycle parking. Lift to the third floor.",
    ),
}


def picture(image, alt: str = "") -> dict[str, Any]:
    """The raw value of an image block (decorative without ``alt``)."""
    return {"image": image.pk, "decorative": not alt, "alt_text": alt}


def person(name: str, role: str, palette: str) -> dict[str, Any]:
    photo = demo_image(f"Portrait of {name}", lambda: portrait(name, palette))
    return {"photo": picture(photo), "name": name, "role": role}


def office_photo(city: str, number: int, palette: str):
    return demo_image(
        f"{city} office, view {number}",
        lambda: scene(palette, sum(map(ord, city)) + number),
    )


def load_teams(home: HomePage, families: dict[str, JobFamily]) -> TeamIndexPage:
    index = TeamIndexPage.objects.child_of(home).first() or TeamIndexPageFactory(
        parent=home,
        title="Our teams",
        slug="teams",
        introduction="Meet the people you would work with, and see their open offers.",
    )
    existing = set(
        TeamPage.objects.child_of(index).values_list("job_family", flat=True)
    )
    for seed, (family, (title, palette, intro, quote)) in enumerate(TEAMS.items()):
        if families[family].pk in existing:
            continue
        image = demo_image(f"{title} team", lambda p=palette, s=seed: scene(p, 10 + s))
        people = [person(*member) for member in PEOPLE[family]]
        speaker = people[1]
        body: list[dict[str, Any]] = [
            {
                "type": "hero",
                "value": {
                    "image": picture(image),
                    "heading": HEROES[family][0],
                    "text": HEROES[family][1],
                    "button": {"text": "", "page": None},
                },
            },
        ]
        if family == "Engineering":
            body += [
                {
                    "type": "key_figures",
                    "value": {
                        "heading": "The team in figures",
                        "figures": [
                            {"figure": "25", "label": "developers and SREs"},
                            {"figure": "40", "label": "deployments a week"},
                            {"figure": "10 %", "label": "of time for learning"},
                        ],
                    },
                },
                {
                    "type": "faq_section",
                    "value": {
                        "title": "Questions developers ask us",
                        "questions": [
                            {
                                "question": "Which languages do you use?",
                                "answer": "<p>Python and Django on the server, "
                                "Kotlin on Android, plain JavaScript in the browser "
                                "and a little C in the vans.</p>",
                            },
                            {
                                "question": "Can I work from home?",
                                "answer": "<p>Two days a week for most jobs; a few "
                                "are fully remote, as their offers say.</p>",
                            },
                        ],
                    },
                },
            ]
        TeamPageFactory(
            parent=index,
            title=title,
            slug=title.split()[0].lower(),
            job_family=families[family],
            introduction=intro,
            listing_summary=intro.split(".")[0] + ".",
            image=image,
            people=[{"type": "person", "value": member} for member in people],
            quotes=[
                {
                    "type": "quote",
                    "value": {
                        "quote": quote,
                        "name": speaker["name"],
                        "role": speaker["role"],
                        "photo": speaker["photo"],
                    },
                }
            ],
            body=body,
        )
    return index


def load_places(home: HomePage, locations: dict[str, Location]) -> LocationIndexPage:
    index = LocationIndexPage.objects.child_of(
        home
    ).first() or LocationIndexPageFactory(
        parent=home,
        title="Our offices",
        slug="offices",
        introduction="Where we work, how to get there, and the offers in each place.",
    )
    existing = set(
        LocationPage.objects.child_of(index).values_list("location", flat=True)
    )
    for city, (title, palette, intro, address, access) in PLACES.items():
        if locations[city].pk in existing:
            continue
        photos = [office_photo(city, number, palette) for number in (1, 2, 3)]
        LocationPageFactory(
            parent=index,
            title=title,
            slug=city.lower(),
            location=locations[city],
            introduction=intro,
            listing_summary=intro.split(":")[0].split(",")[0] + ".",
            image=photos[0],
            address=address,
            getting_there=access,
            photos=[
                {
                    "type": "photo",
                    "value": {
                        "image": picture(
                            photo, f"An illustration of the {city} office"
                        ),
                        "caption": caption,
                    },
                }
                for photo, caption in zip(
                    photos,
                    ["The building", "The open space", "The terrace"],
                    strict=True,
                )
            ],
        )
    return index


def load_home_sections(
    home: HomePage,
    families: dict[str, JobFamily],
    locations: dict[str, Location],
    teams: Page,
) -> None:
    """The home page's sections, made of the page blocks (left as they are
    once the home page has some)."""
    if home.body:
        return
    lyon = office_photo("Lyon", 1, PLACES["Lyon"][1])
    products = demo_image("Route planner", lambda: scene("harbour", 42))
    leaders = PEOPLE["Engineering"][:1] + PEOPLE["Data"][:1] + PEOPLE["Sales"][:2]
    home.body = [
        {
            "type": "key_figures",
            "value": {
                "heading": "Northwind in figures",
                "figures": [
                    {"figure": "400", "label": "customers in 11 countries"},
                    {"figure": "180", "label": "colleagues in 6 cities"},
                    {"figure": "2 M", "label": "parcels planned every day"},
                    {"figure": "4.6/5", "label": "from our employees' survey"},
                ],
            },
        },
        {
            "type": "text_with_image",
            "value": {
                "heading": "Software that keeps Europe's parcels moving",
                "text": "<p>Our route planner and driver app are used by carriers, "
                "wholesalers and retailers to deliver on time with fewer "
                "kilometres. We build them in small teams that own their product "
                "and talk to its users every week.</p>",
                "image": picture(products),
                "image_position": "left",
            },
        },
        {
            "type": "benefits",
            "value": {
                "heading": "What we offer",
                "benefits": [
                    {
                        "icon": "home",
                        "image": NO_IMAGE,
                        "title": "Two days from home",
                        "text": "Each week for most jobs, and a budget for your desk.",
                    },
                    {
                        "icon": "book",
                        "image": NO_IMAGE,
                        "title": "Five training days",
                        "text": "Every year, on the subject you choose.",
                    },
                    {
                        "icon": "heart",
                        "image": NO_IMAGE,
                        "title": "Full health cover",
                        "text": "For you and your family, paid by the company.",
                    },
                    {
                        "icon": "clock",
                        "image": NO_IMAGE,
                        "title": "Flexible hours",
                        "text": "Start between 8 and 10, leave when your day is done.",
                    },
                    {
                        "icon": "people",
                        "image": NO_IMAGE,
                        "title": "Parental leave",
                        "text": "Eight extra weeks on full pay for every parent.",
                    },
                    {
                        "icon": "leaf",
                        "image": NO_IMAGE,
                        "title": "Green commute",
                        "text": "Half your transport pass and a bike allowance.",
                    },
                ],
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "I joined as an intern four years ago; today I lead the "
                "mobile squad. People here give you room to grow.",
                "name": "Aïcha Benali",
                "role": "Mobile developer, Nantes",
                "photo": person(*PEOPLE["Engineering"][2])["photo"],
            },
        },
        {
            "type": "people",
            "value": {
                "heading": "Some of the people you would meet",
                "people": [person(*member) for member in leaders],
            },
        },
        {
            "type": "video",
            "value": {
                "title": "A day at the Lyon office (3 minutes)",
                "document": None,
                "external_url": VIDEO_URL,
                "poster": picture(lyon),
                "transcript": "Inès shows the Lyon office: the squads' rooms, "
                "the terrace and the canteen. Tom and Aïcha explain how a "
                "feature goes from an idea to the drivers' phones.",
            },
        },
        {
            "type": "gallery",
            "value": {
                "heading": "Our offices",
                "images": [
                    {
                        "image": picture(
                            office_photo(city, 1, palette),
                            f"An illustration of the {city} office",
                        ),
                        "caption": city,
                    }
                    for city, (_, palette, *_rest) in PLACES.items()
                ],
            },
        },
        {
            "type": "latest_offers",
            "value": {
                "heading": "Developer jobs in Lyon",
                "job_family": families["Engineering"].pk,
                "location": locations["Lyon"].pk,
                "count": 3,
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Who would you work with?",
                "body": "Each team tells what it does, who is in it and which "
                "offers it has open.",
                "text": "Meet our teams",
                "page": teams.pk,
            },
        },
    ]
    home.save_revision().publish()
