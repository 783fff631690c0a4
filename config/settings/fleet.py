"""The display fleet and what every process must agree on: the counters the database decides, the screens'
pulse, pairing, and CAP 1.2 input."""

from .environment import env

# Each process reads the database's counters (cms.counters: the content generation, the alerts in force, the fleet's
# settings) at most this often; a change made by another process reaches this one's screens and answers within it.
COUNTER_READ_SECONDS = float(env("COUNTER_READ_SECONDS", "1"))
DISPLAY_PULSE_SECONDS = int(env("DISPLAY_PULSE_SECONDS", "5"))  # displays check for alerts and commands this often
DISPLAY_PAIR_RATE = env("DISPLAY_PAIR_RATE", "30/h")  # pairing codes one address may ask for
# A CAP message whose <sent> is further than this from now, in the past or the future, is refused (422): an old signed
# message replayed (a cancel, say) does nothing. Allow for the sender's clock and its retries (docs/fleet.md).
CAP_SENT_WINDOW_SECONDS = int(env("CAP_SENT_WINDOW_SECONDS", str(15 * 60)))
