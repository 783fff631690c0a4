"""The prewritten alerts the district starts from, in English: short, calm, plain instructions. The data
migration that creates the templates keeps its own frozen copy; editors change the words in the admin."""

TEMPLATES = [
    {
        "slug": "lockdown",
        "name": "Lockdown",
        "severity": "extreme",
        "texts": {
            "en": (
                "Lockdown",
                "Lockdown now. Go to the nearest room that locks. Lock the door, turn off the lights, stay out "
                "of sight and keep silent. Do not open the door until staff or police say it is safe.",
            ),
        },
    },
    {
        "slug": "shelter-in-place",
        "name": "Shelter in place",
        "severity": "extreme",
        "texts": {
            "en": (
                "Shelter in place",
                "Stay inside. Go into the nearest room and close the doors and windows. Do not leave the "
                "building until staff say it is safe.",
            ),
        },
    },
    {
        "slug": "weather-closure",
        "name": "Weather closure",
        "severity": "severe",
        "texts": {
            "en": (
                "School closed for weather",
                "School is closed because of the weather. Follow staff directions and go home safely. Check "
                "the district website for updates.",
            ),
        },
    },
    {
        "slug": "all-clear",
        "name": "All clear",
        "severity": "info",
        "texts": {
            "en": ("All clear", "The emergency is over. It is safe. Follow staff directions."),
        },
    },
]
