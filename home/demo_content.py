# ruff: noqa: E501
"""The demo council's content, written as data. `home.demo` loads it.

Borsetshire is fictional (from The Archers); phone numbers are in Ofcom's drama
range (01632 960xxx) and web addresses use example domains.
"""


def h(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def p(html):
    return ("paragraph", html)


def cta(text, url, start=True):
    return ("call_to_action", {"text": text, "url": url, "page": None, "start_button": start})


def inset(html):
    return ("inset_text", html)


def warn(text):
    return ("warning_text", {"text": text})


def details(summary, html):
    return ("details", {"summary": summary, "content": html})


def accordion(*sections):
    return ("accordion", {"sections": [{"heading": s[0], "summary": "", "content": s[1]} for s in sections]})


def table(caption, rows, header=True):
    return (
        "table",
        {"data": rows, "first_row_is_table_header": header, "first_col_is_header": False, "table_caption": caption},
    )


def document(key):
    """A document link block; the loader swaps the key for the document's id."""
    return ("document", {"__document__": key})


def contact(key):
    """A contact details block; the loader swaps the key for the snippet's id."""
    return ("contact", {"__contact__": key})


CONTACTS = {
    "customer-services": {
        "name": "Customer services",
        "phone": "01632 960 000",
        "phone_text": "Textphone: 18001 then 01632 960 000",
        "email": "customer.services@borsetshire.example",
        "address": "Borsetshire Council\nBorchester Town Hall\nMarket Square\nBorchester\nBC1 1AA",
        "opening_hours": "Monday to Friday, 8:30am to 5pm\nClosed on bank holidays",
    },
    "waste": {
        "name": "Waste and recycling team",
        "phone": "01632 960 101",
        "email": "waste@borsetshire.example",
        "opening_hours": "Monday to Friday, 8am to 5pm\nSaturday, 9am to 12pm",
    },
    "council-tax": {
        "name": "Council tax team",
        "phone": "01632 960 202",
        "email": "counciltax@borsetshire.example",
        "opening_hours": "Monday to Friday, 9am to 4:30pm",
    },
    "parking": {
        "name": "Parking services",
        "phone": "01632 960 303",
        "email": "parking@borsetshire.example",
        "opening_hours": "Monday to Friday, 9am to 5pm",
    },
    "planning": {
        "name": "Planning and building control",
        "phone": "01632 960 404",
        "email": "planning@borsetshire.example",
        "opening_hours": "Monday to Thursday, 9am to 5pm\nFriday, 9am to 4:30pm",
    },
    "housing": {
        "name": "Housing options",
        "phone": "01632 960 505",
        "phone_text": "Out of hours emergency: 01632 960 999",
        "email": "housing@borsetshire.example",
        "opening_hours": "Monday to Friday, 9am to 5pm",
    },
    "accessibility": {
        "name": "Digital team",
        "email": "web@borsetshire.example",
        "phone": "01632 960 000",
        "address": "Digital team\nBorsetshire Council\nBorchester Town Hall\nMarket Square\nBorchester\nBC1 1AA",
    },
}


# The four pages the other apps' tests rely on: directly under the home page.
TOP_PAGES = [
    {
        "slug": "bins-and-recycling",
        "title": "Bins and recycling",
        "summary": "Collection days, missed bins, bulky waste and the recycling centre.",
        "body": [
            h("Collection days"),
            p(
                "<p>General waste and recycling are collected on alternate weeks. Put your bins out by 7am on your collection day.</p>"
            ),
            cta("Find your collection day", "https://www.example.com/bin-days"),
            h("If your bin was missed"),
            p(
                "<p>Report a missed bin within 2 working days of your collection day and we will return within 3 working days.</p>"
            ),
            details(
                "Why your bin may not have been emptied",
                "<p>We may not empty a bin that is too heavy, has the lid open, or contains the wrong things. The crew leaves a tag on the handle to tell you why.</p>",
            ),
            contact("waste"),
        ],
    },
    {
        "slug": "council-tax",
        "title": "Council tax",
        "summary": "Pay your council tax, check your band, apply for a discount or tell us you are moving.",
        "body": [
            h("Ways to pay"),
            p(
                "<p>Direct Debit is the easiest way to pay. You can choose to pay on the 1st, 8th, 15th or 22nd of the month.</p>"
            ),
            h("Discounts"),
            p("<p>If you live alone you may get a 25% single person discount.</p>"),
            inset(
                "<p>If you are finding it hard to pay, contact us as soon as possible. We can often spread the cost.</p>"
            ),
            contact("council-tax"),
        ],
    },
    {
        "slug": "parking",
        "title": "Parking",
        "summary": "Permits, penalty charge notices and car parks.",
        "body": [
            h("Pay a parking fine"),
            p("<p>Pay within 14 days to pay the reduced rate. You will need the penalty charge notice number.</p>"),
            warn("If you do not pay or challenge a penalty charge notice within 28 days, the charge goes up by half."),
            contact("parking"),
        ],
    },
    {
        "slug": "contact-us",
        "title": "Contact us",
        "summary": "Phone, email and visit the council.",
        "body": [
            p(
                "<p>Call 01632 960 000, Monday to Friday 8:30am to 5pm. Our customer service centre is at Borchester Town Hall, Market Square.</p>"
            ),
            contact("customer-services"),
            h("Emergencies out of hours"),
            p(
                "<p>For emergencies such as a dangerous building, a blocked road or homelessness tonight, call 01632 960 999.</p>"
            ),
        ],
    },
]


def info(slug, title, summary, *body):
    return {"type": "information", "slug": slug, "title": title, "summary": summary, "body": list(body)}


def guide(slug, title, summary, *parts):
    return {
        "type": "guide",
        "slug": slug,
        "title": title,
        "summary": summary,
        "parts": [{"title": part[0], "body": list(part[1:])} for part in parts],
    }


CATEGORIES = [
    {
        "slug": "rubbish-and-recycling",
        "title": "Rubbish and recycling",
        "summary": "Bin collections, recycling centres, bulky waste and fly-tipping.",
        "children": [
            info(
                "bin-collection-days",
                "Bin collection days",
                "Find out which bins we collect and when.",
                p(
                    "<p>We empty your general waste bin (green) and your recycling bin (blue) on alternate weeks, and your food caddy every week.</p>"
                ),
                cta("Find your collection day", "https://www.example.com/bin-days"),
                table(
                    "What we collect and how often",
                    [
                        ["Bin", "What goes in it", "How often"],
                        ["Green bin", "General waste that cannot be recycled", "Every 2 weeks"],
                        ["Blue bin", "Paper, card, cans, plastic bottles and tubs", "Every 2 weeks"],
                        ["Food caddy", "All food waste, cooked and uncooked", "Every week"],
                        ["Brown bin", "Garden waste (subscription)", "Every 2 weeks, March to November"],
                    ],
                ),
                contact("waste"),
            ),
            info(
                "report-a-missed-bin",
                "Report a missed bin",
                "Tell us if we did not collect your bin on your collection day.",
                p(
                    "<p>You can report a missed bin from 4pm on your collection day until the end of the second working day after it.</p>"
                ),
                cta("Report a missed bin", "https://www.example.com/missed-bin"),
                details(
                    "If your whole street was missed",
                    "<p>Check the service updates on our home page first. If a crew could not reach your street, we will return without you needing to report it.</p>",
                ),
            ),
            info(
                "garden-waste-collections",
                "Garden waste collections",
                "Subscribe to have your garden waste collected every 2 weeks.",
                p(
                    "<p>A subscription costs £52 a year for one brown bin. Collections run from March to the end of November.</p>"
                ),
                cta("Subscribe to garden waste collections", "https://www.example.com/garden-waste"),
                accordion(
                    (
                        "What can go in your brown bin",
                        "<p>Grass cuttings, hedge trimmings, leaves, flowers and small branches.</p>",
                    ),
                    (
                        "What cannot go in your brown bin",
                        "<p>Soil, turf, food waste, animal waste or plastic bags.</p>",
                    ),
                ),
            ),
            info(
                "bulky-waste-collection",
                "Bulky waste collection",
                "Book a collection for large items such as furniture and fridges.",
                p("<p>We collect up to 5 large items for £38. Fridges and freezers cost £30 each.</p>"),
                cta("Book a bulky waste collection", "https://www.example.com/bulky-waste"),
                inset("<p>If you receive Council Tax Support, your first collection each year is free.</p>"),
            ),
            info(
                "household-recycling-centres",
                "Household recycling centres",
                "Opening times and what you can take to Borchester and Hollerton recycling centres.",
                table(
                    "Opening times",
                    [
                        ["Centre", "Summer (April to September)", "Winter (October to March)"],
                        ["Borchester, Felpersham Road", "8am to 6pm every day", "8am to 4pm every day"],
                        ["Hollerton, Station Lane", "9am to 5pm, Thursday to Monday", "9am to 4pm, Thursday to Monday"],
                    ],
                ),
                warn("Vans and trailers need a permit. Book one at least 2 days before you visit."),
            ),
            info(
                "what-goes-in-which-bin",
                "What goes in which bin",
                "A guide to sorting your rubbish and recycling.",
                p(
                    "<p>Rinse cans, bottles and tubs before you recycle them. Put recycling in your bin loose, not in carrier bags.</p>"
                ),
                accordion(
                    (
                        "Blue bin",
                        "<p>Paper, cardboard, food tins, drinks cans, plastic bottles, pots, tubs and trays.</p>",
                    ),
                    ("Green bin", "<p>Nappies, crisp packets, plastic film, polystyrene and broken crockery.</p>"),
                    ("Food caddy", "<p>Leftovers, peelings, tea bags, coffee grounds, bones and eggshells.</p>"),
                ),
            ),
            info(
                "new-or-replacement-bin",
                "Get a new or replacement bin",
                "Order a bin if yours is lost, stolen or damaged, or you have moved into a new home.",
                p("<p>A replacement bin costs £27 including delivery. Recycling boxes and food caddies are free.</p>"),
                cta("Order a bin", "https://www.example.com/order-bin"),
            ),
            info(
                "fly-tipping",
                "Report fly-tipping",
                "Tell us about rubbish dumped on public land.",
                p("<p>Fly-tipping is illegal. We will remove it from public land within 5 working days.</p>"),
                cta("Report fly-tipping", "https://www.example.com/fly-tipping"),
                warn("Do not touch fly-tipped waste: it could contain needles, asbestos or chemicals."),
            ),
        ],
    },
    {
        "slug": "council-tax-and-benefits",
        "title": "Council tax and benefits",
        "summary": "Pay, check your band, get a discount and apply for help with housing costs.",
        "children": [
            info(
                "pay-your-council-tax",
                "Pay your council tax",
                "Pay online, by Direct Debit, by phone or at a Post Office.",
                p("<p>You will need your council tax account number. It starts with 5 and is on your bill.</p>"),
                cta("Pay your council tax", "https://www.example.com/pay"),
                accordion(
                    ("Direct Debit", "<p>Choose to pay on the 1st, 8th, 15th or 22nd, over 10 or 12 months.</p>"),
                    ("By phone", "<p>Call our automated line on 01632 960 222, open every day.</p>"),
                    ("At a Post Office or PayPoint", "<p>Take your bill, which has a barcode on it.</p>"),
                ),
            ),
            info(
                "council-tax-bands-and-charges",
                "Council tax bands and charges 2026 to 2027",
                "How much council tax you pay in each band.",
                table(
                    "Annual charges by band, Borchester parish",
                    [
                        ["Band", "Property value in 1991", "Annual charge"],
                        ["A", "Up to £40,000", "£1,498.20"],
                        ["B", "£40,001 to £52,000", "£1,747.90"],
                        ["C", "£52,001 to £68,000", "£1,997.60"],
                        ["D", "£68,001 to £88,000", "£2,247.30"],
                        ["E", "£88,001 to £120,000", "£2,746.70"],
                        ["F", "£120,001 to £160,000", "£3,246.10"],
                        ["G", "£160,001 to £320,000", "£3,745.50"],
                        ["H", "More than £320,000", "£4,494.60"],
                    ],
                ),
                p(
                    '<p>The Valuation Office Agency sets your band. You can <a href="https://www.gov.uk/challenge-council-tax-band">challenge your band on GOV.UK</a>.</p>'
                ),
                document("council-tax-leaflet"),
            ),
            info(
                "council-tax-discounts-and-exemptions",
                "Council tax discounts and exemptions",
                "Single person discount, students, empty homes and disability reductions.",
                p("<p>You get a 25% discount if you are the only adult living in your home.</p>"),
                accordion(
                    ("Students", "<p>Homes where everyone is a full-time student do not pay council tax.</p>"),
                    (
                        "Disabled band reduction",
                        "<p>If your home has been adapted for a disabled person, we may charge one band lower.</p>",
                    ),
                    ("Empty and unfurnished homes", "<p>Homes empty for more than 1 year pay double council tax.</p>"),
                ),
                cta("Apply for a discount", "https://www.example.com/discount"),
            ),
            info(
                "moving-home",
                "Tell us you are moving home",
                "Update your council tax when you move into, out of or within Borsetshire.",
                p("<p>Tell us at least 2 weeks before you move. We will send a final bill or a new bill.</p>"),
                cta("Tell us you are moving", "https://www.example.com/moving"),
            ),
            guide(
                "housing-benefit-and-council-tax-support",
                "Housing Benefit and Council Tax Support",
                "Help with your rent and council tax if you are on a low income.",
                (
                    "Overview",
                    p(
                        "<p>Council Tax Support lowers your council tax bill. Housing Benefit helps pay your rent if you have reached State Pension age or live in supported housing.</p>"
                    ),
                    inset("<p>Most people of working age now claim help with rent through Universal Credit.</p>"),
                ),
                (
                    "Eligibility",
                    p(
                        "<p>You may be able to get help if you are on a low income, whether or not you work. Savings over £16,000 usually mean you cannot get help.</p>"
                    ),
                ),
                (
                    "What you will get",
                    p(
                        "<p>Council Tax Support can reduce your bill by up to 85% if you are of working age, and up to 100% if you have reached State Pension age.</p>"
                    ),
                ),
                (
                    "How to claim",
                    p("<p>Apply online. You will need proof of your income, savings and rent.</p>"),
                    cta("Apply for Council Tax Support", "https://www.example.com/cts"),
                ),
            ),
            info(
                "help-if-you-are-struggling-to-pay",
                "Help if you are struggling to pay",
                "Spread your council tax payments, get debt advice and apply for hardship help.",
                p("<p>Contact us as soon as you think you might miss a payment. We can change your instalments.</p>"),
                p(
                    '<p>Free, confidential debt advice is available from <a href="https://www.citizensadvice.org.uk/">Citizens Advice</a>.</p>'
                ),
                contact("council-tax"),
            ),
        ],
    },
    {
        "slug": "parking-and-travel",
        "title": "Parking and travel",
        "summary": "Parking permits and fines, car parks, Blue Badges and bus passes.",
        "children": [
            info(
                "resident-parking-permits",
                "Resident parking permits",
                "Apply for a permit to park in a controlled parking zone near your home.",
                table(
                    "Permit prices",
                    [
                        ["Permit", "Price for 12 months"],
                        ["First car", "£60"],
                        ["Second car", "£120"],
                        ["Visitor (20 days)", "£25"],
                    ],
                ),
                cta("Apply for a permit", "https://www.example.com/permit"),
            ),
            info(
                "pay-a-parking-fine",
                "Pay a parking fine",
                "Pay a penalty charge notice online or by phone.",
                p("<p>Pay within 14 days to pay half the charge.</p>"),
                cta("Pay a parking fine", "https://www.example.com/pcn"),
            ),
            info(
                "challenge-a-parking-fine",
                "Challenge a parking fine",
                "How to appeal against a penalty charge notice.",
                p(
                    "<p>You can challenge a fine if you think it was given unfairly. Send your challenge within 14 days to keep the reduced rate while we consider it.</p>"
                ),
                details(
                    "What happens if we reject your challenge",
                    "<p>You can appeal to the independent Traffic Penalty Tribunal.</p>",
                ),
            ),
            info(
                "car-parks",
                "Car parks",
                "Locations, prices and opening times of council car parks.",
                table(
                    "Council car parks",
                    [
                        ["Car park", "Spaces", "Up to 2 hours", "All day"],
                        ["Borchester, Market Square", "120", "£2.40", "£7.00"],
                        ["Borchester, Station Road", "340", "£2.00", "£5.50"],
                        ["Hollerton, High Street", "85", "£1.60", "£4.00"],
                    ],
                ),
            ),
            guide(
                "blue-badge",
                "Blue Badge parking",
                "Apply for, renew or report a problem with a Blue Badge.",
                (
                    "Overview",
                    p(
                        "<p>A Blue Badge helps you park closer to where you need to go if you are disabled or have a health condition that affects your mobility.</p>"
                    ),
                ),
                (
                    "Who can apply",
                    p(
                        "<p>You automatically qualify if you get the higher rate of the mobility component of Disability Living Allowance, or 8 points or more in the moving around activity of Personal Independence Payment.</p>"
                    ),
                ),
                (
                    "How to apply",
                    p("<p>Apply on GOV.UK. A badge costs £10 and lasts up to 3 years.</p>"),
                    cta("Apply for a Blue Badge", "https://www.gov.uk/apply-blue-badge"),
                ),
                (
                    "Lost or stolen badges",
                    p("<p>Report a stolen badge to the police and tell us. A replacement costs £10.</p>"),
                ),
            ),
            info(
                "concessionary-bus-passes",
                "Older person's and disabled person's bus passes",
                "Free off-peak bus travel in England.",
                p(
                    "<p>You can get a bus pass when you reach State Pension age, or if you are eligible because of a disability.</p>"
                ),
                cta("Apply for a bus pass", "https://www.example.com/bus-pass"),
            ),
        ],
    },
    {
        "slug": "roads-and-streets",
        "title": "Roads and streets",
        "summary": "Potholes, street lights, gritting, roadworks and street cleaning.",
        "children": [
            info(
                "report-a-pothole",
                "Report a pothole",
                "Tell us about potholes and other damage to roads and pavements.",
                p(
                    "<p>We inspect reported potholes within 5 working days. Dangerous ones are made safe within 24 hours.</p>"
                ),
                cta("Report a pothole", "https://www.example.com/pothole"),
                warn("If the damage is an immediate danger to road users, call 01632 960 999 now."),
            ),
            info(
                "street-lighting-faults",
                "Report a street light fault",
                "Tell us about a street light that is out, flickering or damaged.",
                p(
                    "<p>We fix most faults within 10 working days. Faults on the electricity supply can take longer.</p>"
                ),
            ),
            info(
                "gritting-and-winter-roads",
                "Gritting and winter roads",
                "Which roads we grit and where to find grit bins.",
                p(
                    "<p>We grit 1,100 kilometres of main roads when ice or snow is forecast, starting at 6pm and 4am.</p>"
                ),
                inset("<p>Grit bins are for use on roads and pavements, not on private drives.</p>"),
            ),
            info(
                "roadworks-and-closures",
                "Roadworks and road closures",
                "Planned roadworks, closures and diversions.",
                p(
                    '<p>Roadworks by us and by utility companies are shown on <a href="https://one.network/">one.network</a>.</p>'
                ),
            ),
            info(
                "dropped-kerbs",
                "Apply for a dropped kerb",
                "Get permission to lower the kerb so you can drive onto your property.",
                p("<p>An application costs £120, which we do not refund if we refuse it.</p>"),
                cta("Apply for a dropped kerb", "https://www.example.com/dropped-kerb"),
            ),
            info(
                "street-cleaning",
                "Street cleaning",
                "Report litter, graffiti, dog fouling and overflowing litter bins.",
                p("<p>We remove offensive graffiti within 24 hours and other graffiti within 5 working days.</p>"),
                cta("Report a street cleaning problem", "https://www.example.com/street-cleaning", start=False),
            ),
        ],
    },
    {
        "slug": "parks-and-leisure",
        "title": "Parks and leisure",
        "summary": "Parks, allotments, leisure centres, libraries and sports pitches.",
        "children": [
            info(
                "parks-and-open-spaces",
                "Parks and open spaces",
                "Find a park, country park or nature reserve.",
                p(
                    "<p>We look after 46 parks, including Lakey Hill country park and the riverside gardens in Borchester.</p>"
                ),
            ),
            info(
                "allotments",
                "Allotments",
                "Apply for an allotment and see waiting times.",
                p(
                    "<p>A full plot costs £68 a year and a half plot £34. Waiting times are between 6 and 18 months.</p>"
                ),
                cta("Join the allotment waiting list", "https://www.example.com/allotments"),
            ),
            info(
                "leisure-centres",
                "Leisure centres",
                "Swimming, gyms and classes at Borchester and Hollerton leisure centres.",
                p("<p>Our leisure centres are run by Borsetshire Leisure Trust on our behalf.</p>"),
            ),
            info(
                "libraries",
                "Libraries",
                "Join the library, renew books and find your local library.",
                p("<p>Joining is free. You can borrow up to 20 books, e-books and audiobooks at a time.</p>"),
                cta("Join the library", "https://www.example.com/library"),
            ),
            info(
                "book-a-sports-pitch",
                "Book a sports pitch",
                "Hire football, rugby and cricket pitches.",
                p("<p>Book at least 7 days ahead. Season bookings for clubs open on 1 June.</p>"),
            ),
            info(
                "play-areas",
                "Play areas",
                "Find a play area and report damaged equipment.",
                p("<p>We inspect every play area weekly. Report damage so we can make it safe.</p>"),
            ),
        ],
    },
    {
        "slug": "planning-and-building-control",
        "title": "Planning and building control",
        "summary": "Planning applications, building regulations, trees and the Local Plan.",
        "children": [
            guide(
                "apply-for-planning-permission",
                "Apply for planning permission",
                "Find out if you need planning permission and how to apply.",
                (
                    "Do you need planning permission",
                    p(
                        "<p>Many small changes to houses are permitted development and do not need planning permission. Listed buildings and conservation areas have stricter rules.</p>"
                    ),
                ),
                (
                    "Pre-application advice",
                    p(
                        "<p>Our planning officers can give advice before you apply. Advice for a householder costs £96.</p>"
                    ),
                ),
                (
                    "How to apply",
                    p("<p>Apply through the Planning Portal. You will need site plans and drawings.</p>"),
                    cta("Apply on the Planning Portal", "https://www.planningportal.co.uk/"),
                ),
                (
                    "After you apply",
                    p(
                        "<p>We decide most householder applications within 8 weeks, and major applications within 13 weeks.</p>"
                    ),
                ),
            ),
            info(
                "comment-on-a-planning-application",
                "Comment on a planning application",
                "Search planning applications and tell us what you think.",
                p("<p>You have 21 days from the date of the neighbour letter or site notice to comment.</p>"),
                warn("Comments are published on our website with your name and address."),
            ),
            info(
                "building-regulations",
                "Building regulations",
                "Apply for building regulations approval and book an inspection.",
                p("<p>Building regulations make sure building work is safe, healthy and energy efficient.</p>"),
            ),
            info(
                "tree-preservation-orders",
                "Tree preservation orders",
                "Check if a tree is protected and apply to do work on it.",
                p("<p>You must apply for consent to prune or fell a protected tree. There is no fee.</p>"),
            ),
            info(
                "local-plan",
                "Borsetshire Local Plan",
                "The plan for new homes, jobs and infrastructure to 2041.",
                p("<p>The Local Plan was adopted in March 2025. It guides all planning decisions in Borsetshire.</p>"),
            ),
            info(
                "report-a-planning-breach",
                "Report a planning breach",
                "Tell us about building work or a change of use without permission.",
                p(
                    "<p>We investigate all reports. We may not be able to tell you the outcome if it involves personal information.</p>"
                ),
            ),
        ],
    },
    {
        "slug": "housing",
        "title": "Housing",
        "summary": "Council housing, homelessness, repairs, private renting and grants.",
        "children": [
            guide(
                "apply-for-council-housing",
                "Apply for council housing",
                "Join the housing register and bid for a council or housing association home.",
                (
                    "Overview",
                    p(
                        "<p>Borsetshire Homechoice is the housing register for council and housing association homes in Borsetshire.</p>"
                    ),
                ),
                (
                    "Who can join",
                    p(
                        "<p>You must be 18 or over and have lived in Borsetshire for at least 2 years, with some exceptions.</p>"
                    ),
                ),
                (
                    "Bands and priority",
                    table(
                        "Priority bands",
                        [
                            ["Band", "Who is in it"],
                            ["A", "Urgent need, such as a serious medical need"],
                            ["B", "High need, such as overcrowding by 2 bedrooms"],
                            ["C", "Other housing need"],
                        ],
                    ),
                ),
                (
                    "How to apply",
                    cta("Apply to join the register", "https://www.example.com/homechoice"),
                ),
            ),
            info(
                "homeless-or-at-risk",
                "Homeless or at risk of homelessness",
                "Get help if you have nowhere to stay tonight or might lose your home.",
                warn("If you have nowhere safe to stay tonight, call 01632 960 505, or 01632 960 999 out of hours."),
                p("<p>Contact us as soon as you get an eviction notice. The sooner we know, the more we can do.</p>"),
                contact("housing"),
            ),
            info(
                "council-home-repairs",
                "Report a repair to your council home",
                "Report repairs if you rent your home from the council.",
                p("<p>We fix emergency repairs within 24 hours and routine repairs within 20 working days.</p>"),
                cta("Report a repair", "https://www.example.com/repairs"),
            ),
            info(
                "private-renting-problems",
                "Problems with a private landlord",
                "Get help with disrepair, damp and mould, or an illegal eviction.",
                p("<p>Talk to your landlord first. If they do not put things right, we can inspect your home.</p>"),
            ),
            info(
                "disabled-facilities-grants",
                "Disabled facilities grants",
                "Grants of up to £30,000 to adapt your home.",
                p("<p>A grant can pay for a stairlift, a level-access shower or a ramp.</p>"),
            ),
            info(
                "hmo-licensing",
                "Houses in multiple occupation",
                "Licences for homes shared by 5 or more people from 2 or more households.",
                p("<p>A licence costs £1,150 and lasts 5 years.</p>"),
            ),
        ],
    },
]

PRIVACY_NOTICE = info(
    "privacy-notice",
    "Privacy notice",
    "How Borsetshire Council uses your personal information.",
    p(
        "<p>Borsetshire Council is the data controller for the personal information you give us. Our Data Protection Officer is at dpo@borsetshire.example.</p>"
    ),
    h("What we collect and why"),
    p(
        "<p>We collect the information we need to deliver the service you ask for: for example your name, address and contact details when you report a problem or apply for something.</p>"
    ),
    h("Our legal basis"),
    p("<p>Most of what we do is a public task or a legal obligation under UK GDPR Article 6(1)(c) and (e).</p>"),
    h("How long we keep it"),
    p("<p>We keep information only as long as our retention schedule says, then delete or anonymise it.</p>"),
    h("Your rights"),
    p(
        '<p>You can ask for a copy of your information, ask us to correct it, and in some cases to delete it. You can complain to the <a href="https://ico.org.uk/">Information Commissioner\'s Office</a>.</p>'
    ),
)

NEWS = [
    (
        "new-food-waste-collections",
        "Weekly food waste collections start in April",
        "Every home will get a kerbside caddy and a supply of liners.",
    ),
    (
        "council-tax-2026",
        "Council tax for 2026 to 2027 agreed",
        "Full council has set a 4.99% rise, including 2% for adult social care.",
    ),
    (
        "lakey-hill-green-flag",
        "Lakey Hill country park keeps its Green Flag",
        "The award recognises the park's wildlife meadows and volunteer rangers.",
    ),
    (
        "pothole-blitz",
        "Pothole blitz fixes 4,000 defects",
        "Extra crews repaired roads across the county after the wet winter.",
    ),
    (
        "library-opening-hours",
        "Longer library opening hours in Hollerton",
        "Hollerton library opens until 7pm on Tuesdays and Thursdays.",
    ),
    (
        "local-plan-adopted",
        "Local Plan adopted",
        "The plan allocates land for 9,000 homes and two new employment parks.",
    ),
    (
        "warm-spaces",
        "Warm spaces open across Borsetshire",
        "Libraries and community centres welcome anyone who wants somewhere warm.",
    ),
    (
        "market-square-works",
        "Market Square improvements begin",
        "New paving, seating and trees will be in place by the autumn.",
    ),
    ("foster-carers", "Could you foster a child in Borsetshire?", "We are looking for 40 new foster carers this year."),
    (
        "electric-vehicle-chargers",
        "120 new electric vehicle chargers",
        "On-street chargers are being installed in residential streets without driveways.",
    ),
    ("recycling-rate", "Recycling rate reaches 58%", "Borsetshire residents recycled more than ever last year."),
    (
        "elections-2026",
        "Register to vote before the May elections",
        "The deadline to register for the county council elections is 16 April.",
    ),
]

EVENT_CATEGORIES = [
    ("Family", "family"),
    ("Libraries", "libraries"),
    ("Environment", "environment"),
    ("Consultations", "consultations"),
    ("Health and wellbeing", "health-and-wellbeing"),
]

# (slug, title, summary, days from today, start hour, hours long (0 = all day), location, cost, category, booking)
EVENTS = [
    (
        "story-time-borchester",
        "Story time for under-5s",
        "Stories, songs and rhymes for babies and toddlers.",
        3,
        10,
        1,
        "Borchester Library, Market Street, Borchester",
        "Free",
        "libraries",
        False,
    ),
    (
        "repair-cafe",
        "Repair café",
        "Bring broken items and our volunteers will help you fix them.",
        6,
        10,
        3,
        "Hollerton Community Centre, Church Lane, Hollerton",
        "Free (donations welcome)",
        "environment",
        False,
    ),
    (
        "local-plan-drop-in",
        "Transport strategy drop-in session",
        "Meet the team and comment on the draft transport strategy.",
        9,
        15,
        4,
        "Borchester Town Hall, Market Square, Borchester",
        "Free",
        "consultations",
        False,
    ),
    (
        "lakey-hill-bat-walk",
        "Bat walk at Lakey Hill",
        "A ranger-led walk to find and listen to bats at dusk.",
        12,
        19,
        2,
        "Lakey Hill country park visitor centre",
        "£4, children free",
        "environment",
        True,
    ),
    (
        "family-fun-day",
        "Family fun day",
        "Games, crafts and food stalls in Borchester Park.",
        20,
        0,
        0,
        "Borchester Park, Park Road, Borchester",
        "Free",
        "family",
        False,
    ),
    (
        "health-walk",
        "Health walk",
        "A gentle hour-long walk led by trained volunteers.",
        4,
        11,
        1,
        "Meet at Hollerton Leisure Centre, Station Lane",
        "Free",
        "health-and-wellbeing",
        False,
    ),
    (
        "code-club",
        "Code club for 9 to 13-year-olds",
        "Learn to build games and websites.",
        8,
        16,
        2,
        "Borchester Library, Market Street, Borchester",
        "Free",
        "libraries",
        True,
    ),
    (
        "tree-planting",
        "Community tree planting",
        "Help us plant 500 trees at Ambridge meadows.",
        27,
        0,
        0,
        "Ambridge meadows, Back Lane (parking at the village hall)",
        "Free",
        "environment",
        True,
    ),
]


ACCESSIBILITY_STATEMENT = {
    "slug": "accessibility-statement",
    "title": "Accessibility statement",
    "website_name": "www.borsetshire.example",
    "using_this_website": (
        "<p>This website is run by Borsetshire Council. We want as many people as possible to be able to use it. For example, that means you should be able to:</p>"
        "<ul><li>change colours, contrast levels and fonts using browser or device settings</li>"
        "<li>zoom in up to 400% without the text spilling off the screen</li>"
        "<li>navigate most of the website using a keyboard or speech recognition software</li>"
        "<li>listen to most of the website using a screen reader</li></ul>"
    ),
    "how_accessible": "<p>We know some parts of this website are not fully accessible:</p><ul><li>some older PDF documents are not fully accessible to screen reader software</li><li>some maps are hard to use with a keyboard</li></ul>",
    "compliance_status": "partial",
    "non_compliance": "<p>Some older PDF documents do not have tagged headings, so screen reader users may find them hard to navigate. This fails WCAG 2.2 success criterion 1.3.1 (info and relationships). We are replacing them with web pages by December 2026.</p>",
    "disproportionate_burden": "",
    "outside_scope": "<p>PDFs and other documents published before 23 September 2018 are exempt if they are not needed to use our services, for example old committee minutes.</p>",
    "improvements": "<p>We test new pages with automated tools and with assistive technology before they are published, and review this statement every year.</p>",
    "tested_by": "Borsetshire Council's digital team, with an external audit by an accessibility specialist",
    "test_approach": "We tested the home page, the most visited service pages, the e-forms and the residents' account, chosen by how many people use them.",
}


MICROSITES = [
    {
        "hostname": "adult-learning.localhost",
        "site_name": "Borsetshire Adult Learning",
        "slug": "adult-learning",
        "introduction": "Courses for adults across Borsetshire: English, maths, digital skills, languages and creative arts.",
        "pages": [
            info(
                "courses",
                "Find a course",
                "Daytime, evening and online courses starting this term.",
                p("<p>We run more than 300 courses a year in libraries, community centres and online.</p>"),
            ),
            info(
                "how-to-enrol",
                "How to enrol",
                "Enrol online, by phone or at any library.",
                p("<p>Enrol at least a week before the course starts. Some courses have an assessment first.</p>"),
            ),
            info(
                "fees-and-funding",
                "Fees and funding",
                "Many courses are free if you are on a low income.",
                p(
                    "<p>English, maths and digital skills courses are free for adults without a GCSE grade 4 in the subject.</p>"
                ),
            ),
        ],
        "restricted": {
            "page": info(
                "tutors-area",
                "Tutors' area",
                "Schemes of work, registers and safeguarding procedures for our tutors.",
                p("<p>Registers must be completed within 24 hours of each session.</p>"),
            ),
            "group": "Adult learning tutors",
        },
    },
    {
        "hostname": "safeguarding.localhost",
        "site_name": "Borsetshire Safeguarding Partnership",
        "slug": "safeguarding-partnership",
        "introduction": "Working together to keep children and adults at risk in Borsetshire safe.",
        "pages": [
            info(
                "report-a-concern",
                "Report a concern about a child or adult",
                "What to do if you are worried someone is being abused or neglected.",
                warn("If someone is in immediate danger, call 999."),
                p("<p>Call the Borsetshire Safeguarding Hub on 01632 960 606, open 24 hours a day.</p>"),
            ),
            info(
                "training",
                "Multi-agency training",
                "Free safeguarding training for people who work with children and adults.",
                p("<p>Courses are free to staff and volunteers of partner agencies.</p>"),
            ),
        ],
        "restricted": {
            "page": info(
                "partner-resources",
                "Partner agency resources",
                "Procedures, case review action plans and templates for partner agencies.",
                p("<p>These documents are for partner agencies only. Do not share them outside your organisation.</p>"),
            ),
            "password": "borsetshire-partners",
        },
    },
]
