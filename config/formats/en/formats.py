"""English dates as the district writes them: 'May 15, 2023', not abbreviated as in Django's own ('Jan. 5, 2023')."""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "l, F j, Y, g:i A"
