"""The fleet's admin views: screens and pairing, alerts, proof of play."""
